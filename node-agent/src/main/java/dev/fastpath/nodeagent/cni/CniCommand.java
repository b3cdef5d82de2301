package dev.fastpath.nodeagent.cni;

import dev.fastpath.cniplugin.types.CniVersions;
import java.util.Optional;

/** The CNI verbs, with the oldest spec version that knows each. */
public enum CniCommand {
    ADD(CniVersions.V0_3_1),
    DEL(CniVersions.V0_3_1),
    CHECK(CniVersions.V0_4_0),
    STATUS(CniVersions.V1_1_0),
    GC(CniVersions.V1_1_0),
    VERSION(CniVersions.V0_3_1);

    private final String since;

    CniCommand(String since) {
        this.since = since;
    }

    public String since() {
        return since;
    }

    /** ADD, DEL and CHECK name one attachment (container id + ifname). */
    public boolean isPerAttachment() {
        return this == ADD || this == DEL || this == CHECK;
    }

    public static Optional<CniCommand> parse(String name) {
        if (name == null) return Optional.empty();
        for (CniCommand c : values()) {
            if (c.name().equals(name)) return Optional.of(c);
        }
        return Optional.empty();
    }
}
