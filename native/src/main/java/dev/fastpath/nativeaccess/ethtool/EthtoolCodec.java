package dev.fastpath.nativeaccess.ethtool;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The structs behind {@code ifr_data} of SIOCETHTOOL, as byte arrays: pure (no FFM, no root) so every request is
 * compared byte-for-byte with what ethtool 6.1 sends. Layouts are x86_64 {@code <linux/ethtool.h>}
 * (kernel-abi.md section 2): host byte order for the struct fields, network order for addresses and ports.
 *
 * <p>Requests are fully zeroed apart from the fields the command uses; ethtool leaves some of them
 * uninitialised (e.g. {@code ethtool_rxnfc.data} on insert), the kernel ignores those.
 */
public final class EthtoolCodec {
    public static final int ETHTOOL_GDRVINFO = 0x03;
    public static final int ETHTOOL_GSTRINGS = 0x1b;
    public static final int ETHTOOL_GRXCLSRLCNT = 0x2e;
    public static final int ETHTOOL_GRXCLSRULE = 0x2f;
    public static final int ETHTOOL_GRXCLSRLALL = 0x30;
    public static final int ETHTOOL_SRXCLSRLDEL = 0x31;
    public static final int ETHTOOL_SRXCLSRLINS = 0x32;
    public static final int ETHTOOL_GSSET_INFO = 0x37;
    public static final int ETHTOOL_GFEATURES = 0x3a;
    public static final int ETHTOOL_SFEATURES = 0x3b;

    public static final int ETH_SS_FEATURES = 4;
    public static final int ETH_GSTRING_LEN = 32;
    /** SFEATURES answer bit: a requested feature cannot be changed. */
    public static final int ETHTOOL_F_UNSUPPORTED = 1;
    public static final String NTUPLE_FEATURE = "rx-ntuple-filter";

    static final int DRVINFO_SIZE = 196;
    static final int RXNFC_SIZE = 192;
    static final long RX_CLS_LOC_SPECIAL = 0x80000000L;

    // ethtool_rxnfc offsets; fs = ethtool_rx_flow_spec at 16
    private static final int FS = 16;
    private static final int FS_FLOW_TYPE = FS;
    private static final int H_U = FS + 4;
    private static final int M_U = FS + 76;
    private static final int M_EXT = FS + 128;
    private static final int RING_COOKIE = FS + 152;
    private static final int LOCATION = FS + 160;
    private static final int RULE_CNT = 184;
    private static final int RULE_LOCS = 188;
    private static final int UNION_SIZE = 52;
    private static final int EXT_SIZE = 20; // h_ext/m_ext (ethtool_flow_ext)
    private static final int ETH_RX_NFC_IP4 = 1;

    private EthtoolCodec() {}

    /** The ethtool constant's name, for error messages: {@code ETHTOOL_SRXCLSRLINS}. */
    public static String commandName(int cmd) {
        return switch (cmd) {
            case ETHTOOL_GDRVINFO -> "ETHTOOL_GDRVINFO";
            case ETHTOOL_GSTRINGS -> "ETHTOOL_GSTRINGS";
            case ETHTOOL_GRXCLSRLCNT -> "ETHTOOL_GRXCLSRLCNT";
            case ETHTOOL_GRXCLSRULE -> "ETHTOOL_GRXCLSRULE";
            case ETHTOOL_GRXCLSRLALL -> "ETHTOOL_GRXCLSRLALL";
            case ETHTOOL_SRXCLSRLDEL -> "ETHTOOL_SRXCLSRLDEL";
            case ETHTOOL_SRXCLSRLINS -> "ETHTOOL_SRXCLSRLINS";
            case ETHTOOL_GSSET_INFO -> "ETHTOOL_GSSET_INFO";
            case ETHTOOL_GFEATURES -> "ETHTOOL_GFEATURES";
            case ETHTOOL_SFEATURES -> "ETHTOOL_SFEATURES";
            default -> "ETHTOOL_0x" + Integer.toHexString(cmd);
        };
    }

    /** The command word of any request/answer. */
    public static int command(byte[] payload) {
        return le(payload).getInt(0);
    }

    // ------------------------------------------------------------------ driver info

    public static byte[] driverInfoRequest() {
        return command(ETHTOOL_GDRVINFO, DRVINFO_SIZE);
    }

    public static DriverInfo decodeDriverInfo(byte[] answer) {
        expect(answer, ETHTOOL_GDRVINFO, DRVINFO_SIZE);
        return new DriverInfo(cString(answer, 4, 32), cString(answer, 36, 32), cString(answer, 68, 32),
                cString(answer, 100, 32));
    }

    // ------------------------------------------------------------------ features

    /** {@code ETHTOOL_GSSET_INFO} for the feature string set: answers how many features there are. */
    public static byte[] featureCountRequest() {
        ByteBuffer b = le(new byte[20]);
        b.putInt(0, ETHTOOL_GSSET_INFO).putLong(8, 1L << ETH_SS_FEATURES);
        return b.array();
    }

    public static int decodeFeatureCount(byte[] answer) {
        expect(answer, ETHTOOL_GSSET_INFO, 20);
        ByteBuffer b = le(answer);
        if ((b.getLong(8) & (1L << ETH_SS_FEATURES)) == 0) {
            throw new IllegalArgumentException("ETHTOOL_GSSET_INFO: the kernel has no feature string set");
        }
        return b.getInt(16);
    }

    /** {@code ETHTOOL_GSTRINGS} for {@code count} feature names. */
    public static byte[] featureNamesRequest(int count) {
        ByteBuffer b = le(new byte[12 + count * ETH_GSTRING_LEN]);
        b.putInt(0, ETHTOOL_GSTRINGS).putInt(4, ETH_SS_FEATURES).putInt(8, count);
        return b.array();
    }

    public static List<String> decodeFeatureNames(byte[] answer) {
        expect(answer, ETHTOOL_GSTRINGS, 12);
        int count = le(answer).getInt(8);
        expect(answer, ETHTOOL_GSTRINGS, 12 + count * ETH_GSTRING_LEN);
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(cString(answer, 12 + i * ETH_GSTRING_LEN, ETH_GSTRING_LEN));
        }
        return names;
    }

    private static int blocks(int featureCount) {
        return (featureCount + 31) / 32;
    }

    /** {@code ETHTOOL_GFEATURES} with room for {@code featureCount} features (16-byte blocks of 32). */
    public static byte[] getFeaturesRequest(int featureCount) {
        ByteBuffer b = le(new byte[8 + blocks(featureCount) * 16]);
        b.putInt(0, ETHTOOL_GFEATURES).putInt(4, blocks(featureCount));
        return b.array();
    }

    /** Feature {@code index} (its position among the names) out of a GFEATURES answer. */
    public static FeatureState decodeFeature(byte[] answer, int index, String name) {
        expect(answer, ETHTOOL_GFEATURES, 8);
        ByteBuffer b = le(answer);
        int size = b.getInt(4);
        if (index < 0 || index / 32 >= size) {
            throw new IllegalArgumentException("feature " + name + " (#" + index + ") beyond the " + size
                    + " blocks of the ETHTOOL_GFEATURES answer");
        }
        expect(answer, ETHTOOL_GFEATURES, 8 + size * 16);
        int block = 8 + (index / 32) * 16;
        int bit = 1 << (index % 32);
        return new FeatureState(name, (b.getInt(block) & bit) != 0, (b.getInt(block + 4) & bit) != 0,
                (b.getInt(block + 8) & bit) != 0, (b.getInt(block + 12) & bit) != 0);
    }

    /** {@code ETHTOOL_SFEATURES} changing only feature {@code index} (its valid bit) to {@code on}. */
    public static byte[] setFeatureRequest(int featureCount, int index, boolean on) {
        if (index < 0 || index >= featureCount) {
            throw new IllegalArgumentException("feature #" + index + " out of range 0.." + (featureCount - 1));
        }
        ByteBuffer b = le(new byte[8 + blocks(featureCount) * 8]);
        b.putInt(0, ETHTOOL_SFEATURES).putInt(4, blocks(featureCount));
        int block = 8 + (index / 32) * 8;
        int bit = 1 << (index % 32);
        b.putInt(block, bit).putInt(block + 4, on ? bit : 0);
        return b.array();
    }

    // ------------------------------------------------------------------ Flow Director rules (ethtool_rxnfc)

    public static byte[] ruleCountRequest() {
        return command(ETHTOOL_GRXCLSRLCNT, RXNFC_SIZE);
    }

    public static RuleCount decodeRuleCount(byte[] answer) {
        expect(answer, ETHTOOL_GRXCLSRLCNT, RXNFC_SIZE);
        ByteBuffer b = le(answer);
        long data = b.getLong(8);
        return new RuleCount(b.getInt(RULE_CNT), (int) (data & 0x7FFFFFFFL),
                (data & RX_CLS_LOC_SPECIAL) != 0);
    }

    /** {@code ETHTOOL_GRXCLSRLALL} with room for {@code capacity} locations (192 + 4n bytes, as ethtool). */
    public static byte[] allRulesRequest(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("rule capacity " + capacity + " is negative");
        }
        ByteBuffer b = le(new byte[RXNFC_SIZE + 4 * capacity]);
        b.putInt(0, ETHTOOL_GRXCLSRLALL).putInt(RULE_CNT, capacity);
        return b.array();
    }

    /** The rule locations of a GRXCLSRLALL answer (the kernel writes them from offset 188). */
    public static int[] decodeAllRules(byte[] answer) {
        expect(answer, ETHTOOL_GRXCLSRLALL, RXNFC_SIZE);
        ByteBuffer b = le(answer);
        int count = b.getInt(RULE_CNT);
        if (count < 0 || RULE_LOCS + 4L * count > answer.length) {
            throw new IllegalArgumentException("ETHTOOL_GRXCLSRLALL answer claims " + count + " rules, room for "
                    + (answer.length - RULE_LOCS) / 4);
        }
        int[] locations = new int[count];
        for (int i = 0; i < count; i++) {
            locations[i] = b.getInt(RULE_LOCS + 4 * i);
        }
        return locations;
    }

    public static byte[] getRuleRequest(int location) {
        ByteBuffer b = le(new byte[RXNFC_SIZE]);
        b.putInt(0, ETHTOOL_GRXCLSRULE).putInt(LOCATION, location);
        return b.array();
    }

    public static byte[] deleteRuleRequest(int location) {
        ByteBuffer b = le(new byte[RXNFC_SIZE]);
        b.putInt(0, ETHTOOL_SRXCLSRLDEL).putInt(LOCATION, location);
        return b.array();
    }

    /** {@code ETHTOOL_SRXCLSRLINS} of {@code rule} at {@code rule.location()}. */
    public static byte[] insertRuleRequest(FlowRule rule) {
        ByteBuffer b = le(new byte[RXNFC_SIZE]);
        b.putInt(0, ETHTOOL_SRXCLSRLINS);
        b.putInt(FS_FLOW_TYPE, rule.flowType().value());
        FlowType type = rule.flowType();
        int srcOff = 0;
        int dstOff = type.ipv6() ? 16 : 4;
        int portOff = type.ipv6() ? 32 : 8;
        rule.source().ifPresent(ip -> {
            b.put(H_U + srcOff, ip.address().getAddress());
            b.put(M_U + srcOff, ip.mask());
        });
        rule.destination().ifPresent(ip -> {
            b.put(H_U + dstOff, ip.address().getAddress());
            b.put(M_U + dstOff, ip.mask());
        });
        rule.sourcePort().ifPresent(p -> {
            putBe16(b, H_U + portOff, p);
            putBe16(b, M_U + portOff, 0xffff);
        });
        rule.destinationPort().ifPresent(p -> {
            putBe16(b, H_U + portOff + 2, p);
            putBe16(b, M_U + portOff + 2, 0xffff);
        });
        if (type == FlowType.IP4) {
            b.put(H_U + 13, (byte) ETH_RX_NFC_IP4); // usr_ip4_spec.ip_ver: ethtool sets it, the mask stays 0
        }
        b.putLong(RING_COOKIE, rule.action().ringCookie());
        b.putInt(LOCATION, rule.location());
        return b.array();
    }

    /** The slot the kernel used, from the struct it copies back after SRXCLSRLINS. */
    public static int decodeInsertedLocation(byte[] answer) {
        expect(answer, ETHTOOL_SRXCLSRLINS, RXNFC_SIZE);
        return le(answer).getInt(LOCATION);
    }

    /**
     * The rule in a GRXCLSRULE answer (or an SRXCLSRLINS request). Refuses, naming the field, what the model
     * cannot say: FLOW_EXT/MAC_EXT matches, tos/tclass or L4-word matches, partial port masks, non-prefix masks.
     */
    public static FlowRule decodeRule(byte[] rxnfc) {
        if (rxnfc.length < RXNFC_SIZE) {
            throw new IllegalArgumentException("ethtool_rxnfc needs " + RXNFC_SIZE + " bytes, got " + rxnfc.length);
        }
        ByteBuffer b = le(rxnfc);
        int location = b.getInt(LOCATION);
        int rawType = b.getInt(FS_FLOW_TYPE);
        FlowType type = FlowType.of(rawType);
        String where = "rule " + Integer.toUnsignedString(location) + " (" + type.ethtoolName() + ")";
        if (!allZero(rxnfc, M_EXT, EXT_SIZE)) {
            throw new IllegalArgumentException(where + " matches FLOW_EXT/FLOW_MAC_EXT fields (VLAN, user-def, MAC)"
                    + ", which this model does not express");
        }
        int addrLen = type.ipv6() ? 16 : 4;
        int dstOff = type.ipv6() ? 16 : 4;
        int portOff = type.ipv6() ? 32 : 8;
        Optional<IpMatch> src = IpMatch.fromKernel(bytes(rxnfc, H_U, addrLen), bytes(rxnfc, M_U, addrLen),
                where + " src-ip");
        Optional<IpMatch> dst = IpMatch.fromKernel(bytes(rxnfc, H_U + dstOff, addrLen),
                bytes(rxnfc, M_U + dstOff, addrLen), where + " dst-ip");
        OptionalInt srcPort = OptionalInt.empty();
        OptionalInt dstPort = OptionalInt.empty();
        int restOff;
        if (type.hasPorts()) {
            srcPort = port(b, portOff, where + " src-port");
            dstPort = port(b, portOff + 2, where + " dst-port");
            restOff = portOff + 4; // tos/tclass onwards
        } else {
            restOff = portOff; // l4_4_bytes, tos/tclass, ip_ver/proto
        }
        if (!allZero(rxnfc, M_U + restOff, UNION_SIZE - restOff)) {
            throw new IllegalArgumentException(where + " matches tos/tclass/L4 protocol/L4 bytes, which this"
                    + " model does not express");
        }
        RuleAction action = RuleAction.fromRingCookie(b.getLong(RING_COOKIE));
        return new FlowRule(location, type, src, dst, srcPort, dstPort, action);
    }

    // ------------------------------------------------------------------ helpers

    private static OptionalInt port(ByteBuffer b, int off, String field) {
        int mask = be16(b, M_U + off);
        if (mask == 0) {
            return OptionalInt.empty();
        }
        if (mask != 0xffff) {
            throw new IllegalArgumentException(field + " has a partial mask 0x" + Integer.toHexString(mask));
        }
        return OptionalInt.of(be16(b, H_U + off));
    }

    private static byte[] command(int cmd, int size) {
        ByteBuffer b = le(new byte[size]);
        b.putInt(0, cmd);
        return b.array();
    }

    private static void expect(byte[] answer, int cmd, int minSize) {
        if (answer.length < minSize) {
            throw new IllegalArgumentException(commandName(cmd) + " needs " + minSize + " bytes, got " + answer.length);
        }
        int got = le(answer).getInt(0);
        if (got != cmd) {
            throw new IllegalArgumentException("expected " + commandName(cmd) + ", got " + commandName(got));
        }
    }

    private static ByteBuffer le(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void putBe16(ByteBuffer b, int off, int value) {
        b.put(off, (byte) (value >>> 8)).put(off + 1, (byte) value);
    }

    private static int be16(ByteBuffer b, int off) {
        return (b.get(off) & 0xff) << 8 | (b.get(off + 1) & 0xff);
    }

    private static byte[] bytes(byte[] src, int off, int len) {
        return Arrays.copyOfRange(src, off, off + len);
    }

    private static boolean allZero(byte[] src, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (src[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String cString(byte[] src, int off, int max) {
        int end = off;
        while (end < off + max && src[end] != 0) {
            end++;
        }
        return new String(src, off, end - off, StandardCharsets.UTF_8);
    }
}
