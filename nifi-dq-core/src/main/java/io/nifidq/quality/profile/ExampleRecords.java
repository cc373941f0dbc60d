package io.nifidq.quality.profile;

import io.nifidq.quality.profile.ProfileReport.Example;
import io.nifidq.quality.profile.ProfileReport.Examples;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A bounded sample of the records behind the findings, so that a reader sees what is wrong and not only how much: the
 * first {@link #PER_KIND} exact duplicates, near duplicates, identical texts with different labels and texts with
 * encoding junk, each cut to {@link #MAX_CHARS} characters. Suspected label errors come from the label-noise check.
 * A near duplicate names the earlier record whose text it resembles, and shows that text when this sample kept it (as a
 * near duplicate, a junk text or a label conflict of its own); {@link EarlierTexts} reads the others again for a page.
 */
final class ExampleRecords {

    static final int PER_KIND = 5;
    static final int MAX_CHARS = 300;
    /** Labels are shown beside a text; a longer one is cut, so that it cannot break the memory bound. */
    static final int MAX_LABEL_CHARS = 100;
    /**
     * Five kinds of PER_KIND examples, each a value and two labels as UTF-16 plus object headers, and the near duplicates'
     * earlier record numbers and texts (a page's, read again): the bound the docs state (about 32 KB).
     */
    static final long MAX_BYTES = 5L * PER_KIND * (2L * (MAX_CHARS + 2 * MAX_LABEL_CHARS) + 3 * 40 + 32)
            + PER_KIND * (2L * MAX_CHARS + 40 + 16);

    private final List<Example> exactDuplicates = new ArrayList<>();
    private final List<Example> nearDuplicates = new ArrayList<>();
    private final List<Example> labelConflicts = new ArrayList<>();
    private final List<Example> encodingJunk = new ArrayList<>();
    /** The record number (from 1) of the record being added. */
    private long record;

    void atRecord(final long recordNumber) {
        this.record = recordNumber;
    }

    /** The value is built only while there is room: rendering every duplicate record would cost a pass's worth of strings. */
    void exactDuplicate(final Supplier<String> recordValue) {
        if (exactDuplicates.size() < PER_KIND) {
            exactDuplicates.add(new Example(record, cut(recordValue.get(), MAX_CHARS), null, null));
        }
    }

    /** earlierRecord: the number of the record whose text this one resembles; 0 when unknown. */
    void nearDuplicate(final String text, final long earlierRecord) {
        if (nearDuplicates.size() < PER_KIND) {
            nearDuplicates.add(new Example(record, cut(text, MAX_CHARS), null, null, earlierRecord == 0 ? null : earlierRecord, null));
        }
    }

    void labelConflict(final String text, final String label, final String earlierLabel) {
        keep(labelConflicts, text, label, earlierLabel);
    }

    void encodingJunk(final String text) {
        keep(encodingJunk, text, null, null);
    }

    private void keep(final List<Example> examples, final String value, final String label, final String otherLabel) {
        if (examples.size() < PER_KIND) {
            examples.add(new Example(record, cut(value, MAX_CHARS), cut(label, MAX_LABEL_CHARS), cut(otherLabel, MAX_LABEL_CHARS)));
        }
    }

    /** Adds the other sample's examples after this one's; its record numbers move on by the records this profile had. */
    void merge(final ExampleRecords other, final long recordsBefore) {
        append(exactDuplicates, other.exactDuplicates, recordsBefore);
        append(nearDuplicates, other.nearDuplicates, recordsBefore);
        append(labelConflicts, other.labelConflicts, recordsBefore);
        append(encodingJunk, other.encodingJunk, recordsBefore);
    }

    private static void append(final List<Example> into, final List<Example> from, final long offset) {
        for (final Example example : from) {
            if (into.size() < PER_KIND) {
                into.add(example.numberedAfter(offset));
            }
        }
    }

    /** Writes the four kinds of examples kept while adding records (suspected label errors come from the label-noise check). */
    void writeTo(final ProfileOutput out) throws IOException {
        for (final List<Example> kind : List.of(exactDuplicates, nearDuplicates, labelConflicts, encodingJunk)) {
            out.writeInt(kind.size());
            for (final Example example : kind) {
                out.writeOptionalLong(example.record());
                out.writeString(example.value());
                out.writeString(example.label());
                out.writeString(example.otherLabel());
                out.writeOptionalLong(example.otherRecord());
                out.writeString(example.otherValue());
            }
        }
    }

    /** Reads what {@link #writeTo} wrote into this new, empty sample; record numbers must be within the profile's records. */
    void readFrom(final ProfileInput in, final long records) throws IOException {
        for (final List<Example> kind : List.of(exactDuplicates, nearDuplicates, labelConflicts, encodingJunk)) {
            final int count = in.readCount("examples of a kind", PER_KIND, 18);
            for (int i = 0; i < count; i++) {
                final Example example = new Example(in.readOptionalLong(), in.readString(), in.readString(), in.readString(),
                        in.readOptionalLong(), in.readString());
                if (outside(example.record(), records) || outside(example.otherRecord(), records)
                        || longer(example.value(), MAX_CHARS) || longer(example.otherValue(), MAX_CHARS)
                        || longer(example.label(), MAX_LABEL_CHARS) || longer(example.otherLabel(), MAX_LABEL_CHARS)) {
                    throw in.corrupt("an example names a record beyond the " + records + " records or is longer than examples are");
                }
                kind.add(example);
            }
        }
    }

    private static boolean outside(final Long record, final long records) {
        return record != null && (record < 0 || record > records);
    }

    /** Longer than a value cut to maxChars can be: its characters and the ellipsis. */
    private static boolean longer(final String value, final int maxChars) {
        return value != null && value.length() > maxChars + 1;
    }

    Examples report(final List<Example> suspectedLabelErrors) {
        return new Examples(PER_KIND, MAX_CHARS, List.copyOf(exactDuplicates), nearDuplicates.stream().map(this::withKeptEarlierText).toList(),
                List.copyOf(labelConflicts), List.copyOf(encodingJunk), suspectedLabelErrors.stream().limit(PER_KIND).toList());
    }

    /** The near duplicate with its earlier record's text, when that record is itself an example of a text in this sample. */
    private Example withKeptEarlierText(final Example nearDuplicate) {
        if (nearDuplicate.otherRecord() == null || nearDuplicate.otherValue() != null) {
            return nearDuplicate;
        }
        for (final List<Example> texts : List.of(nearDuplicates, encodingJunk, labelConflicts)) {
            for (final Example kept : texts) {
                if (nearDuplicate.otherRecord().equals(kept.record())) {
                    return nearDuplicate.withOtherValue(kept.value());
                }
            }
        }
        return nearDuplicate;
    }

    /** The value's first maxChars characters, with an ellipsis when it was longer; never splits a surrogate pair. */
    static String cut(final String value, final int maxChars) {
        if (value == null || value.length() <= maxChars) {
            return value;
        }
        final int end = Character.isHighSurrogate(value.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return value.substring(0, end) + '\u2026';
    }
}
