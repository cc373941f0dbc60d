package io.nifidq.augment;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AugmentText's work on one batch of records, in plain Java: an optional counting pass that plans the copies for
 * rebalancing, then the augmenting pass that emits each record, marked, followed by its copies, and counts what it
 * did. Records are streamed: only counts are held. The processor and the thesis benchmark both run it.
 */
public final class RecordAugmentation {

    /** Where the records go, in order: every original followed by its copies; E is what writing may throw. */
    @FunctionalInterface
    public interface Output<E extends Exception> {
        void write(Map<String, Object> record) throws E;
    }

    private final Augmenter augmenter;
    private final String textField;
    private final String labelField;
    private final CopyMarkers markers;

    private final Map<String, Long> recordsPerClass = new LinkedHashMap<>();
    private final Map<String, Long> sourcesPerClass = new HashMap<>();
    private final Map<String, Long> ordinals = new HashMap<>();
    private final Map<String, Long> classesBefore = new LinkedHashMap<>();
    private final Map<String, Long> classesAfter = new LinkedHashMap<>();
    private final Map<Language, Long> languages = new EnumMap<>(Language.class);
    private final Map<Operation, Long> operations = new EnumMap<>(Operation.class);
    private long recordsIn;
    private long generated;
    private long unchanged;
    private long emptyTexts;
    private long unlabelled;

    /** @param labelField null when the records are not labelled (no class counts, no rebalancing) */
    public RecordAugmentation(final Augmenter augmenter, final String textField, final String labelField, final CopyMarkers markers) {
        this.augmenter = augmenter;
        this.textField = textField;
        this.labelField = labelField;
        this.markers = markers;
    }

    /** The counting pass, one record at a time: records per class, and those with a text to copy. */
    public void count(final Map<String, Object> record) {
        final String label = labelOf(record);
        if (label != null) {
            recordsPerClass.merge(label, 1L, Long::sum);
            if (textOf(record) != null) {
                sourcesPerClass.merge(label, 1L, Long::sum);
            }
        }
    }

    /** After the counting pass: copies that bring every class to targetShare x the largest class. */
    public CopyPlan rebalancingPlan(final double targetShare, final int maxCopiesPerRecord) {
        return CopyPlan.rebalance(recordsPerClass, sourcesPerClass, targetShare, maxCopiesPerRecord);
    }

    /** The augmenting pass: writes the record, marked, then the copies the plan gives it. */
    public <E extends Exception> void augment(final Map<String, Object> record, final CopyPlan plan, final Output<E> output) throws E {
        final long position = recordsIn++;
        final Map<String, Object> original = markers.markOriginal(record, position);
        output.write(original);
        final String label = labelOf(record);
        tally(label, 1, true);
        final String text = textOf(record);
        if (text == null) {
            emptyTexts++;
            return;
        }
        final int copies = plan.copiesFor(label, label == null ? 0 : ordinals.merge(label, 1L, Long::sum) - 1);
        if (copies == 0) {
            return;
        }
        final Augmenter.Result result = augmenter.augment(text, position, copies);
        languages.merge(result.language(), 1L, Long::sum);
        for (final Augmenter.Copy copy : result.copies()) {
            output.write(markers.copyOf(original, textField, copy.text()));
            generated++;
            if (!copy.changed()) {
                unchanged++;
            }
            copy.operations().forEach(operation -> operations.merge(operation, 1L, Long::sum));
        }
        tally(label, copies, false);
    }

    private void tally(final String label, final long count, final boolean original) {
        if (labelField == null) {
            return;
        }
        if (label == null) {
            unlabelled += original ? count : 0;
            return;
        }
        if (original) {
            classesBefore.merge(label, count, Long::sum);
        }
        classesAfter.merge(label, count, Long::sum);
    }

    private String textOf(final Map<String, Object> record) {
        return nonBlank(record.get(textField));
    }

    private String labelOf(final Map<String, Object> record) {
        return labelField == null ? null : nonBlank(record.get(labelField));
    }

    private static String nonBlank(final Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    /** What the augmenting pass did so far. */
    public Counts counts() {
        return new Counts(recordsIn, generated, unchanged, emptyTexts, unlabelled, classesBefore, classesAfter, languages, operations);
    }

    /**
     * What an augmenting pass did.
     *
     * @param unchanged     copies no enabled operation could change: identical to their source
     * @param classesBefore records per label as they came, in order of first appearance
     * @param classesAfter  records per label once the copies are added
     * @param languages     records with a text, per language detected (or chosen)
     * @param operations    copies per operation applied
     */
    public record Counts(long recordsIn, long generated, long unchanged, long emptyTexts, long unlabelled,
                         Map<String, Long> classesBefore, Map<String, Long> classesAfter, Map<Language, Long> languages,
                         Map<Operation, Long> operations) {
    }
}
