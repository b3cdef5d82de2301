package dev.fastpath.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/**
 * A PF as found on the node.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PfStatus {

    @JsonPropertyDescription("Netdev name.")
    private String name;

    @JsonPropertyDescription("PCI address.")
    private String pci;

    @JsonPropertyDescription("PCI vendor id (hex).")
    private String vendor;

    @JsonPropertyDescription("PCI device id (hex).")
    private String device;

    @JsonPropertyDescription("Kernel driver (i40e).")
    private String driver;

    @JsonPropertyDescription("Link state: up or down.")
    private String link;

    @JsonPropertyDescription("Link speed in Mbps.")
    private Integer speedMbps;

    @JsonPropertyDescription("MTU.")
    private Integer mtu;

    @JsonPropertyDescription("sriov_totalvfs: the most VFs the PF supports.")
    private Integer totalVfs;

    @JsonPropertyDescription("sriov_numvfs: VFs present now.")
    private Integer numVfs;

    public PfStatus() {
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** Fluent setter for builders and tests. */
    public PfStatus withName(String name) {
        this.name = name;
        return this;
    }

    public String getPci() {
        return pci;
    }

    public void setPci(String pci) {
        this.pci = pci;
    }

    /** Fluent setter for builders and tests. */
    public PfStatus withPci(String pci) {
        this.pci = pci;
        return this;
    }

    public String getVendor() {
        return vendor;
    }

    public void setVendor(String vendor) {
        this.vendor = vendor;
    }

    /** Fluent setter for builders and tests. */
    public PfStatus withVendor(String vendor) {
        this.vendor = vendor;
        return this;
    }

    public String getDevice() {
        return device;
    }

    public void setDevice(String device) {
        this.device = device;
    }

    /** Fluent setter for builders and tests. */
    public PfStatus withDevice(String device) {
        this.device = device;
        return this;
    }

    public String getDriver() {
        return driver;
    }

    public void setDriver(String driver) {
        this.driver = driver;
    }

    /** Fluent setter for builders and tests. */
    public PfStatus withDriver(String driver) {
        this.driver = driver;
        return this;
    }

    public String getLink() {
        return link;
    }

    public void setLink(String link) {
        this.link = link;
    }

    /** Fluent setter for builders and tests. */
    public PfStatus withLink(String link) {
        this.link = link;
        return this;
    }

    public Integer getSpeedMbps() {
        return speedMbps;
    }

    public void setSpeedMbps(Integer speedMbps) {
        this.speedMbps = speedMbps;
    }

    /** Fluent setter for builders and tests. */
    public PfStatus withSpeedMbps(Integer speedMbps) {
        this.speedMbps = speedMbps;
        return this;
    }

    public Integer getMtu() {
        return mtu;
    }

    public void setMtu(Integer mtu) {
        this.mtu = mtu;
    }

    /** Fluent setter for builders and tests. */
    public PfStatus withMtu(Integer mtu) {
        this.mtu = mtu;
        return this;
    }

    public Integer getTotalVfs() {
        return totalVfs;
    }

    public void setTotalVfs(Integer totalVfs) {
        this.totalVfs = totalVfs;
    }

    /** Fluent setter for builders and tests. */
    public PfStatus withTotalVfs(Integer totalVfs) {
        this.totalVfs = totalVfs;
        return this;
    }

    public Integer getNumVfs() {
        return numVfs;
    }

    public void setNumVfs(Integer numVfs) {
        this.numVfs = numVfs;
    }

    /** Fluent setter for builders and tests. */
    public PfStatus withNumVfs(Integer numVfs) {
        this.numVfs = numVfs;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PfStatus other)) {
            return false;
        }
        return Objects.equals(name, other.name)
                && Objects.equals(pci, other.pci)
                && Objects.equals(vendor, other.vendor)
                && Objects.equals(device, other.device)
                && Objects.equals(driver, other.driver)
                && Objects.equals(link, other.link)
                && Objects.equals(speedMbps, other.speedMbps)
                && Objects.equals(mtu, other.mtu)
                && Objects.equals(totalVfs, other.totalVfs)
                && Objects.equals(numVfs, other.numVfs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, pci, vendor, device, driver, link, speedMbps, mtu, totalVfs, numVfs);
    }

    @Override
    public String toString() {
        return "PfStatus{" + "name=" + name
                + ", pci=" + pci
                + ", vendor=" + vendor
                + ", device=" + device
                + ", driver=" + driver
                + ", link=" + link
                + ", speedMbps=" + speedMbps
                + ", mtu=" + mtu
                + ", totalVfs=" + totalVfs
                + ", numVfs=" + numVfs + "}";
    }
}
