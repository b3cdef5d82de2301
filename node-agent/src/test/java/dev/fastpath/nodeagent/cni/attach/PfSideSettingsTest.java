package dev.fastpath.nodeagent.cni.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastpath.cniplugin.types.CniJson;
import dev.fastpath.cniplugin.types.NetConf;
import dev.fastpath.nativeaccess.netlink.MacAddress;
import dev.fastpath.nativeaccess.netlink.VfConfig;
import dev.fastpath.nativeaccess.netlink.VfInfo;
import dev.fastpath.nativeaccess.netlink.VfLinkState;
import dev.fastpath.nativeaccess.netlink.VlanProtocol;
import dev.fastpath.nativeaccess.netlink.codec.RtnlRequests;
import dev.fastpath.nodeagent.cni.attach.PfSideSettings.Mismatch;
import dev.fastpath.nodeagent.cni.attach.PfVfReplies.VfState;
import dev.fastpath.nativeaccess.sysfs.PciAddress;
import dev.fastpath.nativeaccess.sysfs.PciDevice;
import dev.fastpath.nativeaccess.sysfs.VirtualFunction;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * PF-side VF settings as pure functions: what a netconf asks for ({@link PfSideSettings#requested}), how it
 * compares with the VF as a PF reports it ({@link PfSideSettings#verify}; the VfInfo values come from PF replies
 * built in the kernel's layout and parsed by the native codec), and what DEL sends back.
 */
class PfSideSettingsTest {
    static NetConf conf(String fields) throws Exception {
        return CniJson.MAPPER.readValue("{\"cniVersion\":\"1.1.0\",\"name\":\"n\",\"type\":\"fastpath\",\"attachment\":\"sriov\"" + fields + "}",
                NetConf.class);
    }

    static VfConfig requested(String fields) throws Exception {
        return PfSideSettings.requested(conf(fields), 3, true).orElseThrow();
    }

    static VfState vf3() {
        return VfState.defaults(3);
    }

    @Test
    void nothingAskedIsNothingSent() throws Exception {
        assertEquals(Optional.empty(), PfSideSettings.requested(conf(",\"mtu\":1400"), 3, true));
        assertEquals(Optional.empty(), PfSideSettings.requested(conf(",\"mac\":\"02:00:00:00:00:01\""), 3, false),
                "sriov sets the MAC on the netdev, not via the PF");
    }

    @Test
    void onlyMaxTxRateKeepsTheMinTheVfHas() throws Exception {
        VfConfig c = requested(",\"max_tx_rate\":2000");
        assertTrue(c.rate().isEmpty(), "no full rate: that would send min 0 and clear the VF's min limit");
        assertTrue(c.needsCurrentRate());
        assertEquals(new VfConfig.RateUpdate(OptionalInt.empty(), OptionalInt.of(2000)), c.rateUpdate().orElseThrow());
        // Handle.setVf completes it from the PF's report; the request the kernel gets carries the VF's min (100).
        VfInfo current = PfVfReplies.parsed(vf3().rate(100, 500));
        VfConfig complete = c.withCurrentRate(Optional.of(current));
        assertEquals(new VfConfig.Rate(100, 2000), complete.rate().orElseThrow());
        VfInfo sent = PfVfReplies.parseLink(RtnlRequests.setVf(4, complete)).vfs().getFirst();
        assertEquals(3, sent.vf());
        assertEquals(100, sent.minTxRate());
        assertEquals(2000, sent.maxTxRate());
    }

    @Test
    void onlyMinTxRateKeepsTheMaxTheVfHas() throws Exception {
        VfConfig c = requested(",\"min_tx_rate\":50");
        assertTrue(c.rate().isEmpty());
        assertEquals(new VfConfig.RateUpdate(OptionalInt.of(50), OptionalInt.empty()), c.rateUpdate().orElseThrow());
        VfConfig complete = c.withCurrentRate(Optional.of(PfVfReplies.parsed(vf3().rate(10, 900))));
        VfInfo sent = PfVfReplies.parseLink(RtnlRequests.setVf(4, complete)).vfs().getFirst();
        assertEquals(50, sent.minTxRate());
        assertEquals(900, sent.maxTxRate(), "the max limit the VF had is kept");
    }

    @Test
    void bothRatesAreSentAsGiven() throws Exception {
        VfConfig c = requested(",\"min_tx_rate\":50,\"max_tx_rate\":700");
        assertEquals(Optional.of(new VfConfig.Rate(50, 700)), c.rate());
        assertFalse(c.needsCurrentRate());
    }

    @Test
    void everySettingIsAskedFor() throws Exception {
        VfConfig c = requested(",\"vlan\":100,\"vlanQoS\":3,\"vlanProto\":\"802.1ad\",\"runtimeConfig\":{\"mac\":\"02:00:00:00:00:aa\"},"
                + "\"spoofchk\":\"off\",\"trust\":\"on\",\"link_state\":\"disable\"");
        assertEquals(new VfConfig.Vlan(100, 3, VlanProtocol.IEEE_802_1AD), c.vlan().orElseThrow());
        assertEquals(MacAddress.parse("02:00:00:00:00:aa"), c.mac().orElseThrow());
        assertEquals(Optional.of(false), c.spoofCheck());
        assertEquals(Optional.of(true), c.trust());
        assertEquals(Optional.of(VfLinkState.DISABLE), c.linkState());
    }

    @Test
    void aVfThatHasEverySettingMatches() throws Exception {
        VfConfig c = requested(",\"vlan\":100,\"vlanQoS\":3,\"vlanProto\":\"802.1ad\",\"runtimeConfig\":{\"mac\":\"02:00:00:00:00:aa\"},"
                + "\"spoofchk\":\"off\",\"trust\":\"on\",\"link_state\":\"disable\",\"min_tx_rate\":10,\"max_tx_rate\":1000");
        VfInfo actual = PfVfReplies.parsed(vf3().vlan(100, 3, 0x88a8).mac(new byte[] {2, 0, 0, 0, 0, (byte) 0xaa}).spoofTrust(0, 1)
                .linkState(2).rate(10, 1000));
        assertEquals(Optional.empty(), PfSideSettings.verify(c, actual));
    }

    @Test
    void eachDriftedSettingIsNamedWithExpectedAndActual() throws Exception {
        assertMismatch(",\"vlan\":100", vf3().vlan(200, 0, 0x8100), "vlan", "100", "200");
        assertMismatch(",\"vlan\":100", vf3(), "vlan", "100", "0");
        assertMismatch(",\"vlan\":0", vf3().vlan(5, 0, 0x8100), "vlan", "0", "5");
        assertMismatch(",\"vlan\":100,\"vlanQoS\":3", vf3().vlan(100, 0, 0x8100), "vlanQoS", "3", "0");
        assertMismatch(",\"vlan\":100,\"vlanProto\":\"802.1ad\"", vf3().vlan(100, 0, 0x8100), "vlanProto", "802.1ad", "802.1q");
        assertMismatch(",\"vlan\":100", vf3().vlan(100, 0, 0x88a8), "vlanProto", "802.1q", "802.1ad");
        assertMismatch(",\"mac\":\"02:00:00:00:00:aa\"", vf3(), "mac", "02:00:00:00:00:aa", "02:00:00:00:07:03");
        assertMismatch(",\"spoofchk\":\"off\"", vf3().spoofTrust(1, 0), "spoofchk", "off", "on");
        assertMismatch(",\"trust\":\"on\"", vf3().spoofTrust(1, 0), "trust", "on", "off");
        assertMismatch(",\"link_state\":\"enable\"", vf3().linkState(0), "link_state", "enable", "auto");
        assertMismatch(",\"min_tx_rate\":10,\"max_tx_rate\":1000", vf3().rate(0, 1000), "min_tx_rate", "10", "0");
        assertMismatch(",\"min_tx_rate\":10,\"max_tx_rate\":1000", vf3().rate(10, 0), "max_tx_rate", "1000", "0");
        assertMismatch(",\"max_tx_rate\":1000", vf3().rate(10, 500), "max_tx_rate", "1000", "500");
    }

    @Test
    void theFirstMismatchInNetconfOrderIsReported() throws Exception {
        Mismatch m = PfSideSettings.verify(requested(",\"vlan\":100,\"trust\":\"on\",\"max_tx_rate\":10"), PfVfReplies.parsed(vf3())).orElseThrow();
        assertEquals("vlan", m.setting());
    }

    @Test
    void aOneSidedRateOnlyComparesItsSide() throws Exception {
        assertEquals(Optional.empty(), PfSideSettings.verify(requested(",\"max_tx_rate\":1000"), PfVfReplies.parsed(vf3().rate(77, 1000))));
        assertEquals(Optional.empty(), PfSideSettings.verify(requested(",\"min_tx_rate\":20"), PfVfReplies.parsed(vf3().rate(20, 5000))));
    }

    @Test
    void qosAndProtocolDoNotMatterWithoutAVlan() throws Exception {
        assertEquals(Optional.empty(), PfSideSettings.verify(requested(",\"vlan\":0"), PfVfReplies.parsed(vf3().vlan(0, 0, 0x88a8))));
    }

    @Test
    void settingsTheDriverDoesNotReportAreNotCalledDrift() throws Exception {
        VfInfo unreported = PfVfReplies.parsed(vf3().spoofTrust(-1, -1));
        assertEquals(Optional.empty(), unreported.spoofCheck());
        assertEquals(Optional.empty(), PfSideSettings.verify(requested(",\"spoofchk\":\"on\",\"trust\":\"off\""), unreported));
    }

    @Test
    void theMismatchMessageNamesVfPfSettingAndBothValues() throws Exception {
        Mismatch m = PfSideSettings.verify(requested(",\"vlan\":100"), PfVfReplies.parsed(vf3().vlan(7, 0, 0x8100))).orElseThrow();
        PciAddress address = PciAddress.parse("0000:03:02.3");
        VirtualFunction vf = new VirtualFunction(PciAddress.parse("0000:03:00.0"), 3,
                new PciDevice(address, 0x8086, 0x154c, OptionalInt.empty(), Optional.of("iavf"), List.of("ens1f0v3"), OptionalInt.empty()));
        assertEquals("VF 3 (0000:03:02.3) on PF ens1f0: vlan is 7, the netconf asks for 100", m.describe("ens1f0", vf));
    }

    @Test
    void delPutsBackOnlyTheSettingsAddChanged() throws Exception {
        ObjectNode pf = CniJson.MAPPER.createObjectNode().put("netdev", "ens1f0").put("vf", 3).put("mac", "02:00:00:00:07:03").put("vlan", 9)
                .put("qos", 1).put("vlanProtocol", 0x8100).put("minTxRate", 5).put("maxTxRate", 500).put("spoofCheck", true).put("trust", false)
                .put("linkState", "AUTO");
        pf.putArray("applied").addAll(PfSideSettings.changedGroups(requested(",\"trust\":\"on\",\"max_tx_rate\":2000")).stream()
                .map(CniJson.MAPPER.getNodeFactory()::textNode).toList());
        VfConfig back = PfSideSettings.restoring(pf);
        assertEquals(Optional.of(false), back.trust());
        assertEquals(Optional.of(new VfConfig.Rate(5, 500)), back.rate());
        assertTrue(back.mac().isEmpty() && back.vlan().isEmpty() && back.spoofCheck().isEmpty() && back.linkState().isEmpty(),
                "untouched settings are not re-sent: " + back);

        pf.remove("applied"); // a checkpoint written before the changed settings were recorded: put back all
        VfConfig all = PfSideSettings.restoring(pf);
        assertEquals(List.of(true, true, true, true, true, true), List.of(all.mac().isPresent(), all.vlan().isPresent(), all.spoofCheck().isPresent(),
                all.trust().isPresent(), all.linkState().isPresent(), all.rate().isPresent()));
        assertEquals(new VfConfig.Vlan(9, 1, VlanProtocol.IEEE_802_1Q), all.vlan().orElseThrow());
    }

    private static void assertMismatch(String fields, VfState actual, String setting, String expected, String got) throws Exception {
        Mismatch m = PfSideSettings.verify(requested(fields), PfVfReplies.parsed(actual)).orElseThrow(() -> new AssertionError("no mismatch for " + fields));
        assertEquals(new Mismatch(setting, expected, got), m, fields);
    }
}
