package dev.fastpath.dataplane.embedded.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.fastpath.dataplane.PortSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The switch's port set on disk, so that a restarted switch brings every port back. Written atomically: a
 * temporary file is fsynced and renamed over the old one, so a crash leaves either the old or the new set.
 */
public final class PortStore {
    private final Path file;

    public PortStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public List<PortSpec> load() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            JsonNode root = PortSpecJson.MAPPER.readTree(file.toFile());
            List<PortSpec> specs = new ArrayList<>();
            for (JsonNode n : root.path("ports")) {
                specs.add(PortSpecJson.fromJson(n));
            }
            return specs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the port set " + file, e);
        }
    }

    public synchronized void save(Collection<PortSpec> specs) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            var root = PortSpecJson.MAPPER.createObjectNode();
            ArrayNode ports = root.putArray("ports");
            specs.forEach(s -> ports.add(PortSpecJson.toJson(s)));
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            byte[] bytes = PortSpecJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root)
                    .getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the port set " + file, e);
        }
    }
}
