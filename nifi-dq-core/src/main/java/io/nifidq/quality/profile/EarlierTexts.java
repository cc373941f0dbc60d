package io.nifidq.quality.profile;

import io.nifidq.quality.profile.ProfileReport.Example;
import io.nifidq.quality.profile.ProfileReport.Examples;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The earlier texts of a report's near-duplicate examples that its sample did not keep, read again so that a page can show
 * both texts of each pair side by side. The profile keeps no texts (the near-duplicate index holds signatures and record
 * numbers only): a caller that wants them reads the same records again, in the same order, and hands each record's text
 * to {@link #next} until it returns false, which is at the last wanted record, at most the fifth near duplicate's earlier
 * record. At most {@link ExampleRecords#PER_KIND} texts of at most {@link ExampleRecords#MAX_CHARS} characters are kept.
 */
public final class EarlierTexts {

    /** The wanted record numbers, ascending and distinct. */
    private final long[] wanted;
    private final Map<Long, String> found = new HashMap<>();
    private long record;

    private EarlierTexts(final long[] wanted) {
        this.wanted = wanted;
    }

    /** The earlier records whose texts the report's near-duplicate examples lack. */
    public static EarlierTexts wantedBy(final ProfileReport report) {
        final Examples examples = report.examples();
        final long[] wanted = examples == null ? new long[0] : examples.nearDuplicates().stream()
                .filter(example -> example.otherRecord() != null && example.otherValue() == null)
                .mapToLong(Example::otherRecord).sorted().distinct().toArray();
        return new EarlierTexts(wanted);
    }

    /** True when some earlier text is missing: only then is a second read worth its cost. */
    public boolean needed() {
        return wanted.length > 0;
    }

    /** The last record number wanted (0 when none): a reader can stop there. */
    public long lastWanted() {
        return wanted.length == 0 ? 0 : wanted[wanted.length - 1];
    }

    /**
     * Takes the next record's text (the Text Field's value; records in the order they were profiled, the first being record
     * 1). Returns true while a later record is still wanted.
     */
    public boolean next(final Object text) {
        record++;
        if (Arrays.binarySearch(wanted, record) >= 0) {
            found.put(record, ExampleRecords.cut(text == null ? "" : text.toString(), ExampleRecords.MAX_CHARS));
        }
        return record < lastWanted();
    }

    /** The report with the texts found given to the near-duplicate examples that lacked them. */
    public ProfileReport fill(final ProfileReport report) {
        final Examples examples = report.examples();
        if (found.isEmpty() || examples == null) {
            return report;
        }
        return report.withExamples(new Examples(examples.limitPerKind(), examples.maxChars(), examples.exactDuplicates(),
                examples.nearDuplicates().stream().map(this::filled).toList(), examples.labelConflicts(), examples.encodingJunk(),
                examples.suspectedLabelErrors()));
    }

    private Example filled(final Example nearDuplicate) {
        final String text = nearDuplicate.otherValue() == null && nearDuplicate.otherRecord() != null ? found.get(nearDuplicate.otherRecord()) : null;
        return text == null ? nearDuplicate : nearDuplicate.withOtherValue(text);
    }
}
