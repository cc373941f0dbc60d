package io.nifidq.benchmarks;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchmarkOptionsTest {

    private static final Set<String> KNOWN = Set.of("records", "splits");

    @Test
    void pairsAndFlagsAreReadInAnyOrder() {
        final BenchmarkOptions options = BenchmarkOptions.parse(List.of("--records", "500k", "--quick", "--splits", "a, b,"), KNOWN,
                Set.of("quick"));

        assertTrue(options.has("quick"));
        assertEquals(500_000, options.intValue("records", 1));
        assertEquals(List.of("a", "b"), options.stringList("splits", List.of()));
    }

    @Test
    void absentOptionsGiveTheDefaults() {
        final BenchmarkOptions options = BenchmarkOptions.parse(List.of(), KNOWN, Set.of("quick"));

        assertFalse(options.has("quick"));
        assertEquals(7, options.intValue("records", 7));
        assertEquals("x", options.string("splits", "x"));
    }

    @Test
    void anUnknownOptionAMissingValueOrAFlagWithoutDashesIsRefused() {
        final IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> BenchmarkOptions.parse(List.of("--rows", "5"), KNOWN));
        assertEquals("Unknown option '--rows'; known: --records, --splits", unknown.getMessage());
        assertEquals("Option --records needs a value",
                assertThrows(IllegalArgumentException.class, () -> BenchmarkOptions.parse(List.of("--records"), KNOWN)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> BenchmarkOptions.parse(List.of("quick"), KNOWN, Set.of("quick")));
    }

    @Test
    void aCountThatIsNotANumberNamesTheOption() {
        final BenchmarkOptions options = BenchmarkOptions.parse(List.of("--records", "many"), KNOWN);

        assertEquals("--records needs a count such as 1000000, 1m or 500k, not 'many'",
                assertThrows(IllegalArgumentException.class, () -> options.intValue("records", 1)).getMessage());
    }
}
