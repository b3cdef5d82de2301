package dev.fastpath.nodeagent.cni.ipam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastpath.cniplugin.types.CniErrorCode;
import dev.fastpath.cniplugin.types.CniJson;
import dev.fastpath.cniplugin.types.CniResult;
import dev.fastpath.cniplugin.types.CniVersions;
import dev.fastpath.nodeagent.cni.CniException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * IPAM by delegation (CNI SPEC section 4): exec the plugin named by {@code ipam.type} from CNI_PATH with the
 * same environment and the whole network config on stdin. Plugins speak older spec versions (Debian's
 * host-local stops at 1.0.0), so the config's {@code cniVersion} is lowered to the newest version both
 * sides speak, asked once per plugin binary with VERSION. STATUS and GC only go to plugins that know them.
 */
public final class IpamDelegate {
    /** Where and how to call the plugin: everything comes from the request or, after a crash, the checkpoint. */
    public record Invocation(String ipamType, List<Path> cniPath, String containerId, String netns, String ifname,
                             String cniArgs, ObjectNode config) {}

    private record VersionKey(Path plugin, long modified) {}

    private final Map<VersionKey, List<String>> versions = new ConcurrentHashMap<>();

    public CniResult add(Invocation call) {
        Path plugin = find(call);
        JsonNode out = invoke(plugin, "ADD", call, true);
        try {
            return CniResult.fromJson(out);
        } catch (IllegalArgumentException e) {
            throw new CniException(CniErrorCode.IPAM_FAILED, "IPAM plugin " + call.ipamType() + " returned a result that is not a CNI result", out.toString());
        }
    }

    public void check(Invocation call) {
        invoke(find(call), "CHECK", call, false);
    }

    /** Best effort by contract: a plugin that is gone has nothing to release here. */
    public void del(Invocation call) {
        Optional<Path> plugin = locate(call);
        if (plugin.isEmpty()) return;
        invoke(plugin.get(), "DEL", call, false);
    }

    /** Forwards GC when the plugin speaks 1.1.0; older plugins have no GC (their DEL per attachment does it). */
    public void gc(Invocation call) {
        Optional<Path> plugin = locate(call);
        if (plugin.isEmpty() || !supports(plugin.get(), CniVersions.V1_1_0)) return;
        invoke(plugin.get(), "GC", call, false);
    }

    /** STATUS of the plugin when it speaks 1.1.0; a missing plugin means ADD cannot be served. */
    public void status(Invocation call) {
        Path plugin = find(call);
        if (!supports(plugin, CniVersions.V1_1_0)) return;
        invoke(plugin, "STATUS", call, false);
    }

    private Path find(Invocation call) {
        return locate(call).orElseThrow(() -> new CniException(CniErrorCode.INVALID_NETWORK_CONFIG,
                "IPAM plugin \"" + call.ipamType() + "\" (ipam.type) not found in CNI_PATH " + call.cniPath()));
    }

    private static Optional<Path> locate(Invocation call) {
        for (Path dir : call.cniPath()) {
            Path candidate = dir.resolve(call.ipamType());
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    private JsonNode invoke(Path plugin, String command, Invocation call, boolean expectResult) {
        String wanted = call.config().path("cniVersion").asText(CniVersions.CURRENT);
        String version = CniVersions.negotiate(wanted, supportedVersions(plugin)).orElseThrow(() -> new CniException(
                CniErrorCode.INCOMPATIBLE_VERSION, "IPAM plugin " + plugin + " speaks none of the versions up to " + wanted));
        ObjectNode config = call.config().deepCopy();
        config.put("cniVersion", version);
        if (!CniVersions.atLeast(version, CniVersions.V1_0_0) && config.has("prevResult")) config.remove("prevResult");
        // The prevResult speaks the config's version too: static (1.0.0) refuses a 1.1.0 result on CHECK.
        if (config.get("prevResult") instanceof ObjectNode prev) prev.put("cniVersion", version);

        Map<String, String> env = new LinkedHashMap<>();
        env.put("CNI_COMMAND", command);
        putIfSet(env, "CNI_CONTAINERID", call.containerId());
        putIfSet(env, "CNI_NETNS", call.netns());
        putIfSet(env, "CNI_IFNAME", call.ifname());
        putIfSet(env, "CNI_ARGS", call.cniArgs());
        env.put("CNI_PATH", String.join(":", call.cniPath().stream().map(Path::toString).toList()));
        byte[] stdin;
        try {
            stdin = CniJson.MAPPER.writeValueAsBytes(config);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        PluginExec.Outcome outcome;
        try {
            outcome = PluginExec.run(plugin, env, stdin);
        } catch (RuntimeException e) {
            throw new CniException(CniErrorCode.IPAM_FAILED, "IPAM plugin " + call.ipamType() + " " + command + " failed: " + e.getMessage());
        }
        if (outcome.exitCode() != 0) throw pluginError(call.ipamType(), command, outcome);
        if (!expectResult) return null;
        try {
            return CniJson.MAPPER.readTree(outcome.stdout());
        } catch (IOException e) {
            throw new CniException(CniErrorCode.IPAM_FAILED, "IPAM plugin " + call.ipamType() + " " + command + " printed no JSON result", outcome.stdout());
        }
    }

    /** The plugin's own error, code kept, message prefixed with who said it. */
    private static CniException pluginError(String type, String command, PluginExec.Outcome outcome) {
        try {
            JsonNode error = CniJson.MAPPER.readTree(outcome.stdout());
            if (error != null && error.has("code")) {
                String msg = error.path("msg").asText("");
                String details = error.path("details").asText(null);
                return new CniException(error.get("code").asInt(CniErrorCode.IPAM_FAILED),
                        "IPAM plugin " + type + " " + command + " failed: " + msg, details);
            }
        } catch (IOException e) {
            // not JSON: fall through to the raw text
        }
        String text = outcome.stdout().isBlank() ? outcome.stderr() : outcome.stdout();
        return new CniException(CniErrorCode.IPAM_FAILED, "IPAM plugin " + type + " " + command + " exited " + outcome.exitCode() + ": " + text.strip());
    }

    private boolean supports(Path plugin, String version) {
        return supportedVersions(plugin).contains(version);
    }

    private List<String> supportedVersions(Path plugin) {
        long modified;
        try {
            modified = Files.getLastModifiedTime(plugin).toMillis();
        } catch (IOException e) {
            modified = 0;
        }
        return versions.computeIfAbsent(new VersionKey(plugin, modified), k -> askVersions(plugin));
    }

    private static List<String> askVersions(Path plugin) {
        PluginExec.Outcome outcome = PluginExec.run(plugin, Map.of("CNI_COMMAND", "VERSION"),
                ("{\"cniVersion\":\"" + CniVersions.CURRENT + "\"}").getBytes());
        try {
            JsonNode info = CniJson.MAPPER.readTree(outcome.stdout());
            List<String> list = new ArrayList<>();
            info.path("supportedVersions").forEach(v -> list.add(v.asText()));
            if (!list.isEmpty()) return List.copyOf(list);
        } catch (IOException e) {
            // fall through
        }
        throw new CniException(CniErrorCode.IPAM_FAILED, "IPAM plugin " + plugin + " did not answer VERSION", outcome.stdout() + outcome.stderr());
    }

    private static void putIfSet(Map<String, String> env, String key, String value) {
        if (value != null) env.put(key, value);
    }
}
