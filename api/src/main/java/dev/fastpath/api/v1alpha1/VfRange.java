package dev.fastpath.api.v1alpha1;

/**
 * A parsed {@code vfGroups[].range}: VF indexes {@code first} to {@code last}, both inclusive. The CRD schema
 * already rejects malformed ranges; this is what the operator and the agent compute with.
 */
public record VfRange(int first, int last) {

    public VfRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("range must be first-last with 0 <= first <= last, got " + first + "-" + last);
        }
    }

    /** Parses {@code "first-last"}; the error names the field and the value. */
    public static VfRange parse(String range) {
        if (range == null || !range.matches("[0-9]{1,3}-[0-9]{1,3}")) {
            throw new IllegalArgumentException("range must be 'first-last' (e.g. 0-7), got '" + range + "'");
        }
        int dash = range.indexOf('-');
        return new VfRange(Integer.parseInt(range.substring(0, dash)), Integer.parseInt(range.substring(dash + 1)));
    }

    public int size() {
        return last - first + 1;
    }

    public boolean contains(int vfIndex) {
        return vfIndex >= first && vfIndex <= last;
    }

    public boolean overlaps(VfRange other) {
        return first <= other.last && other.first <= last;
    }

    /** Whether every index lies below {@code numVfs}. */
    public boolean fitsIn(int numVfs) {
        return last < numVfs;
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
