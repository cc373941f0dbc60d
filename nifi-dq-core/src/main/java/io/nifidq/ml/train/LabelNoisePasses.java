package io.nifidq.ml.train;

import io.nifidq.ml.noise.ConfidentLearning;
import io.nifidq.ml.split.SplitPlan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The label-noise step of a training job: out-of-fold passes over the training records find suspected label errors by
 * confident learning; Flag only names them (one pass), Prune takes their groups (a record and its augmented copies) out of
 * training and Relabel gives those groups the predicted label, each pass looking again at what the previous ones left.
 */
final class LabelNoisePasses {

    /**
     * What the passes found and the training they leave.
     *
     * @param suspects   every suspect of every pass, in input order
     * @param train      the training records of the final model
     * @param labels     class id per record for the final model (Relabel's changes in training included)
     * @param relabelled training records whose label Relabel changed
     */
    record Outcome(List<Suspect> suspects, int[] train, int[] labels, int relabelled) {
    }

    private LabelNoisePasses() {
    }

    static <X> Outcome run(final ModelFamily<X, ?> family, final JobSettings settings, final TrainingData data,
                           final LabelledInputs<X> records, final SplitPlan plan, final EpochListener listener) {
        final int[] labels = records.labels().clone();
        int[] train = plan.train();
        if (settings.labelNoise() == LabelNoiseHandling.OFF) {
            return new Outcome(List.of(), train, labels, 0);
        }
        final int passes = settings.labelNoise() == LabelNoiseHandling.FLAG ? 1 : settings.labelNoisePasses();
        final int[] groups = records.groups();
        final List<Suspect> named = new ArrayList<>();
        final Set<Integer> flagged = new HashSet<>();
        int relabelled = 0;
        for (int pass = 0; pass < passes; pass++) {
            final List<ConfidentLearning.Suspect> found = OutOfFold.suspects(family, records.inputs(), labels, records.augmented(),
                    groups, train, plan.validation(), records.classes(), settings.folds(), settings.training().seed() + pass,
                    pass + 1, passes, listener);
            final Set<Integer> suspectGroups = new HashSet<>();
            for (final ConfidentLearning.Suspect s : found) {
                if (flagged.add(s.index())) {
                    named.add(named(s, data, records));
                }
                suspectGroups.add(groups[s.index()]);
            }
            if (settings.labelNoise() == LabelNoiseHandling.PRUNE) {
                train = IntStream.of(train).filter(i -> !suspectGroups.contains(groups[i])).toArray();
            } else if (settings.labelNoise() == LabelNoiseHandling.RELABEL) {
                relabelled += relabel(found, labels, groups, train);
            }
            if (found.isEmpty()) {
                break;
            }
        }
        named.sort(Comparator.comparingLong(Suspect::recordIndex));
        return new Outcome(List.copyOf(named), train, labels, relabelled);
    }

    /** The suspect with its input index and label names; a relabelled record's given label is the one it trained with. */
    private static Suspect named(final ConfidentLearning.Suspect s, final TrainingData data, final LabelledInputs<?> records) {
        return new Suspect(data.recordIndex(records.dataIndex(s.index())), records.labelNames().get(s.givenLabel()),
                records.labelNames().get(s.predictedLabel()), s.givenProbability(), s.predictedProbability());
    }

    /** Gives each suspect's group in training the predicted label; returns how many labels changed. */
    private static int relabel(final List<ConfidentLearning.Suspect> found, final int[] labels, final int[] groups,
                               final int[] train) {
        final Map<Integer, Integer> predictedByGroup = new HashMap<>();
        for (final ConfidentLearning.Suspect s : found) {
            predictedByGroup.put(groups[s.index()], s.predictedLabel());
        }
        int changed = 0;
        for (final int i : train) {
            final Integer predicted = predictedByGroup.get(groups[i]);
            if (predicted != null && labels[i] != predicted) {
                labels[i] = predicted;
                changed++;
            }
        }
        return changed;
    }
}
