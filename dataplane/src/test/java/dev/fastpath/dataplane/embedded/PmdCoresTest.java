package dev.fastpath.dataplane.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PmdCoresTest {
    @Test
    void parsesDistinctOnlineCpusInOrder() {
        assertEquals(List.of(3, 0, 6), PmdCores.parse("--pmd-cores", "3,0,6", "0-3,6\n"));
        assertEquals(List.of(1), PmdCores.parse("--pmd-core", "1", "0-1"));
    }

    @Test
    void refusesDuplicatesOfflineCpusAndEmptyListsNamingTheOption() {
        assertMessage("--pmd-cores lists CPU 1 twice", "1,1");
        assertMessage("--pmd-cores: CPU 4 is not online (online CPUs: 0-3,6)", "0,4");
        assertMessage("--pmd-cores needs at least one CPU", "");
        assertMessage("--pmd-cores must be CPU numbers separated by commas", "0,");
        assertMessage("--pmd-cores: CPU -1 is negative", "-1");
    }

    private static void assertMessage(String expected, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PmdCores.parse("--pmd-cores", value, "0-3,6"));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
