package io.nifidq.quality.profile;

import io.nifidq.quality.profile.ProfileReport.Finding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Names the data-quality problems a report shows, in the project's vocabulary (docs/quality-scores.md). Each kind of
 * problem has one measure read off the report. Without a baseline a problem is named when its measure passes an
 * absolute bound; with a baseline (a profile of data known to be good) when it is worse than the baseline's measure by
 * a margin and by more than chance explains, so that what a data set always had (SMS messages with HTML entities, say)
 * is not named again and again.
 */
public final class QualityFindings {

    /** The kinds of problem, in report order, with their measure, absolute bound and margin over a baseline. */
    public enum Kind {
        NO_RECORDS("no_records", "completeness", "content in which the reader found no record (1: bytes but no record)",
                r -> r.content() == null ? null : r.content().bytes() > 0 && r.recordCount() == 0 ? 1.0 : 0.0, 0.5, Margin.absolute(0.5)),
        INVALID_BYTES("invalid_bytes", "validity", "share of the content's bytes that are not valid in its character set",
                r -> r.content() == null ? null : r.content().invalidByteRatio(), 0.0, Margin.absolute(0.001)),
        MISSING_VALUES("missing_values", "completeness", "largest share of missing values in a field other than the text",
                QualityFindings::largestMissingShare, 0.05, Margin.absolute(0.01)),
        EMPTY_TEXT("empty_text", "completeness", "share of texts that are empty, blank or a null token",
                r -> r.text() == null ? null : Rounding.ratio(r.text().empty(), r.text().texts()), 0.01, Margin.absolute(0.005)),
        EXACT_DUPLICATES("exact_duplicates", "uniqueness", "share of records repeating an earlier record",
                r -> r.duplicates().exactDuplicateRatio(), 0.01, Margin.absolute(0.005)),
        NEAR_DUPLICATES("near_duplicates", "uniqueness", "share of records that are near but not exact duplicates",
                QualityFindings::nearButNotExactShare, 0.02, Margin.absolute(0.01)),
        CLASS_IMBALANCE("class_imbalance", "balance", "records of the largest class per record of the smallest",
                r -> r.labels() == null || r.labels().classCount() < 2 ? null : r.labels().imbalanceRatio(), 3.0, Margin.relative(1.1)),
        ENCODING_JUNK("encoding_junk", "noise", "junk marks (mojibake sequences, control characters, U+FFFD, HTML entities or tags) "
                + "per character of text", r -> r.text() == null || r.text().junkMarks().characters() == 0 ? null
                : r.text().junkMarks().perCharacter(), 0.0002, Margin.absolute(0.0001)),
        INCONSISTENT_LABELS("inconsistent_labels", "consistency", "share of labelled records whose label is a minority spelling of its class",
                r -> r.labels() == null ? null : Rounding.ratio(r.labels().variantRecords(), r.labels().labelled()), 0.0,
                Margin.absolute(0.001)),
        LABEL_NOISE("label_noise", "noise", "share of sampled labelled texts whose label looks wrong (out-of-fold probabilities, confident learning)",
                r -> r.labels() == null || r.labels().labelNoise() == null ? null : r.labels().labelNoise().suspectedErrorRatio(),
                0.15, Margin.absolute(0.03));

        private final String findingName;
        private final String dimension;
        private final String measureDescription;
        private final Function<ProfileReport, Double> measure;
        private final double bound;
        private final Margin margin;

        Kind(final String findingName, final String dimension, final String measureDescription,
             final Function<ProfileReport, Double> measure, final double bound, final Margin margin) {
            this.findingName = findingName;
            this.dimension = dimension;
            this.measureDescription = measureDescription;
            this.measure = measure;
            this.bound = bound;
            this.margin = margin;
        }

        public String findingName() {
            return findingName;
        }

        public String dimension() {
            return dimension;
        }

        /** The absolute bound: without a baseline, a measure above it is named. */
        public double bound() {
            return bound;
        }

        /** The most a measure may exceed its baseline value before the problem is named. */
        double limitOver(final double baselineValue) {
            return margin.relative ? baselineValue * margin.amount : baselineValue + margin.amount;
        }

        Double measure(final ProfileReport report) {
            return measure.apply(report);
        }
    }

    /** How much worse than the baseline a measure may be: by an absolute amount or by a factor. */
    private record Margin(boolean relative, double amount) {
        static Margin absolute(final double amount) {
            return new Margin(false, amount);
        }

        static Margin relative(final double factor) {
            return new Margin(true, factor);
        }
    }

    /** Standard errors a batch must be worse than its baseline by, beyond the margin, to be named: chance alone rarely is. */
    static final double CHANCE_Z = 3.0;

    private QualityFindings() {
    }

    /** Every measure the report allows, keyed by finding name: what a baseline keeps. */
    public static Map<String, Double> measures(final ProfileReport report) {
        final Map<String, Double> measures = new LinkedHashMap<>();
        for (final Kind kind : Kind.values()) {
            final Double value = kind.measure(report);
            if (value != null) {
                measures.put(kind.findingName, Rounding.round(value));
            }
        }
        return measures;
    }

    /**
     * The problems the report shows: against the baseline's measures when it has them, else by the absolute bounds (also for
     * a kind the baseline could not measure).
     */
    public static List<Finding> detect(final ProfileReport report, final BaselineSummary baseline) {
        final Map<String, Double> baselineMeasures = baseline == null ? null : baseline.findingMeasures();
        final List<Finding> findings = new ArrayList<>();
        for (final Kind kind : Kind.values()) {
            final Double value = kind.measure(report);
            if (value == null) {
                continue;
            }
            final Double before = baselineMeasures == null ? null : baselineMeasures.get(kind.findingName);
            final double limit = before == null ? kind.bound : limitOver(kind, before, report, baseline);
            if (value > limit) {
                findings.add(new Finding(kind.findingName, kind.dimension, kind.measureDescription, Rounding.round(value), before,
                        Rounding.round(limit), describe(kind, value, before, report)));
            }
        }
        return findings;
    }

    /**
     * The baseline's value plus its margin, or plus three standard errors of the difference of two samples when that is
     * larger: a smaller batch than the baseline's, or a rarer problem, differs from it by chance more (shares are binomial;
     * the imbalance ratio's noise is that of the smallest class's count).
     */
    static double limitOver(final Kind kind, final double before, final ProfileReport report, final BaselineSummary baseline) {
        final double margin = kind.limitOver(before);
        final long n = report.recordCount();
        final long nb = baseline.recordCount();
        if (n == 0 || nb == 0) {
            return margin;
        }
        if (kind == Kind.ENCODING_JUNK) {
            return Math.max(margin, before + CHANCE_Z * junkStandardError(report, nb));
        }
        if (kind == Kind.LABEL_NOISE) {
            return labelNoiseLimit(kind, before, report, nb);
        }
        if (kind == Kind.CLASS_IMBALANCE) {
            final double smallest = smallestClass(report);
            final double smallestBefore = baseline.labels().values().stream().mapToDouble(Double::doubleValue).min().orElse(0) * nb;
            if (smallest < 1 || smallestBefore < 1) {
                return margin;
            }
            return Math.max(margin, before * Math.exp(CHANCE_Z * Math.sqrt(1 / smallest + 1 / smallestBefore)));
        }
        final double p = Math.min(1.0, Math.max(0.0, before));
        return Math.max(margin, before + CHANCE_Z * Math.sqrt(p * (1 - p) * (1.0 / n + 1.0 / nb)));
    }

    /**
     * The standard error of the difference between the batch's junk rate and the baseline's. Texts are the sampled units and
     * the baseline keeps no spread of its own, so its texts are taken to stray as much as the batch's do.
     */
    private static double junkStandardError(final ProfileReport report, final long baselineRecords) {
        final ProfileReport.TextReport text = report.text();
        final long texts = Math.max(1, text.texts() - text.empty());
        final double batch = text.junkMarks().standardError();
        return batch * Math.sqrt(1.0 + (double) texts / baselineRecords);
    }

    /**
     * The label-noise check's floor of suspects depends on how many texts it learns from: a batch whose check saw fewer texts
     * than the baseline's has a weaker out-of-fold model and more suspects on clean labels. The baseline's measure is scaled up
     * as a learning curve's error (square root of the sample sizes' ratio) before the margin and the chance allowance, which
     * count the texts checked, not the records.
     */
    private static double labelNoiseLimit(final Kind kind, final double before, final ProfileReport report, final long baselineRecords) {
        final ProfileReport.LabelNoise noise = report.labels() == null ? null : report.labels().labelNoise();
        if (noise == null || noise.checkedTexts() == 0) {
            return kind.limitOver(before);
        }
        final long checked = noise.checkedTexts();
        final long checkedBefore = Math.max(1, Math.min(baselineRecords, noise.sampleLimit()));
        final double floor = checked < checkedBefore ? Math.min(1.0, before * Math.sqrt((double) checkedBefore / checked)) : before;
        final double p = Math.min(1.0, Math.max(0.0, floor));
        return Math.max(kind.limitOver(floor), floor + CHANCE_Z * Math.sqrt(p * (1 - p) * (1.0 / checked + 1.0 / checkedBefore)));
    }

    private static double smallestClass(final ProfileReport report) {
        return report.labels().classes().stream().mapToLong(ProfileReport.ValueCount::count).min().orElse(0);
    }

    private static String describe(final Kind kind, final double value, final Double baseline, final ProfileReport report) {
        if (kind == Kind.NO_RECORDS) {
            return String.format(Locale.ROOT, "%s: %d bytes, no record", kind.measureDescription, report.content().bytes());
        }
        final String shown = kind == Kind.CLASS_IMBALANCE ? String.format(Locale.ROOT, "%.2f", value)
                : String.format(Locale.ROOT, "%.2f%%", 100 * value);
        if (baseline == null) {
            return String.format(Locale.ROOT, "%s: %s", kind.measureDescription, shown);
        }
        final String before = kind == Kind.CLASS_IMBALANCE ? String.format(Locale.ROOT, "%.2f", baseline)
                : String.format(Locale.ROOT, "%.2f%%", 100 * baseline);
        return String.format(Locale.ROOT, "%s: %s (baseline %s)", kind.measureDescription, shown, before);
    }

    private static Double largestMissingShare(final ProfileReport report) {
        final String textField = report.text() == null ? null : report.text().field();
        double largest = 0;
        boolean any = false;
        for (final ProfileReport.FieldReport field : report.fields()) {
            if (!field.name().equals(textField)) {
                largest = Math.max(largest, field.missing().ratio());
                any = true;
            }
        }
        return any ? largest : null;
    }

    private static Double nearButNotExactShare(final ProfileReport report) {
        final ProfileReport.DuplicateReport duplicates = report.duplicates();
        if (duplicates.nearDuplicates() == null || report.recordCount() == 0) {
            return null;
        }
        // Exact copies of a text are also near duplicates of it. They are exact duplicates, or label conflicts when their
        // labels differ: with a label field, every repeated text is taken out, else the exact duplicate records.
        final long exactCopies = report.labels() != null ? report.labels().repeatedTexts() : duplicates.exactDuplicates();
        final long nearOnly = Math.max(0, duplicates.nearDuplicates().records() - exactCopies);
        return Rounding.ratio(nearOnly, report.recordCount());
    }
}
