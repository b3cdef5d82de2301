package dev.fastpath.nodeagent.cni.ipam;

import dev.fastpath.cniplugin.types.CniResult;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * One ADD's IPAM call, run at the latest moment its plugin allows. Plugins that only hand out addresses from
 * their own store (host-local, static, whereabouts) do not look at the pod's interface, so they run on their
 * own thread while the handler moves the device: exec-ing one costs ~5 ms here, as much as the handler's own
 * netlink work. Any other plugin (dhcp runs a DHCP client on CNI_IFNAME) runs when first asked for its result,
 * which handlers do once the interface is in the pod and up, the order the reference plugins use.
 */
public final class PendingIpam {
    /** Plugins known not to need CNI_IFNAME to exist in the pod namespace. */
    static final Set<String> INTERFACE_INDEPENDENT = Set.of("host-local", "static", "whereabouts");

    private final String type;
    private final Supplier<CniResult> call;
    private CompletableFuture<CniResult> running;

    private PendingIpam(String type, Supplier<CniResult> call) {
        this.type = type;
        this.call = call;
    }

    /** No IPAM in the netconf: the result is null. */
    public static PendingIpam none() {
        PendingIpam p = new PendingIpam(null, () -> null);
        p.running = CompletableFuture.completedFuture(null);
        return p;
    }

    /** ADD through {@code ipam}; started now when the plugin does not need the interface, else on first {@link #result()}. */
    public static PendingIpam add(IpamDelegate ipam, IpamDelegate.Invocation invocation) {
        PendingIpam p = new PendingIpam(invocation.ipamType(), () -> ipam.add(invocation));
        if (INTERFACE_INDEPENDENT.contains(invocation.ipamType())) p.start();
        return p;
    }

    /** The plugin's result (null without IPAM), running it first if it has not run; throws what IPAM failed with. */
    public CniResult result() {
        CompletableFuture<CniResult> f;
        synchronized (this) {
            f = running != null ? running : start();
        }
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            throw e;
        }
    }

    /**
     * Before undoing a failed ADD: waits for a plugin still running, so its IPAM DEL cannot overtake its ADD
     * and leave an address allocated. Its own failure is not this caller's concern.
     */
    public void settle() {
        CompletableFuture<CniResult> f;
        synchronized (this) {
            f = running;
        }
        if (f != null) f.exceptionally(e -> null).join();
    }

    public String type() {
        return type;
    }

    private synchronized CompletableFuture<CniResult> start() {
        CompletableFuture<CniResult> f = new CompletableFuture<>();
        running = f;
        Thread.ofVirtual().name("ipam-" + type).start(() -> {
            try {
                f.complete(call.get());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }
}
