package dev.fastpath.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.Objects;

/**
 * A range of VF indexes on a PF that form one pool with one driver.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VfGroup {

    @Required
    @Size(max = 7)
    @Pattern(Patterns.VF_RANGE)
    @ValidationRule(value = Cel.VFGROUP_RANGE_ORDER, message = Cel.VFGROUP_RANGE_ORDER_MESSAGE, reason = Cel.INVALID)
    @JsonPropertyDescription("VF indexes first-last (inclusive), e.g. 0-7.")
    private String range;

    @Required
    @Size(max = 63)
    @Pattern(Patterns.DNS_LABEL)
    @ValidationRule(value = Cel.POOL_NOT_RESERVED, message = Cel.POOL_NOT_RESERVED_MESSAGE, reason = Cel.INVALID)
    @JsonPropertyDescription("Pool name; nodes advertise extended resource fastpath.dev/<pool>.")
    private String pool;

    @Default("iavf")
    @JsonPropertyDescription("Driver the VFs are bound to: iavf (kernel netdev, default) or vfio-pci (DPDK pods and VMs).")
    private VfDriver driver;

    @Min(68)
    @Max(9702)
    @JsonPropertyDescription("MTU of the VFs (68-9702).")
    private Integer mtu;

    public VfGroup() {
    }

    public String getRange() {
        return range;
    }

    public void setRange(String range) {
        this.range = range;
    }

    /** Fluent setter for builders and tests. */
    public VfGroup withRange(String range) {
        this.range = range;
        return this;
    }

    public String getPool() {
        return pool;
    }

    public void setPool(String pool) {
        this.pool = pool;
    }

    /** Fluent setter for builders and tests. */
    public VfGroup withPool(String pool) {
        this.pool = pool;
        return this;
    }

    public VfDriver getDriver() {
        return driver;
    }

    public void setDriver(VfDriver driver) {
        this.driver = driver;
    }

    /** Fluent setter for builders and tests. */
    public VfGroup withDriver(VfDriver driver) {
        this.driver = driver;
        return this;
    }

    public Integer getMtu() {
        return mtu;
    }

    public void setMtu(Integer mtu) {
        this.mtu = mtu;
    }

    /** Fluent setter for builders and tests. */
    public VfGroup withMtu(Integer mtu) {
        this.mtu = mtu;
        return this;
    }

    /** The parsed {@link #getRange()}. */
    public VfRange vfRange() {
        return VfRange.parse(range);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof VfGroup other)) {
            return false;
        }
        return Objects.equals(range, other.range)
                && Objects.equals(pool, other.pool)
                && Objects.equals(driver, other.driver)
                && Objects.equals(mtu, other.mtu);
    }

    @Override
    public int hashCode() {
        return Objects.hash(range, pool, driver, mtu);
    }

    @Override
    public String toString() {
        return "VfGroup{" + "range=" + range
                + ", pool=" + pool
                + ", driver=" + driver
                + ", mtu=" + mtu + "}";
    }
}
