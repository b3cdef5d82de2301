package dev.fastpath.nodeagent.cni;

import dev.fastpath.cniplugin.types.CniErrorCode;
import dev.fastpath.cniplugin.types.CniJson;
import dev.fastpath.cniplugin.types.DeviceInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * NPWG device-info files (spec 1.1.0) written by the CNI side: at runtimeConfig.CNIDeviceInfoFile when
 * Multus names one, else {@code <dir>/<network>-<containerID>-<ifname>-device-info.json}.
 */
public final class DeviceInfoFiles {
    private final Path dir;

    public DeviceInfoFiles(Path dir) {
        this.dir = dir;
    }

    public Path directory() {
        return dir;
    }

    public Path pathFor(CniRequest request) {
        String fromRuntime = request.netConf().runtime().cniDeviceInfoFile();
        if (fromRuntime != null && !fromRuntime.isBlank()) {
            Path p = Path.of(fromRuntime);
            if (!p.isAbsolute()) throw CniException.invalidConfig("runtimeConfig.CNIDeviceInfoFile \"" + fromRuntime + "\" is not an absolute path");
            return p;
        }
        return dir.resolve(request.networkName() + "-" + request.containerId() + "-" + request.ifname() + "-device-info.json");
    }

    public void write(Path path, DeviceInfo info) {
        Path temp = path.resolveSibling(path.getFileName() + ".tmp");
        try {
            Files.createDirectories(path.getParent());
            Files.write(temp, CniJson.MAPPER.writeValueAsBytes(info));
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // nothing more to do
            }
            throw new CniException(CniErrorCode.IO_FAILURE, "cannot write the device-info file " + path, e.toString(), e);
        }
    }

    public void delete(String path) {
        if (path == null) return;
        try {
            Path file = Path.of(path);
            if (!Files.isDirectory(file.getParent())) return; // no such directory, so no such file
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new CniException(CniErrorCode.IO_FAILURE, "cannot remove the device-info file " + path, e.toString(), e);
        }
    }
}
