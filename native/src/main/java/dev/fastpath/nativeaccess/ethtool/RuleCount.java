package dev.fastpath.nativeaccess.ethtool;

/**
 * {@code ETHTOOL_GRXCLSRLCNT}: rules defined and the table size; {@code driverPicksLocation} when the driver
 * sets {@code RX_CLS_LOC_SPECIAL} (then RX_CLS_LOC_ANY/FIRST/LAST are usable; i40e does not).
 */
public record RuleCount(int rules, int tableSize, boolean driverPicksLocation) {}
