package dev.fastpath.nodeagent.cni.attach;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastpath.cniplugin.types.AttachmentType;
import dev.fastpath.cniplugin.types.CniErrorCode;
import dev.fastpath.cniplugin.types.CniJson;
import dev.fastpath.cniplugin.types.CniResult;
import dev.fastpath.cniplugin.types.DeviceInfo;
import dev.fastpath.cniplugin.types.NetConf;
import dev.fastpath.dataplane.PortInfo;
import dev.fastpath.dataplane.PortSpec;
import dev.fastpath.dataplane.Switch;
import dev.fastpath.dataplane.SwitchException;
import dev.fastpath.nodeagent.checkpoint.AttachmentRecord;
import dev.fastpath.nodeagent.cni.CniException;
import dev.fastpath.nodeagent.cni.CniRequest;
import dev.fastpath.nodeagent.cni.RequestLog;
import dev.fastpath.nodeagent.vswitch.NodeSwitch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code vhost-user}: a port on the node's switch for (pod, ifname), its socket at
 * {@code <socketsRoot>/<podUID>/<ifname>.sock}. {@code vhostUser.mode} is the WORKLOAD's role: a workload
 * {@code server} (the default) owns the socket and the switch port is a client that keeps reconnecting until the
 * pod's DPDK app listens, so the switch or the pod may restart in any order; a workload {@code client} connects
 * to a socket the switch port serves. IPAM is allocated and reported, not configured (the pod's DPDK app owns
 * the interface). The port name and paths are checkpointed before the port is added, so DEL, ADD's undo and
 * crash recovery all remove exactly what was made.
 */
public final class VhostUserHandler implements AttachmentHandler {
    /** Pod UIDs and container ids become a directory name: no separators, no dot-only names. */
    private static final Pattern SAFE_DIR = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private final Switch vswitch;
    private final SwitchErrors errors;
    private final Path socketsRoot;

    /**
     * @param vswitch     the node's switch (either backend)
     * @param socketsRoot where per-pod socket directories are made
     */
    public VhostUserHandler(NodeSwitch vswitch, Path socketsRoot) {
        this.vswitch = vswitch.client();
        this.errors = new SwitchErrors(vswitch);
        this.socketsRoot = socketsRoot;
    }

    @Override
    public AttachmentType type() {
        return AttachmentType.VHOST_USER;
    }

    /** What ADD will make, from the request alone. */
    record Plan(String portName, Path podDir, Path socket, String workloadMode, PortSpec.VhostMode switchMode, int vlan, int queues) {}

    Plan plan(CniRequest request) {
        NetConf conf = request.netConf();
        String owner = podUid(request.cniArgs()).orElse(request.containerId());
        if (!SAFE_DIR.matcher(owner).matches()) {
            throw CniException.invalidConfig("CNI_ARGS K8S_POD_UID \"" + owner + "\" cannot name a socket directory"
                    + " (letters, digits, '_', '.', '-' only)");
        }
        Path podDir = socketsRoot.resolve(owner);
        Path socket = podDir.resolve(request.ifname() + ".sock");
        int bytes = socket.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > PortSpec.MAX_SOCKET_PATH_BYTES) {
            throw CniException.invalidConfig("vhost-user socket path " + socket + " is " + bytes + " bytes, the limit is "
                    + PortSpec.MAX_SOCKET_PATH_BYTES + " (sun_path): use a shorter socketsRoot or CNI_IFNAME");
        }
        if (socket.toString().contains(",") || socket.toString().contains("=")) {
            throw CniException.invalidConfig("vhost-user socket path " + socket + " may not contain ',' or '=' (DPDK device arguments)");
        }
        String mode = conf.vhostUser() == null || conf.vhostUser().mode() == null ? "server" : conf.vhostUser().mode().toLowerCase(Locale.ROOT);
        // The switch takes the other end of the workload's role.
        PortSpec.VhostMode switchMode = mode.equals("server") ? PortSpec.VhostMode.CLIENT : PortSpec.VhostMode.SERVER;
        int queues = conf.vhostUser() == null || conf.vhostUser().queues() == null ? 1 : conf.vhostUser().queues();
        int vlan = conf.vlan() == null ? 0 : conf.vlan();
        return new Plan(portName(request.containerId(), request.ifname()), podDir, socket, mode, switchMode, vlan, queues);
    }

    @Override
    public void validate(CniRequest request) {
        Plan plan = plan(request);
        List<PortInfo> ports;
        try {
            ports = vswitch.listPorts();
        } catch (SwitchException e) {
            throw errors.unreachable(e);
        }
        // Same pod UID and ifname from another container (a recreated sandbox) while the old one's DEL is late:
        // two ports on one socket would fight over it, and the old DEL would remove the new socket.
        for (PortInfo p : ports) {
            if (plan.socket().toString().equals(p.socket()) && !p.name().equals(plan.portName())) {
                throw new CniException(CniErrorCode.TRY_AGAIN_LATER, "vhost-user socket " + plan.socket() + " is still used by switch port "
                        + p.name() + " (another container of this pod, usually a DEL not yet done): retry later");
            }
        }
    }

    @Override
    public AttachOutcome add(AttachContext context) {
        CniRequest request = context.request();
        Plan plan = plan(request);
        boolean createdDir = !Files.isDirectory(plan.podDir());
        ObjectNode saved = CniJson.MAPPER.createObjectNode();
        saved.put("port", plan.portName());
        saved.put("socket", plan.socket().toString());
        saved.put("podDir", plan.podDir().toString());
        saved.put("createdDir", createdDir);
        context.saveOriginal(saved); // before anything exists, so a crash from here on is rolled back
        try {
            Files.createDirectories(socketsRoot);
            if (createdDir) {
                Files.createDirectory(plan.podDir(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        } catch (FileAlreadyExistsException e) {
            // another interface of the same pod, added in parallel, made it first
        } catch (IOException e) {
            throw new CniException(CniErrorCode.IO_FAILURE, "cannot create the socket directory " + plan.podDir(), e.toString(), e);
        }
        try {
            vswitch.addPort(new PortSpec.VhostUser(plan.portName(), plan.socket(), plan.switchMode(), plan.vlan(), plan.queues()));
        } catch (SwitchException e) {
            throw errors.failure(e, "adding vhost-user port " + plan.portName() + " (" + plan.socket() + ")");
        }
        CniResult.Interface iface = new CniResult.Interface(request.ifname(), request.netConf().effectiveMac(), request.netConf().mtu(),
                request.netns(), plan.socket().toString(), null);
        return new AttachOutcome(iface, DeviceInfo.vhostUser(plan.workloadMode(), plan.socket().toString()));
    }

    @Override
    public void del(AttachmentRecord record) {
        ObjectNode saved = record.savedState();
        if (saved == null || !saved.has("port")) return; // the ADD never got to make anything
        RequestLog log = new RequestLog("vhost-user " + record.network() + " " + record.key());
        String port = saved.get("port").asText();
        errors.removePortForDel(vswitch, port, "vhost-user", "socket, addresses, device-info and checkpoint entry", log);
        Path socket = Path.of(saved.get("socket").asText());
        Path podDir = Path.of(saved.get("podDir").asText());
        try {
            Files.deleteIfExists(socket);
            if (Files.isDirectory(podDir, LinkOption.NOFOLLOW_LINKS) && !otherPortUses(podDir)) Files.delete(podDir);
        } catch (DirectoryNotEmptyException | NoSuchFileException e) {
            // another interface of the pod still has its socket there, or someone else removed it first
        } catch (IOException e) {
            throw new CniException(CniErrorCode.IO_FAILURE, "cannot remove vhost-user socket " + socket + " or its directory", e.toString(), e);
        }
    }

    /**
     * Whether another switch port has its socket in the pod's directory: in workload-server mode that directory
     * stays empty until the pod's app starts, so "empty" alone does not mean "unused" (an ADD of a second
     * interface failing before the pod starts must not take the first one's directory). Switch down: unknown,
     * treated as unused.
     */
    private boolean otherPortUses(Path podDir) {
        try {
            return vswitch.listPorts().stream().anyMatch(p -> p.socket() != null && podDir.equals(Path.of(p.socket()).getParent()));
        } catch (SwitchException e) {
            return false;
        }
    }

    @Override
    public int removeOrphans(Supplier<List<AttachmentRecord>> records, RequestLog log) {
        return OrphanSwitchPorts.remove(vswitch, "vu-", type().wireName(), records, log);
    }

    @Override
    public void check(AttachmentRecord record, CniRequest request) {
        errors.requirePortForCheck(vswitch, record);
    }

    /** A switch port name (the switch allows 63 of [A-Za-z0-9_.-]): a digest of the checkpoint key. */
    static String portName(String containerId, String ifname) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((containerId + "\0" + ifname).getBytes(StandardCharsets.UTF_8));
            return "vu-" + HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** K8S_POD_UID from CNI_ARGS ({@code K=V;K=V}), when kubelet gave one. */
    static Optional<String> podUid(String cniArgs) {
        if (cniArgs == null) return Optional.empty();
        for (String pair : cniArgs.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equals("K8S_POD_UID") && !pair.substring(eq + 1).isBlank()) {
                return Optional.of(pair.substring(eq + 1).trim());
            }
        }
        return Optional.empty();
    }
}
