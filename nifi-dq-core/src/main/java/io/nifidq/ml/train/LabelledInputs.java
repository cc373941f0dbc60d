package io.nifidq.ml.train;

import io.nifidq.ml.features.TextFeaturizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The records a job splits, trains and evaluates on: those of the training data whose text gives a usable input, each
 * featurized once, with its class id (label names sorted), whether AugmentText made it, its split group (a source and its
 * copies share one) and where it came from. Position k here is what every index of the job's steps means.
 *
 * @param <X> the input of one record
 */
final class LabelledInputs<X> {

    private final List<X> inputs;
    private final List<String> labelNames;
    private final int[] labels;
    private final boolean[] augmented;
    private final int[] groups;
    private final int[] dataIndex;
    private final long unusable;

    private LabelledInputs(final List<X> inputs, final List<String> labelNames, final int[] labels, final boolean[] augmented,
                           final int[] groups, final int[] dataIndex, final long unusable) {
        this.inputs = inputs;
        this.labelNames = labelNames;
        this.labels = labels;
        this.augmented = augmented;
        this.groups = groups;
        this.dataIndex = dataIndex;
        this.unusable = unusable;
    }

    /** Featurizes every record of the data; fails when none has a usable input. */
    static <X> LabelledInputs<X> of(final TrainingData data, final TextFeaturizer<X> featurizer) throws UntrainableInputException {
        final List<X> all = featurizer.featurizeAll(data.texts());
        final List<X> inputs = new ArrayList<>();
        final List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            final X input = all.get(i);
            if (featurizer.usable(input)) {
                inputs.add(input);
                kept.add(i);
            }
        }
        final long unusable = data.size() - kept.size();
        if (kept.isEmpty()) {
            throw new UntrainableInputException("no usable text: none of the " + data.added()
                    + " records has both a label and a text with at least one word or character token ("
                    + data.missingLabel() + " without a label, " + data.missingText() + " without a text, " + unusable
                    + " without a token)");
        }
        final List<String> labelNames = List.copyOf(new TreeSet<>(kept.stream().map(i -> data.labels().get(i)).toList()));
        final Map<String, Integer> labelIds = new HashMap<>();
        for (int c = 0; c < labelNames.size(); c++) {
            labelIds.put(labelNames.get(c), c);
        }
        final int n = kept.size();
        final int[] labels = new int[n];
        final boolean[] augmented = new boolean[n];
        final int[] groups = new int[n];
        final int[] dataIndex = new int[n];
        final Map<Long, Integer> groupIds = new HashMap<>();
        for (int k = 0; k < n; k++) {
            final int i = kept.get(k);
            labels[k] = labelIds.get(data.labels().get(i));
            augmented[k] = data.augmented(i);
            groups[k] = groupIds.computeIfAbsent(data.group(i), g -> groupIds.size());
            dataIndex[k] = i;
        }
        return new LabelledInputs<>(inputs, labelNames, labels, augmented, groups, dataIndex, unusable);
    }

    List<X> inputs() {
        return inputs;
    }

    /** Label names by class id. */
    List<String> labelNames() {
        return labelNames;
    }

    int classes() {
        return labelNames.size();
    }

    int size() {
        return labels.length;
    }

    /** Class id per record; the array itself, not to be changed (a step that relabels works on a copy). */
    int[] labels() {
        return labels;
    }

    boolean[] augmented() {
        return augmented;
    }

    int[] groups() {
        return groups;
    }

    /** The record's position in the training data (for its assigned split and its input index). */
    int dataIndex(final int k) {
        return dataIndex[k];
    }

    /** Records with a label and a text that gave no usable input. */
    long unusable() {
        return unusable;
    }

    long augmentedCount() {
        long count = 0;
        for (final boolean a : augmented) {
            count += a ? 1 : 0;
        }
        return count;
    }

    /** Original (not augmented) records per class id. */
    int[] originalsPerClass() {
        final int[] counts = new int[classes()];
        for (int k = 0; k < labels.length; k++) {
            if (!augmented[k]) {
                counts[labels[k]]++;
            }
        }
        return counts;
    }
}
