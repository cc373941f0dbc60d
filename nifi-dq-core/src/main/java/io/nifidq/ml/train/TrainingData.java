package io.nifidq.ml.train;

import java.util.ArrayList;
import java.util.List;

/**
 * The records of one TrainClassifier input, collected from whatever reads them. Records without a
 * label (null or blank) or without a text are counted and left out. Records are grouped for the split:
 * AugmentText writes {@code dq_source_index} on originals (their position in its input) and on copies
 * (their source's position), so that key keeps a source and its copies together; records without it
 * are their own group (their position among all records added here, left-out ones included).
 */
public final class TrainingData {

    private final List<String> texts = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();
    private final List<Boolean> augmented = new ArrayList<>();
    private final List<Long> sourceIndex = new ArrayList<>();
    private final List<Long> recordIndex = new ArrayList<>();
    private final List<AssignedSplit> assignedSplits = new ArrayList<>();
    private boolean anyAssigned;
    private long added;
    private long missingLabel;
    private long missingText;

    /**
     * @param text the text (null counts as missing)
     * @param label the label (null or blank counts as missing)
     * @param isAugmented whether AugmentText made this record
     * @param group the record's source group (AugmentText's {@code dq_source_index}), or null for its own group
     */
    public void add(final String text, final String label, final boolean isAugmented, final Long group) {
        add(text, label, isAugmented, group, null);
    }

    /** As {@link #add(String, String, boolean, Long)}, with the split the record belongs to (null: the job splits it). */
    public void add(final String text, final String label, final boolean isAugmented, final Long group, final AssignedSplit split) {
        final long index = added++;
        if (label == null || label.isBlank()) {
            missingLabel++;
            return;
        }
        if (text == null || text.isBlank()) {
            missingText++;
            return;
        }
        texts.add(text);
        labels.add(label.strip());
        augmented.add(isAugmented);
        sourceIndex.add(group != null ? group : -1 - index);
        recordIndex.add(index);
        assignedSplits.add(split);
        anyAssigned |= split != null;
    }

    /** The split a record's input assigned it to, or null. */
    public AssignedSplit assignedSplit(final int i) {
        return assignedSplits.get(i);
    }

    /** True when at least one record came with its split. */
    public boolean hasAssignedSplits() {
        return anyAssigned;
    }

    public List<String> texts() {
        return texts;
    }

    public List<String> labels() {
        return labels;
    }

    public boolean augmented(final int i) {
        return augmented.get(i);
    }

    /** The group of a kept record: its source index when given, else a key of its own (negative, never a source index). */
    public long group(final int i) {
        return sourceIndex.get(i);
    }

    /** The input index (0-based position among all added records) of a kept record. */
    public long recordIndex(final int i) {
        return recordIndex.get(i);
    }

    public int size() {
        return texts.size();
    }

    public long added() {
        return added;
    }

    public long missingLabel() {
        return missingLabel;
    }

    public long missingText() {
        return missingText;
    }
}
