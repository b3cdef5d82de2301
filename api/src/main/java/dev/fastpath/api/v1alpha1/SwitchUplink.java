package dev.fastpath.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.Objects;

/**
 * The uplink of the switch: exactly one of pfName or vf.
 */
@ValidationRule(value = Cel.UPLINK_EXACTLY_ONE, message = Cel.UPLINK_EXACTLY_ONE_MESSAGE, reason = Cel.INVALID)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SwitchUplink {

    @Size(max = 15)
    @Pattern(Patterns.NETDEV_NAME)
    @JsonPropertyDescription("A selected PF itself, by netdev name.")
    private String pfName;

    @Min(0)
    @Max(127)
    @JsonPropertyDescription("A VF index of the selected PF; outside every vfGroups range and below numVfs.")
    private Integer vf;

    public SwitchUplink() {
    }

    public String getPfName() {
        return pfName;
    }

    public void setPfName(String pfName) {
        this.pfName = pfName;
    }

    /** Fluent setter for builders and tests. */
    public SwitchUplink withPfName(String pfName) {
        this.pfName = pfName;
        return this;
    }

    public Integer getVf() {
        return vf;
    }

    public void setVf(Integer vf) {
        this.vf = vf;
    }

    /** Fluent setter for builders and tests. */
    public SwitchUplink withVf(Integer vf) {
        this.vf = vf;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SwitchUplink other)) {
            return false;
        }
        return Objects.equals(pfName, other.pfName)
                && Objects.equals(vf, other.vf);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pfName, vf);
    }

    @Override
    public String toString() {
        return "SwitchUplink{" + "pfName=" + pfName
                + ", vf=" + vf + "}";
    }
}
