package dev.fastpath.api;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where Fastpath keeps its files on a node. {@link #defaults()} are the paths of ARCHITECTURE.md; every
 * component takes a {@code NodePaths} so tests can point all of them under a temporary directory with
 * {@link #under(Path)}.
 *
 * @param agentSocket   the node agent's CNI server socket (0600, root)
 * @param checkpointDir the agent's checkpoint of every allocation
 * @param socketDir     parent of the per-pod vhost-user socket directories
 * @param cniBinary     the CNI shim binary kubelet/Multus execs
 * @param devInfoDir    where the CNI writes NPWG device-info files
 */
public record NodePaths(Path agentSocket, Path checkpointDir, Path socketDir, Path cniBinary, Path devInfoDir) {

    public static final String AGENT_SOCKET = "/run/fastpath/agent.sock";
    public static final String CHECKPOINT_DIR = "/var/lib/fastpath/";
    public static final String SOCKET_DIR = "/run/fastpath/sockets";
    public static final String CNI_BINARY = "/opt/cni/bin/fastpath";
    public static final String DEVINFO_CNI_DIR = "/var/run/k8s.cni.cncf.io/devinfo/cni";

    /** A pod UID as kubelet writes it: a UUID, or any name without path separators. */
    private static final Pattern POD_UID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final Pattern IFNAME = Pattern.compile("[a-zA-Z0-9_.-]{1,15}");

    public NodePaths {
        Objects.requireNonNull(agentSocket, "agentSocket");
        Objects.requireNonNull(checkpointDir, "checkpointDir");
        Objects.requireNonNull(socketDir, "socketDir");
        Objects.requireNonNull(cniBinary, "cniBinary");
        Objects.requireNonNull(devInfoDir, "devInfoDir");
    }

    /** The paths on a real node. */
    public static NodePaths defaults() {
        return new NodePaths(Path.of(AGENT_SOCKET), Path.of(CHECKPOINT_DIR), Path.of(SOCKET_DIR), Path.of(CNI_BINARY),
                Path.of(DEVINFO_CNI_DIR));
    }

    /** The default layout re-rooted under {@code root} (tests). */
    public static NodePaths under(Path root) {
        return new NodePaths(reroot(root, AGENT_SOCKET), reroot(root, CHECKPOINT_DIR), reroot(root, SOCKET_DIR),
                reroot(root, CNI_BINARY), reroot(root, DEVINFO_CNI_DIR));
    }

    private static Path reroot(Path root, String absolute) {
        return root.resolve(absolute.substring(1));
    }

    /** The directory holding one pod's vhost-user sockets (mounted into the pod). */
    public Path podSocketDir(String podUid) {
        if (podUid == null || !POD_UID.matcher(podUid).matches() || podUid.contains("..")) {
            throw new IllegalArgumentException("podUid must be a UID without path separators, got '" + podUid + "'");
        }
        return socketDir.resolve(podUid);
    }

    /**
     * {@code <socketDir>/<podUid>/<ifname>.sock}. Fails, naming the path, when it would not fit a unix socket
     * address (107 bytes), because bind() would fail later with a less helpful error.
     */
    public Path vhostUserSocket(String podUid, String ifname) {
        if (ifname == null || !IFNAME.matcher(ifname).matches()) {
            throw new IllegalArgumentException("ifname must be a netdev name of 1-15 characters [a-zA-Z0-9_.-], got '"
                    + ifname + "'");
        }
        Path socket = podSocketDir(podUid).resolve(ifname + ".sock");
        int bytes = socket.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > FastpathResources.MAX_UNIX_SOCKET_PATH_BYTES) {
            throw new IllegalArgumentException("vhost-user socket path " + socket + " is " + bytes
                    + " bytes, more than the " + FastpathResources.MAX_UNIX_SOCKET_PATH_BYTES
                    + " a unix socket address holds: shorten socketDir");
        }
        return socket;
    }
}
