package dev.fastpath.nodeagent.cni;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastpath.cniplugin.protocol.AgentRequest;
import dev.fastpath.cniplugin.types.AttachmentType;
import dev.fastpath.cniplugin.types.CniErrorCode;
import dev.fastpath.cniplugin.types.CniJson;
import dev.fastpath.cniplugin.types.CniVersions;
import dev.fastpath.cniplugin.types.NetConf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns what the shim forwarded into a {@link CniRequest}, checking the whole request before anything is
 * done: command, JSON, versions, environment, then every netconf field. Each problem becomes the CNI
 * error code the spec gives it, with a message naming the variable or field (and its value).
 */
public final class RequestParser {
    /** CNI SPEC: "alphanumeric, then alphanumeric, underscore, period or hyphen". */
    private static final Pattern CONTAINER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]*");
    private static final Pattern PCI_ADDRESS = Pattern.compile("[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]");
    private static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}");
    private static final int IFNAMSIZ = 16;
    public static final String PLUGIN_TYPE = "fastpath";

    private RequestParser() {}

    public static CniRequest parse(AgentRequest raw) {
        Map<String, String> env = raw.env();
        String commandName = env.get("CNI_COMMAND");
        CniCommand command = CniCommand.parse(commandName).orElseThrow(() -> CniException.invalidEnv(
                commandName == null ? "CNI_COMMAND is not set"
                        : "CNI_COMMAND=" + commandName + " is not one of ADD, DEL, CHECK, STATUS, GC, VERSION"));
        if (command == CniCommand.VERSION) {
            return new CniRequest(command, null, null, null, null, List.of(), env, null, null, null);
        }

        ObjectNode config = decode(raw.stdin());
        NetConf netConf = typed(config);
        checkVersion(command, netConf);

        String containerId = env.get("CNI_CONTAINERID");
        String netns = env.get("CNI_NETNS");
        String ifname = env.get("CNI_IFNAME");
        if (command.isPerAttachment()) {
            checkContainerId(containerId);
            checkIfname(ifname);
        }
        if (command == CniCommand.ADD || command == CniCommand.CHECK) {
            checkNetns(netns);
        }
        List<Path> cniPath = cniPath(env.get("CNI_PATH"));

        if (netConf.name() == null || netConf.name().isBlank()) throw CniException.invalidConfig("network config has no \"name\"");
        if (!PLUGIN_TYPE.equals(netConf.type())) {
            throw CniException.invalidConfig("\"type\" is " + quoted(netConf.type()) + ", this plugin is \"" + PLUGIN_TYPE + "\"");
        }
        AttachmentType attachment = null;
        if (command.isPerAttachment()) {
            attachment = AttachmentType.fromWire(netConf.attachment()).orElseThrow(() -> CniException.invalidConfig(
                    "\"attachment\" is " + quoted(netConf.attachment()) + ", expected one of "
                            + Arrays.stream(AttachmentType.values()).map(AttachmentType::wireName).collect(Collectors.joining(", "))));
        }
        if (netConf.ipam() != null) {
            if (netConf.ipamType() == null || netConf.ipamType().isBlank()) throw CniException.invalidConfig("\"ipam\" has no \"type\"");
            if (netConf.ipamType().contains("/")) throw CniException.invalidConfig("\"ipam.type\" " + quoted(netConf.ipamType()) + " must be a plugin name, not a path");
            if (command != CniCommand.STATUS && cniPath.isEmpty()) {
                throw CniException.invalidEnv("CNI_PATH is not set but ipam.type " + quoted(netConf.ipamType()) + " must be found in it");
            }
        }
        if (command == CniCommand.ADD || command == CniCommand.CHECK) {
            checkFields(netConf, attachment);
        }
        return new CniRequest(command, containerId, netns, ifname, env.get("CNI_ARGS"), cniPath, env, config, netConf, attachment);
    }

    private static ObjectNode decode(byte[] stdin) {
        JsonNode tree;
        try {
            tree = CniJson.MAPPER.readTree(stdin);
        } catch (IOException e) {
            String where = e instanceof JsonProcessingException jpe && jpe.getLocation() != null
                    ? " at line " + jpe.getLocation().getLineNr() + " column " + jpe.getLocation().getColumnNr() : "";
            throw new CniException(CniErrorCode.DECODE_FAILURE, "network config on stdin is not valid JSON" + where,
                    e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage());
        }
        if (tree == null || tree.isMissingNode()) throw new CniException(CniErrorCode.DECODE_FAILURE, "network config on stdin is empty");
        if (!(tree instanceof ObjectNode object)) {
            throw new CniException(CniErrorCode.DECODE_FAILURE, "network config on stdin is a JSON " + tree.getNodeType() + ", not an object");
        }
        return object;
    }

    private static NetConf typed(ObjectNode config) {
        try {
            return CniJson.MAPPER.treeToValue(config, NetConf.class);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            throw CniException.invalidConfig("field \"" + field + "\" has the wrong type: " + e.getOriginalMessage());
        } catch (JacksonException e) {
            throw new CniException(CniErrorCode.DECODE_FAILURE, "network config cannot be decoded", e.getOriginalMessage());
        }
    }

    private static void checkVersion(CniCommand command, NetConf netConf) {
        String version = netConf.cniVersion();
        if (version == null || version.isBlank()) throw CniException.invalidConfig("network config has no \"cniVersion\"");
        if (!CniVersions.isSupported(version)) {
            throw new CniException(CniErrorCode.INCOMPATIBLE_VERSION,
                    "cniVersion " + version + " is not supported (supported: " + String.join(", ", CniVersions.SUPPORTED) + ")");
        }
        if (!CniVersions.atLeast(version, command.since())) {
            throw new CniException(CniErrorCode.INCOMPATIBLE_VERSION,
                    command + " needs cniVersion " + command.since() + " or later, the config says " + version);
        }
    }

    private static void checkContainerId(String id) {
        if (id == null || id.isEmpty()) throw CniException.invalidEnv("CNI_CONTAINERID is not set");
        if (!CONTAINER_ID.matcher(id).matches()) {
            throw CniException.invalidEnv("CNI_CONTAINERID " + quoted(id) + " must start with a letter or digit and hold only letters, digits, '_', '.', '-'");
        }
    }

    /** The kernel's dev_valid_name: 1-15 bytes, not "." or "..", no '/', ':' or white space. */
    static void checkIfname(String name) {
        if (name == null || name.isEmpty()) throw CniException.invalidEnv("CNI_IFNAME is not set");
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= IFNAMSIZ) {
            throw CniException.invalidEnv("CNI_IFNAME " + quoted(name) + " is longer than 15 bytes");
        }
        if (name.equals(".") || name.equals("..")) throw CniException.invalidEnv("CNI_IFNAME " + quoted(name) + " is not a valid interface name");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == ':' || Character.isWhitespace(c) || c < 0x20) {
                throw CniException.invalidEnv("CNI_IFNAME " + quoted(name) + " contains '" + (c < 0x20 ? "\\u" + (int) c : String.valueOf(c)) + "', not allowed in an interface name");
            }
        }
    }

    /** The netns must be given as an absolute path (invalid env otherwise) and must exist (else the container is gone: code 3). */
    private static void checkNetns(String netns) {
        if (netns == null || netns.isEmpty()) throw CniException.invalidEnv("CNI_NETNS is not set");
        Path path = Path.of(netns);
        if (!path.isAbsolute()) throw CniException.invalidEnv("CNI_NETNS " + quoted(netns) + " is not an absolute path");
        if (!Files.exists(path)) {
            throw new CniException(CniErrorCode.UNKNOWN_CONTAINER, "network namespace " + netns + " (CNI_NETNS) does not exist");
        }
        if (path.startsWith("/proc")) return; // /proc/<pid>/ns/net: a magic link, present means the process lives
        try {
            String type = Files.getFileStore(path).type();
            if (!type.equals("nsfs") && !type.equals("proc")) {
                throw CniException.invalidEnv("CNI_NETNS " + netns + " is not a network namespace (it is on " + type + ")");
            }
        } catch (IOException e) {
            throw new CniException(CniErrorCode.UNKNOWN_CONTAINER, "network namespace " + netns + " (CNI_NETNS) cannot be inspected", e.getMessage());
        }
    }

    private static List<Path> cniPath(String value) {
        List<Path> dirs = new ArrayList<>();
        if (value == null) return dirs;
        for (String dir : value.split(":")) {
            if (!dir.isBlank()) dirs.add(Path.of(dir));
        }
        return dirs;
    }

    /** Every value a handler relies on, named when wrong. */
    private static void checkFields(NetConf c, AttachmentType attachment) {
        if (attachment.usesVf()) {
            String deviceId = c.effectiveDeviceId();
            if (deviceId == null || deviceId.isBlank()) {
                throw CniException.invalidConfig("no VF for a " + attachment + " attachment: runtimeConfig.deviceID (from the device plugin"
                        + (c.pool() == null ? "" : " for pool " + c.pool()) + ") is missing");
            }
            if (!PCI_ADDRESS.matcher(deviceId).matches()) {
                throw CniException.invalidConfig("runtimeConfig.deviceID " + quoted(deviceId) + " is not a PCI address like 0000:03:02.1");
            }
        }
        checkMac("mac", c.mac());
        checkMac("runtimeConfig.mac", c.runtime().mac());
        List<String> ips = c.runtime().ips();
        if (ips != null) {
            for (int i = 0; i < ips.size(); i++) {
                try {
                    dev.fastpath.nativeaccess.netlink.IpPrefix.parse(ips.get(i));
                } catch (RuntimeException e) {
                    throw CniException.invalidConfig("runtimeConfig.ips[" + i + "] " + quoted(ips.get(i)) + " is not an address/prefix like 10.1.0.5/24");
                }
            }
        }
        range("vlan", c.vlan(), 0, 4094);
        range("vlanQoS", c.vlanQoS(), 0, 7);
        oneOf("vlanProto", c.vlanProto(), "802.1q", "802.1ad", "802.1Q", "802.1AD");
        if ((c.vlanQoS() != null && c.vlanQoS() != 0 || c.vlanProto() != null) && (c.vlan() == null || c.vlan() == 0)) {
            throw CniException.invalidConfig("vlanQoS/vlanProto need a non-zero \"vlan\"");
        }
        oneOf("spoofchk", c.spoofchk(), "on", "off");
        oneOf("trust", c.trust(), "on", "off");
        oneOf("link_state", c.linkState(), "auto", "enable", "disable");
        range("min_tx_rate", c.minTxRate(), 0, Integer.MAX_VALUE);
        range("max_tx_rate", c.maxTxRate(), 0, Integer.MAX_VALUE);
        if (c.minTxRate() != null && c.maxTxRate() != null && c.maxTxRate() != 0 && c.minTxRate() > c.maxTxRate()) {
            throw CniException.invalidConfig("min_tx_rate " + c.minTxRate() + " is above max_tx_rate " + c.maxTxRate());
        }
        range("mtu", c.mtu(), 68, 9702);
        if (c.vhostUser() != null) {
            oneOf("vhostUser.mode", c.vhostUser().mode(), "client", "server");
            range("vhostUser.queues", c.vhostUser().queues(), 1, 256);
        }
    }

    private static void checkMac(String field, String mac) {
        if (mac != null && !MAC.matcher(mac).matches()) {
            throw CniException.invalidConfig(field + " " + quoted(mac) + " is not a MAC address like 02:00:00:00:00:01");
        }
        if (mac != null && (Integer.parseInt(mac.substring(0, 2), 16) & 1) != 0) {
            throw CniException.invalidConfig(field + " " + mac + " is a multicast address");
        }
    }

    private static void range(String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw CniException.invalidConfig(field + " " + value + " is outside " + min + ".." + max);
        }
    }

    private static void oneOf(String field, String value, String... allowed) {
        if (value != null && !Arrays.asList(allowed).contains(value)) {
            throw CniException.invalidConfig(field + " " + quoted(value) + " is not one of " + String.join(", ", allowed));
        }
    }

    static String quoted(String value) {
        return value == null ? "(missing)" : "\"" + value + "\"";
    }
}
