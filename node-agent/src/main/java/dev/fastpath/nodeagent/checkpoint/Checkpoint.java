package dev.fastpath.nodeagent.checkpoint;

import dev.fastpath.cniplugin.types.CniJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The agent's durable record of attachments: one JSON file per (container, ifname) under
 * {@code <dir>/attachments/}, each replaced atomically (temp file, fsync, rename, fsync of the directory),
 * so a crash leaves either the old or the new record, never half of one. An in-memory index mirrors the
 * files; {@link #reserve} checks and claims a VF under one lock, so two attachments never share a VF.
 */
public final class Checkpoint {
    private static final System.Logger LOG = System.getLogger(Checkpoint.class.getName());

    private final Path dir;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<AttachmentKey, AttachmentRecord> index = new LinkedHashMap<>();

    public Checkpoint(Path root) {
        this.dir = root.resolve("attachments");
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the checkpoint directory " + dir, e);
        }
        load();
    }

    public Path directory() {
        return dir;
    }

    private void load() {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".tmp")) {
                    Files.deleteIfExists(file); // a write that never reached its rename
                    continue;
                }
                if (!name.endsWith(".json")) continue;
                try {
                    AttachmentRecord record = CniJson.MAPPER.readValue(file.toFile(), AttachmentRecord.class);
                    index.put(record.key(), record);
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.ERROR, "checkpoint entry " + file + " is unreadable, kept aside: " + e.getMessage());
                    Files.move(file, file.resolveSibling(name + ".unreadable"), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint directory " + dir, e);
        }
    }

    public List<AttachmentRecord> all() {
        lock.lock();
        try {
            return new ArrayList<>(index.values());
        } finally {
            lock.unlock();
        }
    }

    public Optional<AttachmentRecord> find(AttachmentKey key) {
        lock.lock();
        try {
            return Optional.ofNullable(index.get(key));
        } finally {
            lock.unlock();
        }
    }

    /** The attachment holding a VF, if any (a hint; {@link #reserve} is the authoritative check). */
    public Optional<AttachmentKey> holderOf(String deviceId) {
        lock.lock();
        try {
            return index.values().stream().filter(r -> deviceId.equalsIgnoreCase(r.deviceId())).map(AttachmentRecord::key).findFirst();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Claims (container, ifname) and, for VF attachments, the VF, and makes the claim durable: the record is
     * on disk before this returns. Fails without writing when either is taken.
     */
    public void reserve(AttachmentRecord adding) {
        lock.lock();
        try {
            AttachmentRecord existing = index.get(adding.key());
            if (existing != null) throw new AttachmentExistsException(adding.key(), existing.state());
            if (adding.deviceId() != null) {
                for (AttachmentRecord other : index.values()) {
                    if (adding.deviceId().equalsIgnoreCase(other.deviceId())) throw new DeviceInUseException(adding.deviceId(), other.key());
                }
            }
            write(adding);
            index.put(adding.key(), adding);
        } finally {
            lock.unlock();
        }
    }

    /** Replaces the record of an attachment already reserved. */
    public void update(AttachmentRecord record) {
        lock.lock();
        try {
            if (!index.containsKey(record.key())) throw new IllegalStateException("no checkpoint entry for " + record.key());
            write(record);
            index.put(record.key(), record);
        } finally {
            lock.unlock();
        }
    }

    public void remove(AttachmentKey key) {
        lock.lock();
        try {
            Files.deleteIfExists(dir.resolve(key.fileName()));
            fsyncDirectory();
            index.remove(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove checkpoint entry " + key, e);
        } finally {
            lock.unlock();
        }
    }

    private void write(AttachmentRecord record) {
        Path target = dir.resolve(record.key().fileName());
        Path temp = dir.resolve(record.key().fileName() + ".tmp");
        try {
            byte[] bytes = CniJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(record);
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) out.write(buffer);
                out.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("checkpoint directory " + dir + " does not support atomic rename", e);
            }
            fsyncDirectory();
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the temp file is removed at the next load
            }
            throw new UncheckedIOException("cannot write checkpoint entry " + target, e);
        }
    }

    /** The rename is only durable once the directory itself is on disk. */
    private void fsyncDirectory() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }
}
