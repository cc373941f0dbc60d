package io.nifidq.ml.noise;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds records whose given label is probably wrong, from out-of-fold predicted probabilities, by
 * confident learning (Northcutt, Jiang and Chuang, JAIR 2021; cleanlab's "prune by noise rate"):
 * <ol>
 * <li>Each class j gets a threshold t_j: the mean probability of j over the records labelled j (the
 *     model's self-confidence for that class).</li>
 * <li>The confident joint C[y][k] counts records labelled y whose most probable class among those
 *     reaching their threshold is k; records that reach no threshold are not counted.</li>
 * <li>Each row of C is scaled so that it sums to the number of records labelled y (calibration),
 *     and rounded.</li>
 * <li>For each off-diagonal cell (y, k), the C[y][k] records labelled y with the largest margin
 *     p_k - p_y are the suspects, with k as the predicted label; a record picked in two cells keeps
 *     the larger margin. Only records whose probability of k is above that of y are flagged (cleanlab's "both":
 *     the noise-rate count and the argmax must agree). At least one record of each class stays unflagged.</li>
 * </ol>
 */
public final class ConfidentLearning {

    /** A record whose given label looks wrong: its index, given and predicted class ids, and their probabilities. */
    public record Suspect(int index, int givenLabel, int predictedLabel, double givenProbability, double predictedProbability) {
    }

    private ConfidentLearning() {
    }

    /**
     * The suspects among the records, ordered by index.
     *
     * @param givenLabels            class id per record as labelled
     * @param outOfFoldProbabilities per record, the class probabilities from a model that did not train on it
     */
    public static List<Suspect> findSuspects(final int[] givenLabels, final float[][] outOfFoldProbabilities) {
        final int records = givenLabels.length;
        if (records != outOfFoldProbabilities.length) {
            throw new IllegalArgumentException("One probability row per record is needed");
        }
        if (records == 0) {
            return List.of();
        }
        final int classes = outOfFoldProbabilities[0].length;
        final long[][] joint = confidentJoint(givenLabels, widen(outOfFoldProbabilities));
        final long[] labelled = new long[classes];
        for (final int given : givenLabels) {
            labelled[given]++;
        }
        final Map<Integer, Suspect> suspects = new HashMap<>();
        for (int given = 0; given < classes; given++) {
            final long rowSum = java.util.Arrays.stream(joint[given]).sum();
            if (rowSum == 0) {
                continue;
            }
            long flaggedInClass = 0;
            for (int predicted = 0; predicted < classes; predicted++) {
                if (predicted == given) {
                    continue;
                }
                final long wanted = Math.round((double) joint[given][predicted] / rowSum * labelled[given]);
                final long allowed = Math.min(wanted, labelled[given] - 1 - flaggedInClass);
                if (allowed <= 0) {
                    continue;
                }
                flaggedInClass += flagLargestMargins(givenLabels, outOfFoldProbabilities, given, predicted, allowed, suspects);
            }
        }
        return suspects.values().stream().sorted(Comparator.comparingInt(Suspect::index)).toList();
    }

    /**
     * The records of the confident joint that lie off its diagonal: labelled y, with another class k as their confident
     * class (steps 1 and 2, without the calibration). An estimate of the label errors that needs no count per cell.
     *
     * @param givenLabels   class id per record as labelled
     * @param probabilities per record, the class probabilities from a model that did not train on it
     */
    public static long countConfidentlyMislabelled(final int[] givenLabels, final double[][] probabilities) {
        if (givenLabels.length != probabilities.length) {
            throw new IllegalArgumentException("One probability row per record is needed");
        }
        if (givenLabels.length == 0) {
            return 0;
        }
        final long[][] joint = confidentJoint(givenLabels, probabilities);
        long offDiagonal = 0;
        for (int given = 0; given < joint.length; given++) {
            for (int confident = 0; confident < joint.length; confident++) {
                offDiagonal += confident == given ? 0 : joint[given][confident];
            }
        }
        return offDiagonal;
    }

    /**
     * The records counted off the diagonal by {@link #countConfidentlyMislabelled}, in index order, each with its confident
     * class as the predicted label: the texts behind that count, to show as examples.
     */
    public static List<Suspect> confidentlyMislabelled(final int[] givenLabels, final double[][] probabilities) {
        final List<Suspect> suspects = new ArrayList<>();
        if (givenLabels.length == 0) {
            return suspects;
        }
        final double[] thresholds = thresholds(givenLabels, probabilities, probabilities[0].length);
        for (int i = 0; i < givenLabels.length; i++) {
            final int confident = confidentClass(probabilities[i], thresholds);
            if (confident >= 0 && confident != givenLabels[i]) {
                suspects.add(new Suspect(i, givenLabels[i], confident, probabilities[i][givenLabels[i]], probabilities[i][confident]));
            }
        }
        return suspects;
    }

    /** C[y][k]: records labelled y whose confident class is k (steps 1 and 2); a record that reaches no threshold is not counted. */
    static long[][] confidentJoint(final int[] givenLabels, final double[][] probabilities) {
        final int classes = probabilities[0].length;
        final double[] thresholds = thresholds(givenLabels, probabilities, classes);
        final long[][] joint = new long[classes][classes];
        for (int i = 0; i < givenLabels.length; i++) {
            final int confident = confidentClass(probabilities[i], thresholds);
            if (confident >= 0) {
                joint[givenLabels[i]][confident]++;
            }
        }
        return joint;
    }

    /** Per class, the mean probability of that class over the records labelled with it (1 for an empty class). */
    static double[] thresholds(final int[] givenLabels, final double[][] probabilities, final int classes) {
        final double[] sums = new double[classes];
        final long[] counts = new long[classes];
        for (int i = 0; i < givenLabels.length; i++) {
            sums[givenLabels[i]] += probabilities[i][givenLabels[i]];
            counts[givenLabels[i]]++;
        }
        final double[] thresholds = new double[classes];
        for (int c = 0; c < classes; c++) {
            thresholds[c] = counts[c] == 0 ? 1.0 : sums[c] / counts[c];
        }
        return thresholds;
    }

    /** The probabilities in double precision (exactly the same numbers), for the steps both precisions share. */
    private static double[][] widen(final float[][] probabilities) {
        final double[][] wide = new double[probabilities.length][];
        for (int i = 0; i < probabilities.length; i++) {
            wide[i] = new double[probabilities[i].length];
            for (int c = 0; c < wide[i].length; c++) {
                wide[i][c] = probabilities[i][c];
            }
        }
        return wide;
    }

    /** The most probable class among those whose probability reaches their threshold; -1 when none does. */
    private static int confidentClass(final double[] probabilities, final double[] thresholds) {
        int best = -1;
        for (int c = 0; c < probabilities.length; c++) {
            if (probabilities[c] >= thresholds[c] && (best < 0 || probabilities[c] > probabilities[best])) {
                best = c;
            }
        }
        return best;
    }

    private static long flagLargestMargins(final int[] givenLabels, final float[][] probabilities, final int given, final int predicted,
                                           final long count, final Map<Integer, Suspect> suspects) {
        final List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < givenLabels.length; i++) {
            if (givenLabels[i] == given) {
                candidates.add(i);
            }
        }
        candidates.sort(Comparator.comparingDouble((Integer i) -> probabilities[i][predicted] - probabilities[i][given]).reversed()
                .thenComparingInt(i -> i));
        long added = 0;
        for (int n = 0; n < count && n < candidates.size(); n++) {
            final int i = candidates.get(n);
            if (probabilities[i][predicted] <= probabilities[i][given]) {
                // The model still prefers the given label: under heavy noise the calibrated count overshoots, and
                // flagging these would take correctly labelled records away (cleanlab's filter "both").
                break;
            }
            final Suspect suspect = new Suspect(i, given, predicted, probabilities[i][given], probabilities[i][predicted]);
            final Suspect earlier = suspects.get(i);
            if (earlier == null) {
                suspects.put(i, suspect);
                added++;
            } else if (margin(suspect) > margin(earlier)) {
                suspects.put(i, suspect);
            }
        }
        return added;
    }

    private static double margin(final Suspect suspect) {
        return suspect.predictedProbability() - suspect.givenProbability();
    }
}
