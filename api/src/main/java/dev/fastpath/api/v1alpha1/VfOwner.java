package dev.fastpath.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/**
 * The workload that holds a VF or switch port.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VfOwner {

    @JsonPropertyDescription("Pod namespace.")
    private String namespace;

    @JsonPropertyDescription("Pod name.")
    private String name;

    @JsonPropertyDescription("Pod UID.")
    private String uid;

    @JsonPropertyDescription("Sandbox container id from CNI.")
    private String containerId;

    @JsonPropertyDescription("Network namespace path.")
    private String netns;

    @JsonPropertyDescription("Interface name inside the pod.")
    private String ifname;

    public VfOwner() {
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    /** Fluent setter for builders and tests. */
    public VfOwner withNamespace(String namespace) {
        this.namespace = namespace;
        return this;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** Fluent setter for builders and tests. */
    public VfOwner withName(String name) {
        this.name = name;
        return this;
    }

    public String getUid() {
        return uid;
    }

    public void setUid(String uid) {
        this.uid = uid;
    }

    /** Fluent setter for builders and tests. */
    public VfOwner withUid(String uid) {
        this.uid = uid;
        return this;
    }

    public String getContainerId() {
        return containerId;
    }

    public void setContainerId(String containerId) {
        this.containerId = containerId;
    }

    /** Fluent setter for builders and tests. */
    public VfOwner withContainerId(String containerId) {
        this.containerId = containerId;
        return this;
    }

    public String getNetns() {
        return netns;
    }

    public void setNetns(String netns) {
        this.netns = netns;
    }

    /** Fluent setter for builders and tests. */
    public VfOwner withNetns(String netns) {
        this.netns = netns;
        return this;
    }

    public String getIfname() {
        return ifname;
    }

    public void setIfname(String ifname) {
        this.ifname = ifname;
    }

    /** Fluent setter for builders and tests. */
    public VfOwner withIfname(String ifname) {
        this.ifname = ifname;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof VfOwner other)) {
            return false;
        }
        return Objects.equals(namespace, other.namespace)
                && Objects.equals(name, other.name)
                && Objects.equals(uid, other.uid)
                && Objects.equals(containerId, other.containerId)
                && Objects.equals(netns, other.netns)
                && Objects.equals(ifname, other.ifname);
    }

    @Override
    public int hashCode() {
        return Objects.hash(namespace, name, uid, containerId, netns, ifname);
    }

    @Override
    public String toString() {
        return "VfOwner{" + "namespace=" + namespace
                + ", name=" + name
                + ", uid=" + uid
                + ", containerId=" + containerId
                + ", netns=" + netns
                + ", ifname=" + ifname + "}";
    }
}
