package dev.fastpath.dataplane.embedded.dpdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles a C probe against the installed DPDK headers and checks every offset and size in {@link RteLayouts}
 * against what the compiler says: the FFM code reads these structures by offset, so a mismatch would be silent.
 */
class LayoutProbeTest {
    @Test
    void rteLayoutsMatchTheInstalledHeaders(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.exists(Path.of("/usr/include/dpdk/rte_ethdev.h")), "DPDK headers (libdpdk-dev) not installed");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gcc")) && Files.isExecutable(Path.of("/usr/bin/pkg-config")), "gcc/pkg-config missing");
        Path source = tmp.resolve("probe.c");
        try (var in = LayoutProbeTest.class.getResourceAsStream("/embedded/layout-probe.c")) {
            Files.write(source, in.readAllBytes());
        }
        String cflags = run(List.of("pkg-config", "--cflags", "libdpdk")).trim();
        List<String> cc = new java.util.ArrayList<>(List.of("gcc", "-O0", "-Wno-deprecated-declarations", "-o", tmp.resolve("probe").toString(),
                source.toString()));
        cc.addAll(List.of(cflags.split("\\s+")));
        run(cc);
        Map<String, Long> probed = new LinkedHashMap<>();
        for (String line : run(List.of(tmp.resolve("probe").toString())).split("\n")) {
            String[] kv = line.split("=");
            probed.put(kv[0], Long.parseLong(kv[1]));
        }
        for (var e : probed.entrySet()) {
            Field f = RteLayouts.class.getDeclaredField(e.getKey());
            f.setAccessible(true);
            assertEquals(e.getValue().longValue(), ((Number) f.get(null)).longValue(), e.getKey());
        }
        assertEquals(30, probed.size(), "every probed constant was compared: " + probed.keySet());
    }

    private static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
        return out;
    }
}
