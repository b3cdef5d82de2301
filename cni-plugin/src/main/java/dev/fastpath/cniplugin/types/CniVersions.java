package dev.fastpath.cniplugin.types;

import java.util.List;
import java.util.Optional;

/** The CNI spec versions Fastpath speaks and how to compare them. JDK-only: the shim answers VERSION with it. */
public final class CniVersions {
    public static final String V0_3_1 = "0.3.1";
    public static final String V0_4_0 = "0.4.0";
    public static final String V1_0_0 = "1.0.0";
    public static final String V1_1_0 = "1.1.0";
    public static final String CURRENT = V1_1_0;
    /** Oldest first. */
    public static final List<String> SUPPORTED = List.of(V0_3_1, V0_4_0, V1_0_0, V1_1_0);

    private CniVersions() {}

    public static boolean isSupported(String version) {
        return SUPPORTED.contains(version);
    }

    /** Compares dotted versions numerically; non-numeric parts compare as 0. */
    public static int compare(String a, String b) {
        int[] x = parse(a);
        int[] y = parse(b);
        for (int i = 0; i < 3; i++) {
            if (x[i] != y[i]) return Integer.compare(x[i], y[i]);
        }
        return 0;
    }

    public static boolean atLeast(String version, String minimum) {
        return compare(version, minimum) >= 0;
    }

    /** The newest version both sides speak that is not newer than {@code wanted}, e.g. for an IPAM plugin. */
    public static Optional<String> negotiate(String wanted, List<String> theirs) {
        return theirs.stream()
                .filter(v -> compare(v, wanted) <= 0)
                .filter(v -> compare(v, V0_3_1) >= 0)
                .max(CniVersions::compare);
    }

    private static int[] parse(String version) {
        int[] out = new int[3];
        if (version == null) return out;
        String[] parts = version.split("\\.");
        for (int i = 0; i < Math.min(3, parts.length); i++) {
            try {
                out[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                out[i] = 0;
            }
        }
        return out;
    }
}
