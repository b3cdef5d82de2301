package dev.fastpath.nodeagent.cni;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastpath.cniplugin.types.AttachmentType;
import dev.fastpath.cniplugin.types.NetConf;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A CNI request after validation: every field here has been checked (RequestParser), so handlers act
 * without re-checking. {@code config} is the network config exactly as received (what IPAM gets);
 * {@code netConf} is its typed view. Fields a command does not need may be null (e.g. netns for DEL, GC).
 */
public record CniRequest(
        CniCommand command,
        String containerId,
        String netns,
        String ifname,
        String cniArgs,
        List<Path> cniPath,
        Map<String, String> env,
        ObjectNode config,
        NetConf netConf,
        AttachmentType attachment) {

    public String cniVersion() {
        return netConf == null || netConf.cniVersion() == null ? dev.fastpath.cniplugin.types.CniVersions.CURRENT : netConf.cniVersion();
    }

    public String networkName() {
        return netConf == null ? null : netConf.name();
    }

    /** Context for every log line of this request. */
    public String logContext() {
        return command + " " + (networkName() == null ? "-" : networkName()) + " " + (containerId == null ? "-" : containerId)
                + "/" + (ifname == null ? "-" : ifname);
    }
}
