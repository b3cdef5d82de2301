package dev.fastpath.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.Map;
import java.util.Objects;

/**
 * Desired state of a NetworkAttachment: one secondary network that pods and VMs attach to by name.
 */
@ValidationRule(value = Cel.VLANQOS_NEEDS_VLAN, message = Cel.VLANQOS_NEEDS_VLAN_MESSAGE, fieldPath = Cel.VLANQOS_NEEDS_VLAN_FIELD, reason = Cel.FORBIDDEN)
@ValidationRule(value = Cel.VLANPROTO_NEEDS_VLAN, message = Cel.VLANPROTO_NEEDS_VLAN_MESSAGE, fieldPath = Cel.VLANPROTO_NEEDS_VLAN_FIELD, reason = Cel.FORBIDDEN)
@ValidationRule(value = Cel.POOL_REQUIRED, message = Cel.POOL_REQUIRED_MESSAGE, fieldPath = Cel.POOL_REQUIRED_FIELD, reason = Cel.REQUIRED)
@ValidationRule(value = Cel.POOL_FORBIDDEN, message = Cel.POOL_FORBIDDEN_MESSAGE, fieldPath = Cel.POOL_FORBIDDEN_FIELD, reason = Cel.FORBIDDEN)
@ValidationRule(value = Cel.VHOSTUSER_ONLY_VHOST, message = Cel.VHOSTUSER_ONLY_VHOST_MESSAGE, fieldPath = Cel.VHOSTUSER_ONLY_VHOST_FIELD, reason = Cel.FORBIDDEN)
@ValidationRule(value = Cel.VF_SETTINGS_ONLY_SRIOV, message = Cel.VF_SETTINGS_ONLY_SRIOV_MESSAGE, reason = Cel.FORBIDDEN)
@ValidationRule(value = Cel.TX_RATE_ORDER, message = Cel.TX_RATE_ORDER_MESSAGE, fieldPath = Cel.TX_RATE_ORDER_FIELD, reason = Cel.INVALID)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NetworkAttachmentSpec {

    @Required
    @JsonPropertyDescription("How the workload is attached: sriov (VF as kernel netdev), sriov-dpdk (VF on vfio-pci), vhost-user (port on the node switch), kernel (switch port shown as a netdev).")
    private AttachmentType type;

    @Size(max = 63)
    @Pattern(Patterns.DNS_LABEL)
    @ValidationRule(value = Cel.POOL_NOT_RESERVED, message = Cel.POOL_NOT_RESERVED_MESSAGE, reason = Cel.INVALID)
    @JsonPropertyDescription("VF pool the VF comes from (a vfGroups[].pool of a NodePolicy); required for sriov and sriov-dpdk, forbidden otherwise. Resource fastpath.dev/<pool>.")
    private String pool;

    @Min(0)
    @Max(4094)
    @JsonPropertyDescription("VLAN id 0-4094 (0: untagged) the VF or switch port is placed in.")
    private Integer vlan;

    @Min(0)
    @Max(7)
    @JsonPropertyDescription("VLAN priority (PCP) 0-7; needs vlan.")
    private Integer vlanQoS;

    @JsonPropertyDescription("VLAN protocol: 802.1q (default) or 802.1ad; needs vlan.")
    private VlanProto vlanProto;

    @Pattern(Patterns.MAC)
    @JsonPropertyDescription("MAC address given to the interface, e.g. 02:00:00:00:00:10.")
    private String mac;

    @JsonPropertyDescription("VF MAC spoof checking (sriov types only).")
    private Boolean spoofChk;

    @JsonPropertyDescription("VF trust mode: lets the VF set promiscuous/multicast and more MAC/VLAN filters (sriov types only).")
    private Boolean trust;

    @JsonPropertyDescription("VF link state: auto, enable or disable (sriov types only).")
    private LinkState linkState;

    @Min(0)
    @JsonPropertyDescription("Minimum guaranteed VF transmit rate in Mbps (sriov types only); 0: none.")
    private Integer minTxRateMbps;

    @Min(0)
    @JsonPropertyDescription("Maximum VF transmit rate in Mbps (sriov types only); 0: unlimited.")
    private Integer maxTxRateMbps;

    @Min(68)
    @Max(9702)
    @JsonPropertyDescription("MTU of the interface (68-9702, the i40e maximum).")
    private Integer mtu;

    @JsonPropertyDescription("vhost-user socket settings (type vhost-user only).")
    private VhostUserConfig vhostUser;

    @PreserveUnknownFields
    @SchemaFrom(type = FreeFormObject.class)
    @JsonPropertyDescription("The CNI IPAM object, passed through unchanged to the IPAM plugin (e.g. {type: host-local, subnet: 10.1.0.0/24}).")
    private Map<String, Object> ipam;

    public NetworkAttachmentSpec() {
    }

    public AttachmentType getType() {
        return type;
    }

    public void setType(AttachmentType type) {
        this.type = type;
    }

    /** Fluent setter for builders and tests. */
    public NetworkAttachmentSpec withType(AttachmentType type) {
        this.type = type;
        return this;
    }

    public String getPool() {
        return pool;
    }

    public void setPool(String pool) {
        this.pool = pool;
    }

    /** Fluent setter for builders and tests. */
    public NetworkAttachmentSpec withPool(String pool) {
        this.pool = pool;
        return this;
    }

    public Integer getVlan() {
        return vlan;
    }

    public void setVlan(Integer vlan) {
        this.vlan = vlan;
    }

    /** Fluent setter for builders and tests. */
    public NetworkAttachmentSpec withVlan(Integer vlan) {
        this.vlan = vlan;
        return this;
    }

    public Integer getVlanQoS() {
        return vlanQoS;
    }

    public void setVlanQoS(Integer vlanQoS) {
        this.vlanQoS = vlanQoS;
    }

    /** Fluent setter for builders and tests. */
    public NetworkAttachmentSpec withVlanQoS(Integer vlanQoS) {
        this.vlanQoS = vlanQoS;
        return this;
    }

    public VlanProto getVlanProto() {
        return vlanProto;
    }

    public void setVlanProto(VlanProto vlanProto) {
        this.vlanProto = vlanProto;
    }

    /** Fluent setter for builders and tests. */
    public NetworkAttachmentSpec withVlanProto(VlanProto vlanProto) {
        this.vlanProto = vlanProto;
        return this;
    }

    public String getMac() {
        return mac;
    }

    public void setMac(String mac) {
        this.mac = mac;
    }

    /** Fluent setter for builders and tests. */
    public NetworkAttachmentSpec withMac(String mac) {
        this.mac = mac;
        return this;
    }

    public Boolean getSpoofChk() {
        return spoofChk;
    }

    public void setSpoofChk(Boolean spoofChk) {
        this.spoofChk = spoofChk;
    }

    /** Fluent setter for builders and tests. */
    public NetworkAttachmentSpec withSpoofChk(Boolean spoofChk) {
        this.spoofChk = spoofChk;
        return this;
    }

    public Boolean getTrust() {
        return trust;
    }

    public void setTrust(Boolean trust) {
        this.trust = trust;
    }

    /** Fluent setter for builders and tests. */
    public NetworkAttachmentSpec withTrust(Boolean trust) {
        this.trust = trust;
        return this;
    }

    public LinkState getLinkState() {
        return linkState;
    }

    public void setLinkState(LinkState linkState) {
        this.linkState = linkState;
    }

    /** Fluent setter for builders and tests. */
    public NetworkAttachmentSpec withLinkState(LinkState linkState) {
        this.linkState = linkState;
        return this;
    }

    public Integer getMinTxRateMbps() {
        return minTxRateMbps;
    }

    public void setMinTxRateMbps(Integer minTxRateMbps) {
        this.minTxRateMbps = minTxRateMbps;
    }

    /** Fluent setter for builders and tests. */
    public NetworkAttachmentSpec withMinTxRateMbps(Integer minTxRateMbps) {
        this.minTxRateMbps = minTxRateMbps;
        return this;
    }

    public Integer getMaxTxRateMbps() {
        return maxTxRateMbps;
    }

    public void setMaxTxRateMbps(Integer maxTxRateMbps) {
        this.maxTxRateMbps = maxTxRateMbps;
    }

    /** Fluent setter for builders and tests. */
    public NetworkAttachmentSpec withMaxTxRateMbps(Integer maxTxRateMbps) {
        this.maxTxRateMbps = maxTxRateMbps;
        return this;
    }

    public Integer getMtu() {
        return mtu;
    }

    public void setMtu(Integer mtu) {
        this.mtu = mtu;
    }

    /** Fluent setter for builders and tests. */
    public NetworkAttachmentSpec withMtu(Integer mtu) {
        this.mtu = mtu;
        return this;
    }

    public VhostUserConfig getVhostUser() {
        return vhostUser;
    }

    public void setVhostUser(VhostUserConfig vhostUser) {
        this.vhostUser = vhostUser;
    }

    /** Fluent setter for builders and tests. */
    public NetworkAttachmentSpec withVhostUser(VhostUserConfig vhostUser) {
        this.vhostUser = vhostUser;
        return this;
    }

    public Map<String, Object> getIpam() {
        return ipam;
    }

    public void setIpam(Map<String, Object> ipam) {
        this.ipam = ipam;
    }

    /** Fluent setter for builders and tests. */
    public NetworkAttachmentSpec withIpam(Map<String, Object> ipam) {
        this.ipam = ipam;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof NetworkAttachmentSpec other)) {
            return false;
        }
        return Objects.equals(type, other.type)
                && Objects.equals(pool, other.pool)
                && Objects.equals(vlan, other.vlan)
                && Objects.equals(vlanQoS, other.vlanQoS)
                && Objects.equals(vlanProto, other.vlanProto)
                && Objects.equals(mac, other.mac)
                && Objects.equals(spoofChk, other.spoofChk)
                && Objects.equals(trust, other.trust)
                && Objects.equals(linkState, other.linkState)
                && Objects.equals(minTxRateMbps, other.minTxRateMbps)
                && Objects.equals(maxTxRateMbps, other.maxTxRateMbps)
                && Objects.equals(mtu, other.mtu)
                && Objects.equals(vhostUser, other.vhostUser)
                && Objects.equals(ipam, other.ipam);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, pool, vlan, vlanQoS, vlanProto, mac, spoofChk, trust, linkState, minTxRateMbps, maxTxRateMbps, mtu, vhostUser, ipam);
    }

    @Override
    public String toString() {
        return "NetworkAttachmentSpec{" + "type=" + type
                + ", pool=" + pool
                + ", vlan=" + vlan
                + ", vlanQoS=" + vlanQoS
                + ", vlanProto=" + vlanProto
                + ", mac=" + mac
                + ", spoofChk=" + spoofChk
                + ", trust=" + trust
                + ", linkState=" + linkState
                + ", minTxRateMbps=" + minTxRateMbps
                + ", maxTxRateMbps=" + maxTxRateMbps
                + ", mtu=" + mtu
                + ", vhostUser=" + vhostUser
                + ", ipam=" + ipam + "}";
    }
}
