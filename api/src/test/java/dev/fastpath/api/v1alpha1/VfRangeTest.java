package dev.fastpath.api.v1alpha1;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VfRangeTest {

    @Test
    void parsesAndComputes() {
        VfRange range = VfRange.parse("16-29");
        assertEquals(new VfRange(16, 29), range);
        assertEquals(14, range.size());
        assertTrue(range.contains(16) && range.contains(29));
        assertFalse(range.contains(15) || range.contains(30));
        assertTrue(range.fitsIn(30));
        assertFalse(range.fitsIn(29));
        assertTrue(range.overlaps(VfRange.parse("29-31")));
        assertFalse(range.overlaps(VfRange.parse("0-15")));
        assertEquals("16-29", range.toString());
        assertEquals(range, new VfGroup().withRange("16-29").vfRange());
    }

    @Test
    void rejectsMalformedRangesNamingTheField() {
        for (String bad : new String[] {"7-0", "0..7", "1000-1001", "", "-1-2"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> VfRange.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("range must be"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> VfRange.parse(null));
    }
}
