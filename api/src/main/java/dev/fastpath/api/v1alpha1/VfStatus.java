package dev.fastpath.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/**
 * A VF as found on the node.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VfStatus {

    @JsonPropertyDescription("Parent PF name.")
    private String pf;

    @JsonPropertyDescription("VF index on the PF.")
    private Integer index;

    @JsonPropertyDescription("PCI address.")
    private String pci;

    @JsonPropertyDescription("Pool the VF belongs to.")
    private String pool;

    @JsonPropertyDescription("Bound driver: iavf or vfio-pci.")
    private String driver;

    @JsonPropertyDescription("Netdev name in the host namespace (iavf VFs not in a pod).")
    private String netdev;

    @JsonPropertyDescription("Current MAC address.")
    private String mac;

    @JsonPropertyDescription("VLAN set on the PF side.")
    private Integer vlan;

    @JsonPropertyDescription("The pod or VM holding the VF; absent when free.")
    private VfOwner owner;

    public VfStatus() {
    }

    public String getPf() {
        return pf;
    }

    public void setPf(String pf) {
        this.pf = pf;
    }

    /** Fluent setter for builders and tests. */
    public VfStatus withPf(String pf) {
        this.pf = pf;
        return this;
    }

    public Integer getIndex() {
        return index;
    }

    public void setIndex(Integer index) {
        this.index = index;
    }

    /** Fluent setter for builders and tests. */
    public VfStatus withIndex(Integer index) {
        this.index = index;
        return this;
    }

    public String getPci() {
        return pci;
    }

    public void setPci(String pci) {
        this.pci = pci;
    }

    /** Fluent setter for builders and tests. */
    public VfStatus withPci(String pci) {
        this.pci = pci;
        return this;
    }

    public String getPool() {
        return pool;
    }

    public void setPool(String pool) {
        this.pool = pool;
    }

    /** Fluent setter for builders and tests. */
    public VfStatus withPool(String pool) {
        this.pool = pool;
        return this;
    }

    public String getDriver() {
        return driver;
    }

    public void setDriver(String driver) {
        this.driver = driver;
    }

    /** Fluent setter for builders and tests. */
    public VfStatus withDriver(String driver) {
        this.driver = driver;
        return this;
    }

    public String getNetdev() {
        return netdev;
    }

    public void setNetdev(String netdev) {
        this.netdev = netdev;
    }

    /** Fluent setter for builders and tests. */
    public VfStatus withNetdev(String netdev) {
        this.netdev = netdev;
        return this;
    }

    public String getMac() {
        return mac;
    }

    public void setMac(String mac) {
        this.mac = mac;
    }

    /** Fluent setter for builders and tests. */
    public VfStatus withMac(String mac) {
        this.mac = mac;
        return this;
    }

    public Integer getVlan() {
        return vlan;
    }

    public void setVlan(Integer vlan) {
        this.vlan = vlan;
    }

    /** Fluent setter for builders and tests. */
    public VfStatus withVlan(Integer vlan) {
        this.vlan = vlan;
        return this;
    }

    public VfOwner getOwner() {
        return owner;
    }

    public void setOwner(VfOwner owner) {
        this.owner = owner;
    }

    /** Fluent setter for builders and tests. */
    public VfStatus withOwner(VfOwner owner) {
        this.owner = owner;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof VfStatus other)) {
            return false;
        }
        return Objects.equals(pf, other.pf)
                && Objects.equals(index, other.index)
                && Objects.equals(pci, other.pci)
                && Objects.equals(pool, other.pool)
                && Objects.equals(driver, other.driver)
                && Objects.equals(netdev, other.netdev)
                && Objects.equals(mac, other.mac)
                && Objects.equals(vlan, other.vlan)
                && Objects.equals(owner, other.owner);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pf, index, pci, pool, driver, netdev, mac, vlan, owner);
    }

    @Override
    public String toString() {
        return "VfStatus{" + "pf=" + pf
                + ", index=" + index
                + ", pci=" + pci
                + ", pool=" + pool
                + ", driver=" + driver
                + ", netdev=" + netdev
                + ", mac=" + mac
                + ", vlan=" + vlan
                + ", owner=" + owner + "}";
    }
}
