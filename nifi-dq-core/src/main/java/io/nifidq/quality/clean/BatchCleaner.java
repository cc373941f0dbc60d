package io.nifidq.quality.clean;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CleanRecords' two passes over one batch, in plain Java: a learning pass over every record when the rules need
 * statistics of the whole batch (imputation, outliers, standardisation, label conflicts), then the cleaning pass,
 * record by record, which counts the records in and rejected. The processor streams each pass from the FlowFile;
 * callers that hold the records run both with {@link #cleanAll}.
 */
public final class BatchCleaner {

    private final CleaningRules rules;
    private final CleaningCounts counts = new CleaningCounts();
    private final RecordCleaner cleaner;
    private long recordsIn;
    private long recordsRejected;

    public BatchCleaner(final CleaningRules rules) {
        this.rules = rules;
        this.cleaner = new RecordCleaner(rules, counts);
    }

    /** Whether {@link #learn} must see every record before the first {@link #clean}. */
    public boolean needsLearningPass() {
        return rules.needsStatistics();
    }

    /** The learning pass, one record at a time. */
    public void learn(final Map<String, Object> record) {
        cleaner.learn(record);
    }

    /** The cleaning pass, one record at a time: the cleaned record, or the original with the reason it is rejected. */
    public RecordCleaner.Outcome clean(final Map<String, Object> record) {
        recordsIn++;
        final RecordCleaner.Outcome outcome = cleaner.clean(record);
        if (outcome.rejected()) {
            recordsRejected++;
        }
        return outcome;
    }

    /** Both passes over records held in memory; the outcomes in the records' order. */
    public List<RecordCleaner.Outcome> cleanAll(final List<Map<String, Object>> records) {
        if (needsLearningPass()) {
            records.forEach(this::learn);
        }
        final List<RecordCleaner.Outcome> outcomes = new ArrayList<>(records.size());
        records.forEach(record -> outcomes.add(clean(record)));
        return outcomes;
    }

    /** Standardises with these parameters (field -> mean and sd, or min and max) instead of fitting them. */
    public void useStandardization(final Map<String, Map<String, Double>> parameters) {
        cleaner.useStandardization(parameters);
    }

    /** The standardisation parameters in use, fitted or given. */
    public Map<String, Map<String, Double>> standardization() {
        return cleaner.standardization();
    }

    /** Also rejects exact duplicates of records kept from earlier batches; {@link #publishKeptKeys} once written. */
    public void useSharedKeys(final SharedRecordKeys keys) {
        cleaner.useSharedKeys(keys);
    }

    /** Adds this batch's kept records to the shared keys (nothing without them). */
    public void publishKeptKeys() throws IOException {
        cleaner.publishKeptKeys();
    }

    /** What each step did, by counter name. */
    public CleaningCounts counts() {
        return counts;
    }

    /** How many records the cleaning pass has seen, and how many of them it rejected. */
    public Tally tally() {
        return new Tally(recordsIn, recordsRejected);
    }

    /** Records in, and records rejected: the others were kept. */
    public record Tally(long recordsIn, long recordsRejected) {
        public long recordsKept() {
            return recordsIn - recordsRejected;
        }
    }
}
