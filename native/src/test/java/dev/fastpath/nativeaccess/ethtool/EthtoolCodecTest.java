package dev.fastpath.nativeaccess.ethtool;

import static dev.fastpath.nativeaccess.ethtool.EthtoolCodec.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fastpath.nativeaccess.ethtool.RuleAction.Drop;
import dev.fastpath.nativeaccess.ethtool.RuleAction.Queue;
import dev.fastpath.nativeaccess.ethtool.RuleAction.ToVf;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every request the codec builds against the bytes ethtool 6.1 sent for the same operation (ethtool/vectors.txt),
 * and every field decoded back. Where ethtool leaves a field uninitialised (stack garbage the kernel ignores),
 * the comparison skips exactly those bytes and checks that ours are zero.
 */
class EthtoolCodecTest {
    static final CapturedVectors VECTORS = CapturedVectors.load();

    /** ethtool's rxclass_rule_ins never sets ethtool_rxnfc.flow_type/data (4..16) nor the tail padding (188..192). */
    static final int[][] INSERT_UNINITIALISED = {{4, 16}, {188, 192}};

    static Stream<Arguments> insertions() {
        return Stream.of(
                Arguments.of("-N fpcap0 flow-type udp4 dst-port 4789 action 3 loc 5",
                        FlowRule.of(FlowType.UDP4).dstPort(4789).action(new Queue(3)).at(5)),
                Arguments.of("-N fpcap0 flow-type udp4 dst-ip 10.0.0.5 dst-port 4789 action 2 loc 5",
                        FlowRule.of(FlowType.UDP4).dst("10.0.0.5").dstPort(4789).action(new Queue(2)).at(5)),
                Arguments.of("-N fpcap0 flow-type tcp4 src-ip 10.0.0.0 m 0.0.0.255 dst-port 80 action -1 loc 7",
                        FlowRule.of(FlowType.TCP4).src("10.0.0.0/24").dstPort(80).action(new Drop()).at(7)),
                Arguments.of("-N fpcap0 flow-type sctp4 src-ip 192.168.1.10 dst-ip 192.168.2.20 src-port 3868 "
                                + "dst-port 3868 action 1 loc 8",
                        FlowRule.of(FlowType.SCTP4).src("192.168.1.10").dst("192.168.2.20").srcPort(3868)
                                .dstPort(3868).action(new Queue(1)).at(8)),
                Arguments.of("-N fpcap0 flow-type ip4 src-ip 192.168.1.1 dst-ip 192.168.2.0 m 0.0.0.255 action 4 loc 9",
                        FlowRule.of(FlowType.IP4).src("192.168.1.1").dst("192.168.2.0/24").action(new Queue(4)).at(9)),
                Arguments.of("-N fpcap0 flow-type udp4 dst-ip 10.0.0.5 dst-port 4789 vf 2 queue 1 loc 6",
                        FlowRule.of(FlowType.UDP4).dst("10.0.0.5").dstPort(4789).action(new ToVf(2, 1)).at(6)),
                Arguments.of("-N fpcap0 flow-type udp6 dst-ip 2001:db8::10 dst-port 4789 action 2 loc 11",
                        FlowRule.of(FlowType.UDP6).dst("2001:db8::10").dstPort(4789).action(new Queue(2)).at(11)),
                Arguments.of("-N fpcap0 flow-type tcp6 src-ip 2001:db8:1:: m ::ffff:ffff:ffff:ffff dst-port 443 "
                                + "action -1 loc 12",
                        FlowRule.of(FlowType.TCP6).src("2001:db8:1::/64").dstPort(443).action(new Drop()).at(12)),
                Arguments.of("-N fpcap0 flow-type sctp6 src-ip 2001:db8::1 dst-ip 2001:db8::2 src-port 3868 "
                                + "dst-port 3868 vf 0 queue 3 loc 13",
                        FlowRule.of(FlowType.SCTP6).src("2001:db8::1").dst("2001:db8::2").srcPort(3868)
                                .dstPort(3868).action(new ToVf(0, 3)).at(13)),
                Arguments.of("-N fpcap0 flow-type ip6 dst-ip 2001:db8::5 action 4 loc 14",
                        FlowRule.of(FlowType.IP6).dst("2001:db8::5").action(new Queue(4)).at(14)));
    }

    @ParameterizedTest(name = "ethtool {0}")
    @MethodSource("insertions")
    void insertRequestIsWhatEthtoolSends(String commandLine, FlowRule rule) {
        byte[] captured = VECTORS.request(commandLine, ETHTOOL_SRXCLSRLINS).bytes();
        byte[] ours = insertRuleRequest(rule);

        assertSameExcept(captured, ours, INSERT_UNINITIALISED);
        assertEquals(rule, decodeRule(captured), "every field of ethtool's request decodes to the rule");
        assertEquals(rule, decodeRule(ours));
        assertEquals(rule.location(), decodeInsertedLocation(ours));
    }

    @Test
    void ringCookieEncodesVfPlusOneAboveTheQueue() {
        assertEquals(0x0000000300000001L, new ToVf(2, 1).ringCookie());
        assertEquals(0x0000000800000002L, new ToVf(7, 2).ringCookie(), "kernel-abi.md's example: VF 7 queue 2");
        assertEquals(new ToVf(7, 2), RuleAction.fromRingCookie(0x0000000800000002L));
        assertEquals(new Queue(2), RuleAction.fromRingCookie(2));
        assertEquals(new Drop(), RuleAction.fromRingCookie(-1L));
        assertThrows(IllegalArgumentException.class, () -> RuleAction.fromRingCookie(0xFFFFFFFFFFFFFFFEL));
        assertThrows(IllegalArgumentException.class, () -> new ToVf(255, 0));
    }

    @Test
    void getAndDeleteRequests() {
        String get = "-n fpcap0 rule 5";
        // ethtool zeroes the struct for GRXCLSRULE except rss_context..end (184..192)
        assertSameExcept(VECTORS.request(get, ETHTOOL_GRXCLSRULE).bytes(), getRuleRequest(5), new int[][] {{184, 192}});
        // for SRXCLSRLDEL ethtool sets only cmd and fs.location; everything else is stack garbage
        byte[] del = VECTORS.request("-N fpcap0 delete 5", ETHTOOL_SRXCLSRLDEL).bytes();
        assertSameExcept(del, deleteRuleRequest(5), new int[][] {{4, 176}, {180, 192}});
    }

    @Test
    void ruleCountAndAllLocations() {
        String faked = "[ETHTOOL_DUMP_FAKE_RULE_COUNT=3] -n fpcap0";
        assertSameExcept(VECTORS.request("-n fpcap0", ETHTOOL_GRXCLSRLCNT).bytes(), ruleCountRequest(),
                new int[][] {{4, 192}});
        // the count answer here is the shim's (3 rules, table 512), as a NIC would give it
        assertEquals(new RuleCount(3, 512, false), decodeRuleCount(VECTORS.answer(faked, ETHTOOL_GRXCLSRLCNT).bytes()));
        byte[] all = VECTORS.request(faked, ETHTOOL_GRXCLSRLALL).bytes();
        assertArrayEquals(all, allRulesRequest(3), "192 + 4n bytes, rule_cnt = capacity, nothing else");

        byte[] answer = allRulesRequest(3);
        java.nio.ByteBuffer.wrap(answer).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putInt(8, 512).putInt(184, 2).putInt(188, 5).putInt(192, 7);
        assertArrayEquals(new int[] {5, 7}, decodeAllRules(answer));
        assertEquals(new RuleCount(0, 8192, true),
                decodeRuleCount(java.nio.ByteBuffer.wrap(ruleCountRequest()).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                        .putLong(8, 0x80000000L | 8192).array()));
    }

    @Test
    void driverInfo() {
        byte[] request = VECTORS.request("-i fpcap0", ETHTOOL_GDRVINFO).bytes();
        assertSameExcept(request, driverInfoRequest(), new int[][] {{4, 196}});
        DriverInfo info = decodeDriverInfo(VECTORS.answer("-i fpcap0", ETHTOOL_GDRVINFO).bytes());
        assertEquals("veth", info.driver());
        assertEquals("1.0", info.version());
        assertEquals("", info.busInfo());
        assertTrue(info.pciAddress().isEmpty());
        assertEquals("0000:03:02.0", new DriverInfo("iavf", "", "", "0000:03:02.0").pciAddress().orElseThrow());
    }

    @Test
    void ntupleFeatureLookupAndSet() {
        String show = "[ETHTOOL_DUMP_NO_NETLINK=1] -k fpcap0";
        assertArrayEquals(VECTORS.request(show, ETHTOOL_GSSET_INFO).bytes(), featureCountRequest());
        int count = decodeFeatureCount(VECTORS.answer(show, ETHTOOL_GSSET_INFO).bytes());
        assertEquals(64, count);
        assertArrayEquals(VECTORS.request(show, ETHTOOL_GSTRINGS).bytes(), featureNamesRequest(count));
        List<String> names = decodeFeatureNames(VECTORS.answer(show, ETHTOOL_GSTRINGS).bytes());
        assertEquals(count, names.size());
        assertEquals("tx-scatter-gather", names.getFirst());
        int ntuple = names.indexOf(NTUPLE_FEATURE);
        assertEquals(38, ntuple, "index 38 on 6.18 (looked up by name, never assumed)");

        // GFEATURES: ethtool sets cmd and size only, the blocks are the kernel's to fill
        assertSameExcept(VECTORS.request(show, ETHTOOL_GFEATURES).bytes(), getFeaturesRequest(count),
                new int[][] {{8, 40}});
        FeatureState onVeth = decodeFeature(VECTORS.answer(show, ETHTOOL_GFEATURES).bytes(), ntuple, NTUPLE_FEATURE);
        assertEquals(new FeatureState(NTUPLE_FEATURE, false, false, false, false), onVeth, "veth: off [fixed]");
        FeatureState gso = decodeFeature(VECTORS.answer(show, ETHTOOL_GFEATURES).bytes(),
                names.indexOf("tx-generic-segmentation"), "tx-generic-segmentation");
        assertTrue(gso.available() && gso.active());

        String on = "[ETHTOOL_DUMP_NO_NETLINK=1 ETHTOOL_DUMP_FEATURE_AVAILABLE=rx-ntuple-filter] -K fpcap0 ntuple on";
        String off = "[ETHTOOL_DUMP_NO_NETLINK=1 ETHTOOL_DUMP_FEATURE_AVAILABLE=rx-ntuple-filter] -K fpcap0 ntuple off";
        assertArrayEquals(VECTORS.request(on, ETHTOOL_SFEATURES).bytes(), setFeatureRequest(count, ntuple, true));
        assertArrayEquals(VECTORS.request(off, ETHTOOL_SFEATURES).bytes(), setFeatureRequest(count, ntuple, false));
        assertEquals(ETHTOOL_F_UNSUPPORTED, VECTORS.answer(on, ETHTOOL_SFEATURES).rc(),
                "the kernel's answer for a veth: positive ETHTOOL_F_UNSUPPORTED, not an errno");
    }

    @Test
    void decodingRefusesWhatTheModelCannotSay() {
        byte[] partialPort = insertRuleRequest(FlowRule.of(FlowType.UDP4).dstPort(4789).at(1));
        partialPort[16 + 76 + 10] = (byte) 0xff;
        partialPort[16 + 76 + 11] = 0x00;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> decodeRule(partialPort));
        assertEquals("rule 1 (udp4) dst-port has a partial mask 0xff00", e.getMessage());

        byte[] holeyMask = insertRuleRequest(FlowRule.of(FlowType.TCP4).src("10.0.0.0/24").at(2));
        holeyMask[16 + 76] = 0x0f;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> decodeRule(holeyMask)).getMessage()
                .contains("src-ip mask 0fffff00 is not a prefix"));

        byte[] vlan = insertRuleRequest(FlowRule.of(FlowType.TCP4).at(3));
        vlan[16 + 128 + 10] = (byte) 0xff;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> decodeRule(vlan)).getMessage()
                .startsWith("rule 3 (tcp4) matches FLOW_EXT"));

        byte[] ether = insertRuleRequest(FlowRule.of(FlowType.TCP4).at(4));
        ether[16] = 18; // ETHER_FLOW
        assertThrows(IllegalArgumentException.class, () -> decodeRule(ether));
    }

    @Test
    void badRulesAreRefusedNamingTheField() {
        assertEquals("address 2001:db8:0:0:0:0:0:1/128 does not fit flow type udp4",
                assertThrows(IllegalArgumentException.class,
                        () -> FlowRule.of(FlowType.UDP4).dst("2001:db8::1").at(1)).getMessage());
        assertEquals("flow type ip4 has no ports to match", assertThrows(IllegalArgumentException.class,
                () -> FlowRule.of(FlowType.IP4).dstPort(80).at(1)).getMessage());
        assertEquals("port 70000 out of range 0..65535", assertThrows(IllegalArgumentException.class,
                () -> FlowRule.of(FlowType.TCP4).dstPort(70000).at(1)).getMessage());
        assertEquals("not an IP address: 'example.com'", assertThrows(IllegalArgumentException.class,
                () -> FlowRule.of(FlowType.TCP4).dst("example.com")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> FlowRule.of(FlowType.TCP4).at(-1)).getMessage().contains("location"));
        assertEquals("prefix length 33 of 10.0.0.0 out of range 1..32", assertThrows(IllegalArgumentException.class,
                () -> IpMatch.parse("10.0.0.0/33")).getMessage());
    }

    @Test
    void ruleToStringSpeaksEthtool() {
        assertEquals("flow-type udp4 dst-ip 10.0.0.5/32 dst-port 4789 vf 2 queue 1 loc 6",
                FlowRule.of(FlowType.UDP4).dst("10.0.0.5").dstPort(4789).action(new ToVf(2, 1)).at(6).toString());
    }

    /** Equal everywhere except the given [from, to) ranges, where ours must be zero. */
    static void assertSameExcept(byte[] captured, byte[] ours, int[][] skipped) {
        assertEquals(captured.length, ours.length, "struct size");
        byte[] a = captured.clone();
        byte[] b = ours.clone();
        for (int[] range : skipped) {
            for (int i = range[0]; i < range[1]; i++) {
                assertEquals(0, ours[i], "our byte " + i + " (a field ethtool leaves uninitialised) must be zero");
                a[i] = 0;
                b[i] = 0;
            }
        }
        if (!Arrays.equals(a, b)) {
            HexFormat hex = HexFormat.of();
            assertEquals(hex.formatHex(a), hex.formatHex(b), "bytes differ");
        }
        assertFalse(Arrays.equals(new byte[a.length], a), "a real vector, not all zero");
    }
}
