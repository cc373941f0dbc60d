package io.nifidq.ml.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How well predicted classes match the true ones: per class precision, recall, F1 and support; their
 * micro, macro and support-weighted averages; accuracy; and the confusion matrix (rows: true class,
 * columns: predicted class). A ratio with a zero denominator counts as 0, as scikit-learn does by
 * default, so a class that is never predicted has precision 0 and pulls the macro average down.
 */
public final class ClassificationReport {

    /** Precision, recall, F1 and support of one class or one average. */
    public record Scores(double precision, double recall, double f1, long support) {
    }

    /**
     * The report as JSON writes it.
     *
     * @param classes the scores of each class, by name, in class id order
     * @param support the records evaluated
     */
    public record Summary(Map<String, Scores> classes, double accuracy, Scores microAvg, Scores macroAvg, Scores weightedAvg,
                          long support, ConfusionMatrix confusionMatrix) {
    }

    /** Counts of true (rows) against predicted (columns) classes, both in the order of labels. */
    public record ConfusionMatrix(List<String> labels, long[][] rowsTrueColumnsPredicted) {
    }

    private final List<String> classNames;
    private final long[][] confusion;
    private final List<Scores> perClass;
    private final Scores micro;
    private final Scores macro;
    private final Scores weighted;
    private final double accuracy;
    private final long total;

    private ClassificationReport(final List<String> classNames, final long[][] confusion) {
        this.classNames = List.copyOf(classNames);
        this.confusion = confusion;
        final int classes = classNames.size();
        final List<Scores> scores = new ArrayList<>(classes);
        long correct = 0;
        long all = 0;
        double macroP = 0;
        double macroR = 0;
        double macroF = 0;
        double weightedP = 0;
        double weightedR = 0;
        double weightedF = 0;
        for (int c = 0; c < classes; c++) {
            long predictedAsC = 0;
            long support = 0;
            for (int other = 0; other < classes; other++) {
                predictedAsC += confusion[other][c];
                support += confusion[c][other];
            }
            final long truePositives = confusion[c][c];
            final double precision = ratio(truePositives, predictedAsC);
            final double recall = ratio(truePositives, support);
            final double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            scores.add(new Scores(precision, recall, f1, support));
            correct += truePositives;
            all += support;
            macroP += precision;
            macroR += recall;
            macroF += f1;
            weightedP += precision * support;
            weightedR += recall * support;
            weightedF += f1 * support;
        }
        this.perClass = List.copyOf(scores);
        this.total = all;
        this.accuracy = ratio(correct, all);
        // Single-label: every miss is one false positive and one false negative, so micro P = R = F1 = accuracy.
        this.micro = new Scores(accuracy, accuracy, accuracy, all);
        this.macro = classes == 0 ? new Scores(0, 0, 0, 0) : new Scores(macroP / classes, macroR / classes, macroF / classes, all);
        this.weighted = all == 0 ? new Scores(0, 0, 0, 0) : new Scores(weightedP / all, weightedR / all, weightedF / all, all);
    }

    /**
     * The report of predictions against the truth.
     *
     * @param classNames names by class id
     * @param truth      true class id per record
     * @param predicted  predicted class id per record
     */
    public static ClassificationReport of(final List<String> classNames, final int[] truth, final int[] predicted) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException("truth and predicted differ in length: " + truth.length + " and " + predicted.length);
        }
        final int classes = classNames.size();
        final long[][] confusion = new long[classes][classes];
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] < 0 || truth[i] >= classes || predicted[i] < 0 || predicted[i] >= classes) {
                throw new IllegalArgumentException("Record " + i + " has a class id outside 0.." + (classes - 1));
            }
            confusion[truth[i]][predicted[i]]++;
        }
        return new ClassificationReport(classNames, confusion);
    }

    public List<String> classNames() {
        return classNames;
    }

    public Scores scores(final int classId) {
        return perClass.get(classId);
    }

    public Scores microAverage() {
        return micro;
    }

    public Scores macroAverage() {
        return macro;
    }

    public Scores weightedAverage() {
        return weighted;
    }

    public double macroF1() {
        return macro.f1();
    }

    public double accuracy() {
        return accuracy;
    }

    public long support() {
        return total;
    }

    /** A copy of the confusion matrix: rows are true classes, columns predicted classes. */
    public long[][] confusionMatrix() {
        final long[][] copy = new long[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }

    /** The report in scikit-learn's classification_report layout, with four decimals. */
    public String toText() {
        final int digits = 4;
        int width = "weighted avg".length();
        for (final String name : classNames) {
            width = Math.max(width, name.length());
        }
        final StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%" + width + "s  %9s %9s %9s %9s%n%n", "", "precision", "recall", "f1-score", "support"));
        final String row = "%" + width + "s  %9." + digits + "f %9." + digits + "f %9." + digits + "f %9d%n";
        for (int c = 0; c < classNames.size(); c++) {
            final Scores s = perClass.get(c);
            out.append(String.format(Locale.ROOT, row, classNames.get(c), s.precision(), s.recall(), s.f1(), s.support()));
        }
        out.append('\n');
        out.append(String.format(Locale.ROOT, "%" + width + "s  %9s %9s %9." + digits + "f %9d%n", "accuracy", "", "", accuracy, total));
        out.append(String.format(Locale.ROOT, row, "macro avg", macro.precision(), macro.recall(), macro.f1(), total));
        out.append(String.format(Locale.ROOT, row, "weighted avg", weighted.precision(), weighted.recall(), weighted.f1(), total));
        return out.toString();
    }

    /** The scores as a JSON-ready value: per class by name, the averages, and the confusion matrix. */
    public Summary summary() {
        final Map<String, Scores> classes = new LinkedHashMap<>();
        for (int c = 0; c < classNames.size(); c++) {
            classes.put(classNames.get(c), perClass.get(c));
        }
        return new Summary(classes, accuracy, micro, macro, weighted, total, new ConfusionMatrix(classNames, confusionMatrix()));
    }

    private static double ratio(final long numerator, final long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }
}
