package dev.fastpath.nodeagent.cni.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastpath.cniplugin.types.CniErrorCode;
import dev.fastpath.nodeagent.cni.CniException;
import dev.fastpath.nodeagent.cni.CniRequest;
import dev.fastpath.nodeagent.cni.CniServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * STATUS: ready when the checkpoint and device-info directories are writable and the IPAM plugin is there
 * (and, if it speaks 1.1.0, says it is ready). Otherwise code 50, naming what is wrong.
 */
public final class StatusCommand implements CommandHandler {
    private final CniServices services;

    public StatusCommand(CniServices services) {
        this.services = services;
    }

    @Override
    public Optional<JsonNode> handle(CniRequest request) {
        writable("checkpoint directory", services.checkpoint().directory());
        writable("device-info directory", services.deviceInfo().directory());
        if (request.netConf().ipamType() != null) {
            try {
                services.ipam().status(new dev.fastpath.nodeagent.cni.ipam.IpamDelegate.Invocation(request.netConf().ipamType(),
                        request.cniPath(), null, null, null, null, request.config()));
            } catch (CniException e) {
                throw new CniException(CniErrorCode.PLUGIN_NOT_AVAILABLE, "IPAM is not ready: " + e.getMessage(), e.details());
            }
        }
        return Optional.empty();
    }

    private static void writable(String what, Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".status", ".probe");
            Files.delete(probe);
        } catch (IOException | RuntimeException e) {
            throw new CniException(CniErrorCode.PLUGIN_NOT_AVAILABLE, "the " + what + " " + dir + " is not writable", e.toString());
        }
    }
}
