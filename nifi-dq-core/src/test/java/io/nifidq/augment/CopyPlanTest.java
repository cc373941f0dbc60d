package io.nifidq.augment;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CopyPlanTest {

    private static long copiesOfClass(final CopyPlan plan, final String label, final long sources) {
        long total = 0;
        for (long ordinal = 0; ordinal < sources; ordinal++) {
            total += plan.copiesFor(label, ordinal);
        }
        return total;
    }

    @Test
    void rebalancingToOneRaisesTheMinorityToTheMajority() {
        // weka_reuters split_grain: 103 grain texts among 1,554.
        final Map<String, Long> records = new LinkedHashMap<>(Map.of("0", 1451L, "1", 103L));
        final CopyPlan plan = CopyPlan.rebalance(records, records, 1.0, 50);
        assertEquals(1348, copiesOfClass(plan, "1", 103));
        assertEquals(0, copiesOfClass(plan, "0", 1451));
        assertEquals(Map.of("0", 1451L, "1", 1451L), plan.plannedCounts());
        // 1348 = 13 x 103 + 9: nine records, spread over the class, make one copy more.
        final long fourteen = java.util.stream.LongStream.range(0, 103).filter(i -> plan.copiesFor("1", i) == 14).count();
        assertEquals(9, fourteen);
    }

    @Test
    void aTargetShareBelowOneStopsShort() {
        final Map<String, Long> records = Map.of("a", 100L, "b", 10L);
        final CopyPlan plan = CopyPlan.rebalance(records, records, 0.5, 50);
        assertEquals(40, copiesOfClass(plan, "b", 10));
        assertEquals(Map.of("a", 100L, "b", 50L), plan.plannedCounts());
    }

    @Test
    void onlyRecordsWithATextMakeCopiesAndTheCapHolds() {
        final Map<String, Long> records = Map.of("a", 100L, "b", 10L);
        final CopyPlan plan = CopyPlan.rebalance(records, Map.of("a", 100L, "b", 2L), 1.0, 5);
        assertEquals(10, copiesOfClass(plan, "b", 2));
        assertEquals(5, plan.copiesFor("b", 0));
        assertEquals(0, plan.copiesFor("unknown label", 0));
        assertEquals(0, plan.copiesFor(null, 0));
    }

    @Test
    void aFixedPlanGivesEveryRecordTheSameCopies() {
        final CopyPlan plan = CopyPlan.fixed(4);
        assertFalse(plan.rebalancing());
        assertEquals(4, plan.copiesFor("anything", 17));
        assertEquals(4, plan.copiesFor(null, 0));
        assertThrows(IllegalArgumentException.class, () -> CopyPlan.fixed(-1));
        assertThrows(IllegalArgumentException.class, () -> CopyPlan.rebalance(Map.of(), Map.of(), 1.5, 5));
    }
}
