package io.nifidq.quality.profile;

import java.util.List;
import java.util.Map;

/**
 * The whole profile of a batch, as written to the {@code profile} relationship (schema in
 * docs/profile-report.md). Ratios are shares of the record count unless said otherwise; every
 * double is rounded to six decimals. Sections that do not apply (no text field, no label field, no
 * baseline) are null and left out of the JSON.
 */
public record ProfileReport(int schemaVersion, long recordCount, ContentReport content, Scores scores, List<FieldReport> fields, TextReport text,
                            LabelReport labels, DuplicateReport duplicates, DriftReport drift, GateReport gate,
                            List<Finding> findings, Examples examples, BaselineSummary baseline) {

    public static final int SCHEMA_VERSION = 1;

    public ProfileReport withDriftAndGate(final DriftReport driftReport, final GateReport gateReport) {
        return new ProfileReport(schemaVersion, recordCount, content, scores, fields, text, labels, duplicates, driftReport, gateReport,
                findings, examples, baseline);
    }

    /** The same report with the findings judged again, against a baseline (null: by the absolute bounds). */
    public ProfileReport withFindingsAgainst(final BaselineSummary against) {
        return new ProfileReport(schemaVersion, recordCount, content, scores, fields, text, labels, duplicates, drift, gate,
                QualityFindings.detect(this, against), examples, baseline);
    }

    /** The same report with other example records (near duplicates with their earlier texts, see {@link EarlierTexts}). */
    public ProfileReport withExamples(final Examples otherExamples) {
        return new ProfileReport(schemaVersion, recordCount, content, scores, fields, text, labels, duplicates, drift, gate, findings,
                otherExamples, baseline);
    }

    /** The names of the findings, in report order. */
    public List<String> findingNames() {
        return findings == null ? List.of() : findings.stream().map(Finding::name).toList();
    }

    /**
     * The FlowFile's bytes as text: how many, and how many are not valid in the character set they were read in (random
     * bytes, a binary file or the wrong character set; the reader itself hides them as U+FFFD or one long header).
     * Null when the processor did not look.
     */
    public record ContentReport(String charset, long bytes, long invalidBytes, double invalidByteRatio) {
    }

    /**
     * A problem the report names (see {@link QualityFindings}): its name and quality dimension, what was measured, the
     * value, the baseline's value when judged against one, and the limit the value passed.
     */
    public record Finding(String name, String dimension, String measure, double value, Double baseline, double limit,
                          String summary) {
    }

    /** Scores in [0, 1], 1 being perfect; a dimension that cannot be measured (balance without labels) is null. */
    public record Scores(Double overall, Double completeness, Double validity, Double consistency, Double uniqueness,
                         Double balance, Double noise, Map<String, Double> weights) {
    }

    public record FieldReport(String name, long count, Missing missing, String inferredType, long invalidCount,
                              double invalidRatio, long distinctEstimate, double uniqueness, NumericStats numeric,
                              StringStats string) {
    }

    public record Missing(long total, double ratio, long nulls, long empty, long whitespaceOnly, long nullTokens) {
    }

    public record NumericStats(long count, double min, double max, double mean, double standardDeviation,
                               Map<String, Double> quantiles, long iqrOutliers, double iqrLowerFence, double iqrUpperFence,
                               Histogram histogram) {
    }

    /**
     * Counts of values in equal-width bins: bin i holds values from edges[i] (inclusive) to edges[i + 1] (exclusive, but
     * inclusive for the last bin). Read from a quantile sketch: exact up to 200 values, an estimate beyond.
     */
    public record Histogram(List<Double> edges, List<Long> counts) {
    }

    public record StringStats(long count, int minLength, int maxLength, double meanLength, double medianLength,
                              List<ValueCount> topValues, String dominantFormat, Double formatConsistency,
                              long surroundingWhitespace, List<VariantGroup> caseVariants, long caseVariantValues) {
    }

    public record ValueCount(String value, long count) {
    }

    /** Spellings of one value that differ only in case or surrounding whitespace, with their counts. */
    public record VariantGroup(String canonical, String dominant, List<ValueCount> spellings) {
    }

    public record TextReport(String field, long texts, long empty, long veryShort, long veryLong, int shortBelowChars,
                             int longAboveChars, long controlCharacters, long c1ControlCharacters, long replacementCharacters,
                             long mojibake, long htmlEntities, long htmlTags, long noisyTexts, TokenStats tokens,
                             double latinShare, double cjkShare, double otherScriptShare, long encodingJunkTexts,
                             JunkMarks junkMarks, Histogram tokenHistogram) {
    }

    /**
     * Encoding junk counted mark by mark (each control character, U+FFFD, mojibake sequence, HTML entity or tag) against the
     * characters of the non-empty texts: unlike a share of texts with junk it still rises where most texts already carry some.
     *
     * @param marks         junk marks in all
     * @param characters    characters (UTF-16 units) of the non-empty texts
     * @param perCharacter  marks / characters
     * @param standardError the standard error of perCharacter over texts (a ratio estimate: texts are the sampled units)
     */
    public record JunkMarks(long marks, long characters, double perCharacter, double standardError) {
    }

    public record TokenStats(long total, int min, int max, double mean, double median, double p95) {
    }

    public record LabelReport(String field, long labelled, long missing, int classCount, List<ValueCount> classes,
                              double imbalanceRatio, double normalizedEntropy, List<VariantGroup> spellingVariants,
                              long variantRecords, long conflictingTexts, long conflictingRecords, long repeatedTexts,
                              boolean truncated, LabelNoise labelNoise) {
    }

    /**
     * Suspected label errors: texts of a sample whose out-of-fold probabilities point to another class (confident
     * learning); null with fewer than 100 labelled texts or fewer than two classes. model says what made the
     * probabilities ("Word Naive Bayes" or "Pretrained Encoder", see {@link OutOfFoldScorer}), encoder which encoder (null
     * for naive Bayes); sampleLimit is the most texts that model checks.
     */
    public record LabelNoise(long checkedTexts, long suspectedErrors, double suspectedErrorRatio, int sampleLimit, String model,
                             String encoder) {
    }

    /**
     * A bounded sample of the records behind the findings: the first few of each kind in record order (suspected label
     * errors: the first few of the checked sample), each value cut to maxChars characters. limitPerKind and maxChars bound
     * the memory the sample holds.
     */
    public record Examples(int limitPerKind, int maxChars, List<Example> exactDuplicates, List<Example> nearDuplicates,
                           List<Example> labelConflicts, List<Example> encodingJunk, List<Example> suspectedLabelErrors) {
    }

    /**
     * One example: its record number (1 for the first record; null for a suspected label error, which comes from the
     * label-noise sample), the text or, for an exact duplicate, the record's fields; label is the record's label and
     * otherLabel the label an identical earlier text had (label conflict) or the one the model suggests (label error). For a
     * near duplicate, otherRecord is the number of the earlier record whose text it resembles, and otherValue that text (cut
     * alike) when the sample kept it as an example of its own, or when an HTML report read it again; else null.
     */
    public record Example(Long record, String value, String label, String otherLabel, Long otherRecord, String otherValue) {

        /** An example that names no other record. */
        public Example(final Long record, final String value, final String label, final String otherLabel) {
            this(record, value, label, otherLabel, null, null);
        }

        Example withOtherValue(final String earlierText) {
            return new Example(record, value, label, otherLabel, otherRecord, earlierText);
        }

        Example numberedAfter(final long recordsBefore) {
            return new Example(record == null ? null : record + recordsBefore, value, label, otherLabel,
                    otherRecord == null ? null : otherRecord + recordsBefore, otherValue);
        }
    }

    public record DuplicateReport(List<String> keyFields, long exactDuplicates, double exactDuplicateRatio,
                                  int bytesPerDistinctKeyMax, NearDuplicates nearDuplicates) {
    }

    public record NearDuplicates(String field, double threshold, long records, double ratio, long indexedTexts,
                                 long checkedTexts, int indexLimit, boolean sampled, int bands, int rowsPerBand, int bytesPerIndexedText) {
    }

    public record DriftReport(String baselineSource, double score, Map<String, Double> fieldPsi, Double labelPsi,
                              List<String> newFields, List<String> missingFields) {
    }

    public record GateReport(boolean passed, List<String> violations) {
    }
}
