package dev.fastpath.api.v1alpha1;

/**
 * The CEL rules ({@code x-kubernetes-validations}) of the CRDs, with the message each reports. Rules that are
 * shared by NodePolicy and NodeState live here once. Only standard CEL and the strings extension that
 * Kubernetes enables are used; rules that parse a VF range first check its shape, so a malformed range is
 * reported once, by its pattern, and never as a CEL evaluation error.
 */
public final class Cel {

    private static final String RANGE_RE = "'^[0-9]+-[0-9]+$'";

    // The reasons Kubernetes accepts for a rule (the error type kubectl shows).
    static final String INVALID = "FieldValueInvalid";
    static final String REQUIRED = "FieldValueRequired";
    static final String FORBIDDEN = "FieldValueForbidden";
    static final String DUPLICATE = "FieldValueDuplicate";

    // ---- NetworkAttachmentSpec

    public static final String VLANQOS_NEEDS_VLAN = "!has(self.vlanQoS) || has(self.vlan)";
    public static final String VLANQOS_NEEDS_VLAN_MESSAGE = "vlanQoS requires vlan";
    public static final String VLANQOS_NEEDS_VLAN_FIELD = ".vlanQoS";

    public static final String VLANPROTO_NEEDS_VLAN = "!has(self.vlanProto) || has(self.vlan)";
    public static final String VLANPROTO_NEEDS_VLAN_MESSAGE = "vlanProto requires vlan";
    public static final String VLANPROTO_NEEDS_VLAN_FIELD = ".vlanProto";

    public static final String POOL_REQUIRED = "!(self.type in ['sriov', 'sriov-dpdk']) || has(self.pool)";
    public static final String POOL_REQUIRED_MESSAGE = "pool is required when type is sriov or sriov-dpdk";
    public static final String POOL_REQUIRED_FIELD = ".pool";

    public static final String POOL_FORBIDDEN = "self.type in ['sriov', 'sriov-dpdk'] || !has(self.pool)";
    public static final String POOL_FORBIDDEN_MESSAGE = "pool is only allowed when type is sriov or sriov-dpdk";
    public static final String POOL_FORBIDDEN_FIELD = ".pool";

    public static final String VHOSTUSER_ONLY_VHOST = "!has(self.vhostUser) || self.type == 'vhost-user'";
    public static final String VHOSTUSER_ONLY_VHOST_MESSAGE = "vhostUser is only allowed when type is vhost-user";
    public static final String VHOSTUSER_ONLY_VHOST_FIELD = ".vhostUser";

    public static final String VF_SETTINGS_ONLY_SRIOV = "self.type in ['sriov', 'sriov-dpdk'] || !(has(self.spoofChk)"
            + " || has(self.trust) || has(self.linkState) || has(self.minTxRateMbps) || has(self.maxTxRateMbps))";
    public static final String VF_SETTINGS_ONLY_SRIOV_MESSAGE = "spoofChk, trust, linkState, minTxRateMbps and"
            + " maxTxRateMbps are VF settings: only allowed when type is sriov or sriov-dpdk";

    public static final String TX_RATE_ORDER = "!has(self.minTxRateMbps) || !has(self.maxTxRateMbps)"
            + " || self.maxTxRateMbps == 0 || self.minTxRateMbps <= self.maxTxRateMbps";
    public static final String TX_RATE_ORDER_MESSAGE = "minTxRateMbps must not exceed maxTxRateMbps (0: unlimited)";
    public static final String TX_RATE_ORDER_FIELD = ".minTxRateMbps";

    /** On a pool field: the vhost-user resource name belongs to switch ports. */
    public static final String POOL_NOT_RESERVED = "self != 'vhost-user'";
    public static final String POOL_NOT_RESERVED_MESSAGE =
            "pool must not be 'vhost-user': fastpath.dev/vhost-user counts switch ports";

    // ---- VfGroup (on its range field)

    public static final String VFGROUP_RANGE_ORDER = "!self.matches(" + RANGE_RE + ")"
            + " || int(self.split('-')[0]) <= int(self.split('-')[1])";
    public static final String VFGROUP_RANGE_ORDER_MESSAGE = "range must be first-last with first <= last";

    // ---- NodePolicySpec and PfSpec: numVfs, vfGroups, flowRules

    public static final String VFGROUPS_INSIDE_NUMVFS = "!has(self.vfGroups) || self.vfGroups.all(g,"
            + " !g.range.matches(" + RANGE_RE + ") || int(g.range.split('-')[1]) < self.numVfs)";
    public static final String VFGROUPS_INSIDE_NUMVFS_MESSAGE = "vfGroups[].range must lie inside 0..numVfs-1";
    public static final String VFGROUPS_INSIDE_NUMVFS_FIELD = ".vfGroups";

    /** Each well-formed range overlaps exactly one range: itself (a duplicate counts as an overlap). */
    public static final String VFGROUPS_DISJOINT = "!has(self.vfGroups) || self.vfGroups.all(a,"
            + " !a.range.matches(" + RANGE_RE + ") || self.vfGroups.filter(b, b.range.matches(" + RANGE_RE + ")"
            + " && int(a.range.split('-')[0]) <= int(b.range.split('-')[1])"
            + " && int(b.range.split('-')[0]) <= int(a.range.split('-')[1])).size() <= 1)";
    public static final String VFGROUPS_DISJOINT_MESSAGE = "vfGroups[].range must not overlap";
    public static final String VFGROUPS_DISJOINT_FIELD = ".vfGroups";

    public static final String VFGROUPS_POOL_DRIVER = "!has(self.vfGroups) || self.vfGroups.all(a,"
            + " self.vfGroups.all(b, a.pool != b.pool"
            + " || (has(a.driver) ? a.driver : 'iavf') == (has(b.driver) ? b.driver : 'iavf')))";
    public static final String VFGROUPS_POOL_DRIVER_MESSAGE = "vfGroups[].driver must be the same for every group of a pool";
    public static final String VFGROUPS_POOL_DRIVER_FIELD = ".vfGroups";

    public static final String FLOWRULE_NAMES_UNIQUE = "!has(self.flowRules) || self.flowRules.all(a,"
            + " self.flowRules.exists_one(b, b.name == a.name))";
    public static final String FLOWRULE_NAMES_UNIQUE_MESSAGE = "flowRules[].name must be unique";
    public static final String FLOWRULE_NAMES_UNIQUE_FIELD = ".flowRules";

    public static final String FLOWRULE_LOCATIONS_UNIQUE = "!has(self.flowRules) || self.flowRules.all(a,"
            + " !has(a.location) || self.flowRules.exists_one(b, has(b.location) && b.location == a.location))";
    public static final String FLOWRULE_LOCATIONS_UNIQUE_MESSAGE = "flowRules[].location must be unique";
    public static final String FLOWRULE_LOCATIONS_UNIQUE_FIELD = ".flowRules";

    public static final String FLOWRULE_VF_INSIDE_NUMVFS = "!has(self.flowRules) || self.flowRules.all(r,"
            + " !has(r.action.vf) || r.action.vf < self.numVfs)";
    public static final String FLOWRULE_VF_INSIDE_NUMVFS_MESSAGE = "flowRules[].action.vf must be below numVfs";
    public static final String FLOWRULE_VF_INSIDE_NUMVFS_FIELD = ".flowRules";

    private static final String FLOW_TYPES = "['tcp4', 'udp4', 'sctp4', 'ip4', 'tcp6', 'udp6', 'sctp6', 'ip6']";

    /**
     * i40e programs one input set (which fields are matched) per flow type while rules of that type exist: for
     * each flow type and each match field, either every rule of that type sets the field or none does. Written
     * per flow type (8 x 4 linear passes) rather than rule against rule, so the cost stays linear in the
     * number of rules.
     */
    public static final String FLOWRULE_INPUT_SET = "!has(self.flowRules) || " + FLOW_TYPES + ".all(t,"
            + " (self.flowRules.all(r, r.flowType != t || has(r.srcIp))"
            + " || self.flowRules.all(r, r.flowType != t || !has(r.srcIp)))"
            + " && (self.flowRules.all(r, r.flowType != t || has(r.dstIp))"
            + " || self.flowRules.all(r, r.flowType != t || !has(r.dstIp)))"
            + " && (self.flowRules.all(r, r.flowType != t || has(r.srcPort))"
            + " || self.flowRules.all(r, r.flowType != t || !has(r.srcPort)))"
            + " && (self.flowRules.all(r, r.flowType != t || has(r.dstPort))"
            + " || self.flowRules.all(r, r.flowType != t || !has(r.dstPort))))";
    public static final String FLOWRULE_INPUT_SET_MESSAGE = "flowRules[] of one flowType must match the same fields"
            + " (srcIp, dstIp, srcPort, dstPort): i40e keeps one input set per flow type";
    public static final String FLOWRULE_INPUT_SET_FIELD = ".flowRules";

    public static final String UPLINK_VF_FREE = "!has(self.switch) || !has(self.switch.uplink)"
            + " || !has(self.switch.uplink.vf) || (self.switch.uplink.vf < self.numVfs"
            + " && (!has(self.vfGroups) || self.vfGroups.all(g, !g.range.matches(" + RANGE_RE + ")"
            + " || self.switch.uplink.vf < int(g.range.split('-')[0])"
            + " || self.switch.uplink.vf > int(g.range.split('-')[1]))))";
    public static final String UPLINK_VF_FREE_MESSAGE =
            "switch.uplink.vf must be below numVfs and outside every vfGroups[].range";
    public static final String UPLINK_VF_FREE_FIELD = ".switch";

    // ---- FlowRule

    public static final String FLOWRULE_PORTS_L4 = "!(has(self.srcPort) || has(self.dstPort))"
            + " || !self.flowType.startsWith('ip')";
    public static final String FLOWRULE_PORTS_L4_MESSAGE =
            "srcPort and dstPort are only allowed for flowType tcp4, udp4, sctp4, tcp6, udp6, sctp6";

    public static final String FLOWRULE_SRC_FAMILY = "!has(self.srcIp)"
            + " || self.flowType.endsWith('4') == !self.srcIp.contains(':')";
    public static final String FLOWRULE_SRC_FAMILY_MESSAGE =
            "srcIp must be IPv4 for the ...4 flowTypes and IPv6 for the ...6 flowTypes";
    public static final String FLOWRULE_SRC_FAMILY_FIELD = ".srcIp";

    public static final String FLOWRULE_DST_FAMILY = "!has(self.dstIp)"
            + " || self.flowType.endsWith('4') == !self.dstIp.contains(':')";
    public static final String FLOWRULE_DST_FAMILY_MESSAGE =
            "dstIp must be IPv4 for the ...4 flowTypes and IPv6 for the ...6 flowTypes";
    public static final String FLOWRULE_DST_FAMILY_FIELD = ".dstIp";

    /** On srcIp/dstIp: i40e masks are all-ones or all-zero per field, so a subnet cannot be matched. */
    public static final String IP_FULL_PREFIX = "!self.contains('/') || (self.endsWith('/32') && !self.contains(':'))"
            + " || self.endsWith('/128')";
    public static final String IP_FULL_PREFIX_MESSAGE = "srcIp/dstIp prefix must be /32 (IPv4) or /128 (IPv6):"
            + " i40e Flow Director matches whole addresses only";

    public static final String FLOWACTION_EXACTLY_ONE = "(has(self.drop) && self.drop ? 1 : 0)"
            + " + (has(self.queue) ? 1 : 0) + (has(self.vf) ? 1 : 0) == 1";
    public static final String FLOWACTION_EXACTLY_ONE_MESSAGE = "action must set exactly one of drop: true, queue, vf";

    // ---- SwitchConfig

    public static final String PMDCORES_UNIQUE = "!has(self.pmdCores) || self.pmdCores.all(c,"
            + " self.pmdCores.exists_one(d, d == c))";
    public static final String PMDCORES_UNIQUE_MESSAGE = "pmdCores must not list a CPU twice";
    public static final String PMDCORES_UNIQUE_FIELD = ".pmdCores";

    public static final String UPLINK_EXACTLY_ONE = "has(self.pfName) != has(self.vf)";
    public static final String UPLINK_EXACTLY_ONE_MESSAGE = "uplink must set exactly one of pfName, vf";

    // ---- NicSelector

    public static final String NICSELECTOR_NOT_EMPTY = "has(self.vendor) || has(self.deviceIDs) || has(self.pfNames)"
            + " || has(self.rootDevices)";
    public static final String NICSELECTOR_NOT_EMPTY_MESSAGE =
            "nicSelector must set at least one of vendor, deviceIDs, pfNames, rootDevices";

    // ---- NodeStateSpec

    public static final String PF_NAMES_UNIQUE = "!has(self.pfs) || self.pfs.all(a, self.pfs.exists_one(b, b.name == a.name))";
    public static final String PF_NAMES_UNIQUE_MESSAGE = "pfs[].name must be unique";
    public static final String PF_NAMES_UNIQUE_FIELD = ".pfs";

    private Cel() {
    }
}
