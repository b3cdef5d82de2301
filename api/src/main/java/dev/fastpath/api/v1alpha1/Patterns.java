package dev.fastpath.api.v1alpha1;

/**
 * Regular expressions of the CRD schema ({@code pattern}). They are written in the subset shared by RE2 (what
 * the Kubernetes API server runs) and java.util.regex (what the schema tests run): no look-around, no
 * back-references.
 */
public final class Patterns {

    /** A DNS-1123 label, as Kubernetes requires for names; pools become part of a resource name. */
    public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    /** A colon-separated 48-bit MAC address. */
    public static final String MAC = "^([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}$";

    /** A PCI vendor or device id: four hex digits without 0x, as sriov-network-operator writes them. */
    public static final String PCI_ID = "^[0-9a-fA-F]{4}$";

    /** A PCI address domain:bus:device.function, e.g. 0000:03:00.0. */
    public static final String PCI_ADDRESS = "^[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}[.][0-7]$";

    /** A Linux netdev name (IFNAMSIZ 16 including the NUL). */
    public static final String NETDEV_NAME = "^[a-zA-Z0-9_.-]{1,15}$";

    /** A VF index range "first-last", both inclusive. */
    public static final String VF_RANGE = "^[0-9]{1,3}-[0-9]{1,3}$";

    private static final String IPV4 =
            "((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])[.]){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
    /** Loose on purpose: hex groups and colons (at least two), as RE2 cannot count "::" cheaply. */
    private static final String IPV6 = "([0-9a-fA-F]{0,4}:){2,7}[0-9a-fA-F]{0,4}";

    /** An IPv4 or IPv6 address with an optional prefix length (/0-32 or /0-128). */
    public static final String IP_WITH_PREFIX = "^(" + IPV4 + "(/(3[0-2]|[12]?[0-9]))?|"
            + IPV6 + "(/(12[0-8]|1[01][0-9]|[1-9]?[0-9]))?)$";

    private Patterns() {
    }
}
