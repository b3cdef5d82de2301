package dev.fastpath.nativeaccess.ethtool;

/**
 * What a Flow Director rule does with a matching packet, encoded in {@code fs.ring_cookie}: drop
 * ({@code RX_CLS_FLOW_DISC}), an RX queue of the PF, or a queue of a VF (VF index + 1 in bits 32..39,
 * {@code ETHTOOL_RX_FLOW_SPEC_RING_VF}; 0 there means the PF).
 */
public sealed interface RuleAction {
    long RX_CLS_FLOW_DISC = 0xFFFFFFFFFFFFFFFFL;
    long RING_MASK = 0xFFFFFFFFL;
    long RING_VF_MASK = 0xFF00000000L;
    int RING_VF_OFFSET = 32;

    /** The {@code ring_cookie} value. */
    long ringCookie();

    /** Drop the packet ({@code action -1}). */
    record Drop() implements RuleAction {
        @Override
        public long ringCookie() {
            return RX_CLS_FLOW_DISC;
        }

        @Override
        public String toString() {
            return "drop";
        }
    }

    /** Deliver to RX queue {@code queue} of the PF ({@code action N}). */
    record Queue(long queue) implements RuleAction {
        public Queue {
            if (queue < 0 || queue > RING_MASK - 2) {
                throw new IllegalArgumentException("RX queue " + queue + " out of range 0.." + (RING_MASK - 2));
            }
        }

        @Override
        public long ringCookie() {
            return queue;
        }

        @Override
        public String toString() {
            return "queue " + queue;
        }
    }

    /** Deliver to queue {@code queue} of VF {@code vf} ({@code vf N queue M}). */
    record ToVf(int vf, long queue) implements RuleAction {
        public ToVf {
            if (vf < 0 || vf > 254) {
                throw new IllegalArgumentException("VF " + vf + " out of range 0..254 (the ring_cookie holds VF+1 in 8 bits)");
            }
            if (queue < 0 || queue > RING_MASK) {
                throw new IllegalArgumentException("VF queue " + queue + " out of range 0.." + RING_MASK);
            }
        }

        @Override
        public long ringCookie() {
            return ((long) (vf + 1) << RING_VF_OFFSET) | queue;
        }

        @Override
        public String toString() {
            return "vf " + vf + " queue " + queue;
        }
    }

    /** Decodes a {@code ring_cookie}. {@code RX_CLS_FLOW_WAKE} and other special values are refused by name. */
    static RuleAction fromRingCookie(long cookie) {
        if (cookie == RX_CLS_FLOW_DISC) {
            return new Drop();
        }
        if (cookie == 0xFFFFFFFFFFFFFFFEL) {
            throw new IllegalArgumentException("ring_cookie RX_CLS_FLOW_WAKE (wake-on-LAN) is not a Flow Director action");
        }
        if ((cookie & ~(RING_MASK | RING_VF_MASK)) != 0) {
            throw new IllegalArgumentException("ring_cookie 0x" + Long.toHexString(cookie) + " has unknown bits set");
        }
        int vfPlusOne = (int) ((cookie & RING_VF_MASK) >>> RING_VF_OFFSET);
        long queue = cookie & RING_MASK;
        return vfPlusOne == 0 ? new Queue(queue) : new ToVf(vfPlusOne - 1, queue);
    }
}
