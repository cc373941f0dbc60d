package io.nifidq.augment;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two fields AugmentText adds to every record and TrainClassifier reads back: a boolean that is true on a copy,
 * and the position of the record a copy was made from (an original's own position). Both processors take the field
 * names from properties of the same name and default, so a renamed marker still keeps copies with their source.
 */
public record CopyMarkers(String augmentedField, String sourceIndexField) {

    public static final CopyMarkers DEFAULTS = new CopyMarkers("dq_augmented", "dq_source_index");

    /** The record with both markers, as an original at this position; markers it already carries are kept. */
    public Map<String, Object> markOriginal(final Map<String, Object> record, final long position) {
        final Map<String, Object> values = new LinkedHashMap<>(record);
        if (values.get(augmentedField) == null) {
            values.put(augmentedField, Boolean.FALSE);
        }
        if (values.get(sourceIndexField) == null) {
            values.put(sourceIndexField, position);
        }
        return values;
    }

    /** A copy of the marked original with another text. */
    public Map<String, Object> copyOf(final Map<String, Object> markedOriginal, final String textField, final String text) {
        final Map<String, Object> values = new LinkedHashMap<>(markedOriginal);
        values.put(textField, text);
        values.put(augmentedField, Boolean.TRUE);
        return values;
    }

    /** The source position a record carries, or null when it has none (it did not come through AugmentText). */
    public Long sourceIndex(final Map<String, Object> record) {
        final Object value = record.get(sourceIndexField);
        return value == null || value.toString().isBlank() ? null : Long.valueOf(value.toString().strip());
    }

    /** Whether the record is a copy: marked augmented, with a source to stay with. */
    public boolean isCopy(final Map<String, Object> record) {
        final Object value = record.get(augmentedField);
        final boolean marked = value instanceof Boolean b ? b : value != null && "true".equalsIgnoreCase(value.toString().strip());
        return marked && sourceIndex(record) != null;
    }
}
