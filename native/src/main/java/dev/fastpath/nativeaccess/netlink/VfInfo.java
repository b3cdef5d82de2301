package dev.fastpath.nativeaccess.netlink;

import java.util.Optional;

/**
 * One VF as its PF reports it (IFLA_VF_INFO). Settings the driver does not report are empty: the kernel sends
 * -1 for spoof check, trust and RSS query when the driver leaves them unset.
 *
 * @param maxTxRate Mbit/s, 0 = no limit; equals the legacy IFLA_VF_TX_RATE
 * @param vlanProtocol ethertype of the VLAN tag (0x8100 unless the driver reports otherwise)
 */
public record VfInfo(int vf, MacAddress mac, MacAddress broadcast, int vlan, int qos, int vlanProtocol,
        int minTxRate, int maxTxRate, Optional<Boolean> spoofCheck, Optional<Boolean> trust,
        VfLinkState linkState, Optional<Boolean> rssQuery, Optional<Long> nodeGuid, Optional<Long> portGuid,
        Optional<VfStats> stats) {}
