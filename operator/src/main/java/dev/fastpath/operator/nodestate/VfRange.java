package dev.fastpath.operator.nodestate;

/** An inclusive VF index range as written in {@code vfGroups[].range}: "first-last" or a single "n". */
public record VfRange(int first, int last) {

    public static VfRange parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("range: required");
        }
        String[] parts = text.strip().split("-", 2);
        try {
            int first = Integer.parseInt(parts[0].strip());
            int last = parts.length == 2 ? Integer.parseInt(parts[1].strip()) : first;
            if (first < 0 || last < first) {
                throw new IllegalArgumentException("range: '" + text + "' must be first-last with 0 <= first <= last");
            }
            return new VfRange(first, last);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("range: '" + text + "' is not first-last", e);
        }
    }

    public boolean overlaps(VfRange other) {
        return first <= other.last && other.first <= last;
    }

    public boolean contains(int index) {
        return index >= first && index <= last;
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
