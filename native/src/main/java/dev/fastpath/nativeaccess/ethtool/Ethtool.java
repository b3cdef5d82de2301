package dev.fastpath.nativeaccess.ethtool;

import static dev.fastpath.nativeaccess.ethtool.EthtoolCodec.*;

import dev.fastpath.nativeaccess.Errno;
import dev.fastpath.nativeaccess.LinuxException;
import dev.fastpath.nativeaccess.libc.Libc;
import dev.fastpath.nativeaccess.netns.NetNs;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * ethtool over SIOCETHTOOL, at the level of intent: driver info, the {@code rx-ntuple-filter} feature and
 * Flow Director rules. ntuple rules have no ethtool-netlink equivalent, so this is the ioctl path.
 *
 * <p>Interface names resolve in the network namespace of the socket, not of the calling thread: open it inside
 * the namespace ({@link #open(NetNs)}), then use it from any thread.
 * Thread-safe; each call is one or a few ioctls. Close it (a {@link Cleaner} closes a forgotten one).
 */
public final class Ethtool implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    private final int fd;
    private final AtomicBoolean closed;
    private final Cleaner.Cleanable cleanable;

    private Ethtool(int fd) {
        this.fd = fd;
        AtomicBoolean flag = new AtomicBoolean();
        this.closed = flag;
        this.cleanable = CLEANER.register(this, () -> {
            if (flag.compareAndSet(false, true)) {
                Libc.close(fd);
            }
        });
    }

    /** An ioctl socket ({@code AF_INET, SOCK_DGRAM}) in the calling thread's network namespace. */
    public static Ethtool open() {
        return new Ethtool(newSocket());
    }

    /**
     * An ioctl socket made inside {@code ns} (on NetNs's dedicated platform thread): interface names then resolve
     * in that namespace, whichever thread calls. {@code ns} may be closed afterwards.
     */
    public static Ethtool open(NetNs ns) {
        return new Ethtool(ns.call(Ethtool::newSocket));
    }

    /** The socket {@link #open()} makes; create it inside a namespace and hand it to {@link #overSocket(int)}. */
    public static int newSocket() {
        return Libc.socket(Libc.AF_INET, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
    }

    /** Takes ownership of an already-open AF_INET socket, typically one created inside a pod's namespace. */
    public static Ethtool overSocket(int socketFd) {
        if (socketFd < 0) {
            throw new IllegalArgumentException("not a socket fd: " + socketFd);
        }
        return new Ethtool(socketFd);
    }

    // ------------------------------------------------------------------ driver info

    /** {@code ethtool -i}: driver name and, for a PCI NIC, its PCI address. */
    public DriverInfo driverInfo(String ifname) {
        return decodeDriverInfo(call(ifname, driverInfoRequest()).bytes());
    }

    // ------------------------------------------------------------------ ntuple feature

    /** The {@code rx-ntuple-filter} feature (ethtool -k's "ntuple-filters"), looked up by name. */
    public FeatureState ntuple(String ifname) {
        return feature(ifname, NTUPLE_FEATURE);
    }

    /** Whether Flow Director rules can be added now ({@code ntuple-filters: on}). */
    public boolean ntupleEnabled(String ifname) {
        return ntuple(ifname).active();
    }

    /** One feature by its kernel name (e.g. {@code rx-ntuple-filter}, {@code rx-gro-hw}). */
    public FeatureState feature(String ifname, String name) {
        return featureSlot(ifname, name).state();
    }

    /**
     * {@code ethtool -K <if> ntuple on|off}. On i40e, switching it off flushes every Flow Director rule and both
     * directions reset the PF. A driver that cannot change it answers EOPNOTSUPP, naming the feature.
     */
    public void setNtuple(String ifname, boolean on) {
        setFeature(ifname, NTUPLE_FEATURE, on);
    }

    public void setFeature(String ifname, String name, boolean on) {
        String operation = commandName(ETHTOOL_SFEATURES) + " " + ifname + " " + name + " " + (on ? "on" : "off");
        FeatureSlot slot = featureSlot(ifname, name);
        int count = slot.count();
        int index = slot.index();
        FeatureState state = slot.state();
        if (state.active() == on) {
            return;
        }
        if (!state.available()) {
            throw new LinuxException(operation, Errno.EOPNOTSUPP, "the driver has " + name + " fixed "
                    + (state.active() ? "on" : "off"));
        }
        int flags = call(ifname, setFeatureRequest(count, index, on)).result();
        if ((flags & ETHTOOL_F_UNSUPPORTED) != 0) {
            throw new LinuxException(operation, Errno.EOPNOTSUPP, "the driver refused to change " + name);
        }
        FeatureState after = decodeFeature(call(ifname, getFeaturesRequest(count)).bytes(), index, name);
        if (after.active() != on) {
            throw new LinuxException(operation, Errno.EIO, name + " was requested but is not active (driver "
                    + "dependencies, ETHTOOL_F_WISH)");
        }
    }

    /** A feature's bit among the {@code count} the kernel knows, and its state: what GFEATURES/SFEATURES need. */
    private record FeatureSlot(int count, int index, FeatureState state) {}

    /** Looks {@code name} up by the kernel's feature names (GSSET_INFO count, GSTRINGS), then reads its state. */
    private FeatureSlot featureSlot(String ifname, String name) {
        int count = decodeFeatureCount(call(ifname, featureCountRequest()).bytes());
        int index = featureIndex(ifname, name, count);
        return new FeatureSlot(count, index, decodeFeature(call(ifname, getFeaturesRequest(count)).bytes(), index, name));
    }

    private int featureIndex(String ifname, String name, int count) {
        int index = decodeFeatureNames(call(ifname, featureNamesRequest(count)).bytes()).indexOf(name);
        if (index < 0) {
            throw new LinuxException(commandName(ETHTOOL_GSTRINGS) + " " + ifname, Errno.ENOENT,
                    "the kernel has no feature named " + name);
        }
        return index;
    }

    // ------------------------------------------------------------------ Flow Director rules

    /** Rules defined and the table size ({@code ETHTOOL_GRXCLSRLCNT}). */
    public RuleCount ruleCount(String ifname) {
        return decodeRuleCount(call(ifname, ruleCountRequest()).bytes());
    }

    /**
     * The locations of all rules ({@code ETHTOOL_GRXCLSRLALL} sized by a fresh count). A rule added between the
     * count and the listing makes i40e answer EMSGSIZE: counted again, a few times.
     */
    public int[] ruleLocations(String ifname) {
        for (int attempt = 1; ; attempt++) {
            RuleCount count = ruleCount(ifname);
            if (count.rules() == 0) {
                return new int[0];
            }
            try {
                return decodeAllRules(call(ifname, allRulesRequest(count.rules())).bytes());
            } catch (LinuxException e) {
                if (!e.is(Errno.EMSGSIZE) || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /**
     * A free location for a new rule, chosen as ethtool does when no {@code loc} is given: the highest free slot
     * below the table size. ENOSPC when the table is full.
     */
    public int freeLocation(String ifname) {
        RuleCount count = ruleCount(ifname);
        Set<Integer> used = new HashSet<>();
        for (int location : ruleLocations(ifname)) {
            used.add(location);
        }
        for (int location = count.tableSize() - 1; location >= 0; location--) {
            if (!used.contains(location)) {
                return location;
            }
        }
        throw new LinuxException(commandName(ETHTOOL_GRXCLSRLALL) + " " + ifname, Errno.ENOSPC,
                "all " + count.tableSize() + " Flow Director locations are in use");
    }

    /** Every rule, in the driver's order ({@code ethtool -n}). */
    public List<FlowRule> listRules(String ifname) {
        List<FlowRule> rules = new ArrayList<>();
        for (int location : ruleLocations(ifname)) {
            rules.add(getRule(ifname, location));
        }
        return rules;
    }

    /** The rule at {@code location} ({@code ethtool -n <if> rule N}); ENOENT when the slot is empty. */
    public FlowRule getRule(String ifname, int location) {
        return decodeRule(call(ifname, getRuleRequest(location)).bytes());
    }

    /**
     * Inserts {@code rule} at its location ({@code ethtool -N ... loc N}); on i40e an occupied location is
     * replaced. Returns the location the kernel reports.
     */
    public int insertRule(String ifname, FlowRule rule) {
        return decodeInsertedLocation(call(ifname, insertRuleRequest(rule)).bytes());
    }

    /** {@code ethtool -N <if> delete N}. */
    public void deleteRule(String ifname, int location) {
        call(ifname, deleteRuleRequest(location));
    }

    private EthtoolIoctl.Answer call(String ifname, byte[] payload) {
        if (closed.get()) {
            throw new IllegalStateException("ethtool socket already closed");
        }
        return EthtoolIoctl.call(fd, ifname, payload);
    }

    @Override
    public void close() {
        cleanable.clean();
    }
}
