package dev.fastpath.nativeaccess.netns;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Named namespaces (and handles on them) for one test, under a random per-test prefix so parallel runs and
 * leftovers of a crashed run never collide. {@link #close()} (from {@code @AfterEach}) closes what was registered,
 * newest first, then deletes every namespace it created.
 */
public final class ThrowawayNamespaces implements AutoCloseable {
    private final String prefix;
    private final List<String> names = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    /** {@code tag}: two or three letters naming the test class, so a leftover says where it came from. */
    public ThrowawayNamespaces(String tag) {
        this.prefix = tag + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
    }

    /** The per-test prefix, also for link names (keep prefix + suffix within 15 bytes). */
    public String prefix() {
        return prefix;
    }

    /** Creates {@code prefix + suffix} like {@code ip netns add}; closed and deleted by {@link #close()}. */
    public NetNs create(String suffix) {
        String name = prefix + suffix;
        names.add(name);
        return closeLater(NetNs.create(name));
    }

    /** The name {@code prefix + suffix}, deleted by {@link #close()} if it exists then (for namespaces made by ip). */
    public String deleteLater(String suffix) {
        String name = prefix + suffix;
        names.add(name);
        return name;
    }

    /** Registers {@code resource} to be closed by {@link #close()} (before the namespaces are deleted). */
    public <T extends AutoCloseable> T closeLater(T resource) {
        closeables.add(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : closeables.reversed()) {
            c.close();
        }
        for (String name : names) {
            if (NetNs.exists(name)) {
                NetNs.delete(name);
            }
        }
    }
}
