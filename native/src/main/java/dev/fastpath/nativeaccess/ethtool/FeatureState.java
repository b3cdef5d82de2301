package dev.fastpath.nativeaccess.ethtool;

/**
 * One netdev feature from {@code ETHTOOL_GFEATURES}: {@code available} = changeable (in hw_features),
 * {@code requested} = wanted by the user, {@code active} = on now, {@code neverChanged} = fixed by the driver.
 */
public record FeatureState(String name, boolean available, boolean requested, boolean active, boolean neverChanged) {}
