package dev.fastpath.api;

import dev.fastpath.api.v1alpha1.NetworkAttachmentSpec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every name, key and label Fastpath components agree on, as constants and pure functions (the shape of
 * Strimzi's {@code KafkaResources}): the operator, the node agent, the CNI plugin and the webhook derive names
 * here and never spell them out themselves.
 */
public final class FastpathResources {

    // ---- API

    public static final String GROUP = "fastpath.dev";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;

    public static final String NETWORK_ATTACHMENT_KIND = "NetworkAttachment";
    public static final String NODE_POLICY_KIND = "NodePolicy";
    public static final String NODE_STATE_KIND = "NodeState";

    // ---- extended resources (kubelet device plugins)

    /** Prefix of every extended resource Fastpath advertises. */
    public static final String RESOURCE_PREFIX = GROUP + "/";
    /** The pool name reserved for switch ports. */
    public static final String VHOST_USER_POOL = "vhost-user";
    /** Extended resource counting the vhost-user switch ports a node can still give out. */
    public static final String VHOST_USER_RESOURCE = RESOURCE_PREFIX + VHOST_USER_POOL;

    // ---- annotations

    /** Pod annotation selecting secondary networks (Multus): {@code net-a,ns/net-b@ifname} or a JSON list. */
    public static final String NETWORKS_ANNOTATION = "k8s.v1.cni.cncf.io/networks";
    /** NetworkAttachmentDefinition annotation tying it to a device-plugin resource. */
    public static final String RESOURCE_NAME_ANNOTATION = "k8s.v1.cni.cncf.io/resourceName";
    /** Pod annotation Multus writes with what each network really got. */
    public static final String NETWORK_STATUS_ANNOTATION = "k8s.v1.cni.cncf.io/network-status";
    /** KubeVirt VirtualMachine annotation: {@code <name>[,<name>]} of NetworkAttachments in its namespace. */
    public static final String VM_NETWORKS_ANNOTATION = GROUP + "/networks";

    // ---- labels

    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "fastpath-operator";
    public static final String PART_OF_LABEL = "app.kubernetes.io/part-of";
    public static final String PART_OF = "fastpath";
    /** On objects derived from a NetworkAttachment (its NetworkAttachmentDefinition): the attachment's name. */
    public static final String NETWORK_ATTACHMENT_LABEL = GROUP + "/network-attachment";
    /** On a NodeState: the node it describes. */
    public static final String NODE_LABEL = GROUP + "/node";

    // ---- CNI

    /** The {@code type} of Fastpath's CNI configuration, and the name of its binary. */
    public static final String CNI_TYPE = "fastpath";
    public static final String CNI_VERSION = "1.1.0";

    /** Unix socket paths are limited by sun_path (108 bytes including the terminating NUL). */
    public static final int MAX_UNIX_SOCKET_PATH_BYTES = 107;

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private FastpathResources() {
    }

    /** The extended resource of a VF pool: {@code fastpath.dev/<pool>}. */
    public static String poolResourceName(String pool) {
        requireDnsLabel("pool", pool);
        if (VHOST_USER_POOL.equals(pool)) {
            throw new IllegalArgumentException("pool must not be '" + VHOST_USER_POOL + "': "
                    + VHOST_USER_RESOURCE + " counts switch ports");
        }
        return RESOURCE_PREFIX + pool;
    }

    /**
     * The extended resource a workload of this attachment requests (and the NetworkAttachmentDefinition's
     * {@code k8s.v1.cni.cncf.io/resourceName}): the VF pool for the sriov types, the switch ports otherwise.
     */
    public static String resourceNameFor(NetworkAttachmentSpec spec) {
        if (spec == null || spec.getType() == null) {
            throw new IllegalArgumentException("spec.type must be set");
        }
        return switch (spec.getType()) {
            case SRIOV, SRIOV_DPDK -> poolResourceName(spec.getPool());
            case VHOST_USER, KERNEL -> VHOST_USER_RESOURCE;
        };
    }

    /** The pool of a Fastpath VF resource name, or {@code null} when it is not one (other prefix, vhost-user). */
    public static String poolOfResourceName(String resourceName) {
        if (resourceName == null || !resourceName.startsWith(RESOURCE_PREFIX)) {
            return null;
        }
        String pool = resourceName.substring(RESOURCE_PREFIX.length());
        if (VHOST_USER_POOL.equals(pool) || !DNS_LABEL.matcher(pool).matches() || pool.length() > 63) {
            return null;
        }
        return pool;
    }

    /** A NodeState is named after its node. */
    public static String nodeStateName(String nodeName) {
        if (nodeName == null || nodeName.length() > 253 || !DNS_SUBDOMAIN.matcher(nodeName).matches()) {
            throw new IllegalArgumentException("node name must be a DNS subdomain (lower case, at most 253 chars), got '"
                    + nodeName + "'");
        }
        return nodeName;
    }

    /** The Multus NetworkAttachmentDefinition of a NetworkAttachment has the same name (and namespace). */
    public static String networkAttachmentDefinitionName(String networkAttachmentName) {
        if (networkAttachmentName == null || networkAttachmentName.isEmpty()) {
            throw new IllegalArgumentException("networkAttachment name must not be empty");
        }
        return networkAttachmentName;
    }

    /** Labels on every object the operator creates. */
    public static Map<String, String> managedLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED_BY_LABEL, MANAGED_BY);
        labels.put(PART_OF_LABEL, PART_OF);
        return labels;
    }

    /** Labels on the NetworkAttachmentDefinition rendered for a NetworkAttachment. */
    public static Map<String, String> networkAttachmentDefinitionLabels(String networkAttachmentName) {
        Map<String, String> labels = managedLabels();
        labels.put(NETWORK_ATTACHMENT_LABEL, networkAttachmentDefinitionName(networkAttachmentName));
        return labels;
    }

    /** Labels on the NodeState of a node. */
    public static Map<String, String> nodeStateLabels(String nodeName) {
        Map<String, String> labels = managedLabels();
        labels.put(NODE_LABEL, nodeStateName(nodeName));
        return labels;
    }

    static void requireDnsLabel(String field, String value) {
        if (value == null || value.isEmpty() || value.length() > 63 || !DNS_LABEL.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be a DNS label (lower case letters, digits and '-',"
                    + " at most 63 chars), got '" + value + "'");
        }
    }
}
