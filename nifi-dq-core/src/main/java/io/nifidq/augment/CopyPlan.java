package io.nifidq.augment;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many augmented copies each record gets: a fixed number (EDA's n_aug), or as many as rebalancing needs.
 * Rebalancing raises every class below targetShare x (majority class size) to that size: a class of n records,
 * s of them with a text to augment, needs d = ceil(share x majority) - n copies; each of its s sources makes
 * floor(d / s) copies and d mod s of them, spread evenly by their order within the class, one more. At most
 * Maximum Copies per Record copies come from one record, so a tiny class may stay below its target. The plan
 * needs only the counts per class, not the records.
 */
public final class CopyPlan {

    private final int fixedCopies;
    private final Map<String, ClassPlan> classes;

    private record ClassPlan(long records, long sources, long target, int base, long extra) {
        int copiesFor(final long ordinal) {
            if (sources == 0) {
                return 0;
            }
            final long extraHere = (ordinal + 1) * extra / sources - ordinal * extra / sources;
            return base + (int) extraHere;
        }
    }

    private CopyPlan(final int fixedCopies, final Map<String, ClassPlan> classes) {
        this.fixedCopies = fixedCopies;
        this.classes = classes;
    }

    /** Every record with a text gets the same number of copies. */
    public static CopyPlan fixed(final int copies) {
        if (copies < 0) {
            throw new IllegalArgumentException("copies must not be negative: " + copies);
        }
        return new CopyPlan(copies, null);
    }

    /**
     * @param recordsPerClass    records per label (in the order the labels should be reported)
     * @param sourcesPerClass    records per label that have a text to augment
     * @param targetShare        the share of the majority class each class should reach, in (0, 1]
     * @param maxCopiesPerRecord the most copies one record may make
     */
    public static CopyPlan rebalance(final Map<String, Long> recordsPerClass, final Map<String, Long> sourcesPerClass,
                                     final double targetShare, final int maxCopiesPerRecord) {
        if (!(targetShare > 0 && targetShare <= 1)) {
            throw new IllegalArgumentException("target share must be in (0, 1]: " + targetShare);
        }
        final long majority = recordsPerClass.values().stream().mapToLong(Long::longValue).max().orElse(0);
        final long target = (long) Math.ceil(targetShare * majority - 1e-9);
        final Map<String, ClassPlan> classes = new LinkedHashMap<>();
        recordsPerClass.forEach((label, records) -> {
            final long sources = sourcesPerClass.getOrDefault(label, 0L);
            final long deficit = Math.max(0, target - records);
            int base = 0;
            long extra = 0;
            if (sources > 0 && deficit > 0) {
                base = (int) Math.min(maxCopiesPerRecord, deficit / sources);
                extra = base == maxCopiesPerRecord ? 0 : deficit % sources;
            }
            classes.put(label, new ClassPlan(records, sources, target, base, extra));
        });
        return new CopyPlan(0, classes);
    }

    public boolean rebalancing() {
        return classes != null;
    }

    /**
     * Copies for a record with a text.
     *
     * @param label         its label (ignored for a fixed plan; a label the plan does not know gets none)
     * @param sourceOrdinal its position among the records of its class that have a text, from 0
     */
    public int copiesFor(final String label, final long sourceOrdinal) {
        if (classes == null) {
            return fixedCopies;
        }
        final ClassPlan plan = label == null ? null : classes.get(label);
        return plan == null ? 0 : plan.copiesFor(sourceOrdinal);
    }

    /** The records per class the plan aims at (records + copies), for a rebalancing plan; empty otherwise. */
    public Map<String, Long> plannedCounts() {
        final Map<String, Long> planned = new LinkedHashMap<>();
        if (classes != null) {
            classes.forEach((label, plan) -> planned.put(label, plan.records + (long) plan.base * plan.sources + plan.extra));
        }
        return planned;
    }
}
