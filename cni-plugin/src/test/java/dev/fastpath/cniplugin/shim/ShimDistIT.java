package dev.fastpath.cniplugin.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installable layout under target/cni-bin, copied elsewhere as an installer would (cp -a). */
class ShimDistIT {
    @TempDir Path tmp;

    @Test
    void copiedLayoutRunsWithItsAotCache() throws Exception {
        Path dist = Path.of(System.getProperty("fastpath.cni.dist", "target/cni-bin"));
        assertTrue(Files.isExecutable(dist.resolve("fastpath")), "launcher built at " + dist);
        assertTrue(Files.size(dist.resolve("fastpath.d/fastpath.aot")) > 0, "AOT cache built");
        Path installed = tmp.resolve("opt-cni-bin");
        Process copy = new ProcessBuilder("cp", "-a", dist.toString(), installed.toString()).inheritIO().start();
        assertEquals(0, copy.waitFor());

        ProcessBuilder pb = new ProcessBuilder(installed.resolve("fastpath").toString());
        pb.environment().put("CNI_COMMAND", "VERSION");
        // AOTMode=on turns "cache unusable" (wrong JDK, moved jar, option mismatch) into a start failure.
        pb.environment().put("JDK_JAVA_OPTIONS", "-XX:AOTMode=on");
        Process p = pb.start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), err);
        assertEquals("{\"cniVersion\":\"1.1.0\",\"supportedVersions\":[\"0.3.1\",\"0.4.0\",\"1.0.0\",\"1.1.0\"]}", out);
    }
}
