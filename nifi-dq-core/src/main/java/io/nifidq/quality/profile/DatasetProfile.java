package io.nifidq.quality.profile;

import io.nifidq.quality.hash.Hashing;
import io.nifidq.quality.hash.LongHashSet;
import io.nifidq.quality.hash.MinHasher;
import io.nifidq.quality.profile.ProfileOutput.Part;
import io.nifidq.quality.profile.ProfileReport.DuplicateReport;
import io.nifidq.quality.profile.ProfileReport.FieldReport;
import io.nifidq.quality.profile.ProfileReport.NearDuplicates;
import io.nifidq.text.ByteValidity;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The profile of a batch of records, built in one streaming pass with {@link #add(RecordView)}.
 * Per-field statistics take constant memory; exact duplicates keep one 64-bit hash per distinct
 * record; the near-duplicate index is capped. Profiles of consecutive batches merge into the profile
 * of the whole with {@link #merge(DatasetProfile)}; {@link SerializedProfile} writes a profile as bytes and reads it back, so
 * that the profiles of a batch's parts, made on different machines, merge in one place.
 */
public final class DatasetProfile {

    private final ProfileSettings settings;
    private final Map<String, FieldProfile> fields = new LinkedHashMap<>();
    private final TextProfile text;
    private final LabelProfile labels;
    private final NearDuplicateIndex nearDuplicates;
    private final ExampleRecords examples = new ExampleRecords();
    private final LongHashSet recordKeys = new LongHashSet();
    /** Records left out of the duplicate count: their key includes an empty text, which counts as missing instead. */
    private long unkeyedRecords;
    private long records;
    private ProfileReport.ContentReport content;

    public DatasetProfile(final ProfileSettings settings) {
        this.settings = settings;
        this.text = settings.textField() == null ? null : new TextProfile(settings.textField(), settings, examples);
        this.labels = settings.labelField() == null ? null : new LabelProfile(settings.labelField(), settings, examples);
        this.nearDuplicates = settings.textField() == null || settings.nearDuplicateIndexLimit() <= 0 ? null
                : new NearDuplicateIndex(new MinHasher(), settings.nearDuplicateThreshold(), settings.nearDuplicateIndexLimit());
    }

    public ProfileSettings settings() {
        return settings;
    }

    public long recordCount() {
        return records;
    }

    /**
     * Adds one record. The first record's fields are checked against the configured text, label and
     * key fields: a name that is not there is a configuration error, reported before anything is counted.
     */
    public void add(final RecordView record) {
        final List<String> names = record.fieldNames();
        if (records == 0) {
            requireConfiguredFields(names);
        }
        records++;
        examples.atRecord(records);
        for (final String name : names) {
            FieldProfile field = fields.get(name);
            if (field == null) {
                field = new FieldProfile(name, settings);
                field.addAbsent(records - 1);
                fields.put(name, field);
            }
            field.add(record.value(name));
        }
        if (fields.size() != names.size()) {
            for (final FieldProfile field : fields.values()) {
                if (field.count() < records) {
                    field.addAbsent(records - field.count());
                }
            }
        }
        String comparableText = null;
        if (text != null) {
            comparableText = text.add(record.value(settings.textField()));
            if (comparableText != null && nearDuplicates != null && nearDuplicates.observe(comparableText, records)) {
                examples.nearDuplicate(comparableText, nearDuplicates.matchedRecord());
            }
        }
        if (labels != null) {
            labels.add(record.value(settings.labelField()), comparableText);
        }
        if (text != null && comparableText == null && keyIncludesText()) {
            unkeyedRecords++;
        } else if (!recordKeys.add(recordKey(record, names))) {
            examples.exactDuplicate(() -> describe(record, names));
        }
    }

    /** A record as "name: value" pairs, for an example. */
    private static String describe(final RecordView record, final List<String> names) {
        final StringBuilder text = new StringBuilder();
        for (final String name : names) {
            text.append(text.isEmpty() ? "" : " | ").append(name).append(": ").append(record.value(name));
            if (text.length() > ExampleRecords.MAX_CHARS) {
                break;
            }
        }
        return text.toString();
    }

    private boolean keyIncludesText() {
        return settings.duplicateKeyFields().isEmpty() || settings.duplicateKeyFields().contains(settings.textField());
    }

    private long recordKey(final RecordView record, final List<String> names) {
        final List<String> keyFields = settings.duplicateKeyFields().isEmpty() ? names : settings.duplicateKeyFields();
        long key = 17;
        for (final String name : keyFields) {
            final Object value = record.value(name);
            key = Hashing.combine(key, value == null ? Hashing.NULL_HASH : Hashing.hash64(value.toString()));
        }
        return key;
    }

    private void requireConfiguredFields(final List<String> names) {
        final List<String> problems = new ArrayList<>();
        if (settings.textField() != null && !names.contains(settings.textField())) {
            problems.add("Text Field '" + settings.textField() + "'");
        }
        if (settings.labelField() != null && !names.contains(settings.labelField())) {
            problems.add("Label Field '" + settings.labelField() + "'");
        }
        settings.duplicateKeyFields().stream().filter(k -> !names.contains(k)).forEach(k -> problems.add("Duplicate Key Field '" + k + "'"));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", problems) + (problems.size() == 1 ? " is" : " are")
                    + " not a field of the records; their fields are " + names);
        }
    }

    /**
     * Adds the other profile's records after this one's, as if both batches had been one. Both must share settings: the
     * exception says which differ. The content sections add up (bytes and invalid bytes; the first profile's character set).
     */
    public void merge(final DatasetProfile other) {
        if (!settings.equals(other.settings)) {
            throw new IllegalArgumentException("Only profiles built with the same settings merge; these differ: "
                    + String.join("; ", settings.differencesFrom(other.settings)));
        }
        content = mergedContent(content, other.content);
        for (final FieldProfile field : fields.values()) {
            if (!other.fields.containsKey(field.name())) {
                field.addAbsent(other.records);
            }
        }
        for (final FieldProfile otherField : other.fields.values()) {
            FieldProfile field = fields.get(otherField.name());
            if (field == null) {
                field = new FieldProfile(otherField.name(), settings);
                field.addAbsent(records);
                fields.put(otherField.name(), field);
            }
            field.merge(otherField);
        }
        if (text != null) {
            text.merge(other.text);
        }
        if (labels != null) {
            labels.merge(other.labels);
        }
        if (nearDuplicates != null) {
            nearDuplicates.merge(other.nearDuplicates, records);
        }
        examples.merge(other.examples, records);
        other.recordKeys.forEach(recordKeys::add);
        unkeyedRecords += other.unkeyedRecords;
        records += other.records;
    }

    private static ProfileReport.ContentReport mergedContent(final ProfileReport.ContentReport mine, final ProfileReport.ContentReport theirs) {
        if (mine == null || theirs == null) {
            return mine == null ? theirs : mine;
        }
        final long bytes = mine.bytes() + theirs.bytes();
        final long invalid = mine.invalidBytes() + theirs.invalidBytes();
        return new ProfileReport.ContentReport(mine.charset(), bytes, invalid, Rounding.ratio(invalid, bytes));
    }

    /** Writes every part of the profile after its settings, for {@link SerializedProfile}. */
    void writeTo(final ProfileOutput out) throws IOException {
        out.part(Part.COUNTS);
        out.writeLong(records);
        out.writeLong(unkeyedRecords);
        out.part(Part.CONTENT);
        out.writeBoolean(content != null);
        if (content != null) {
            out.writeString(content.charset());
            out.writeLong(content.bytes());
            out.writeLong(content.invalidBytes());
        }
        out.writeInt(fields.size());
        for (final FieldProfile field : fields.values()) {
            out.part(Part.FIELD);
            field.writeTo(out);
        }
        if (text != null) {
            out.part(Part.TEXT);
            text.writeTo(out);
        }
        if (labels != null) {
            labels.writeTo(out);
        }
        if (nearDuplicates != null) {
            out.part(Part.NEAR_DUPLICATES);
            nearDuplicates.writeTo(out);
        }
        out.part(Part.EXAMPLES);
        examples.writeTo(out);
        out.part(Part.RECORD_KEYS);
        final long[] keys = recordKeys.toArray();
        out.writeInt(keys.length);
        for (final long key : keys) {
            out.writeLong(key);
        }
    }

    /** Reads what {@link #writeTo} wrote into this new, empty profile, built with the settings read before it. */
    void readFrom(final ProfileInput in) throws IOException {
        in.part(Part.COUNTS);
        records = in.readNonNegative("the record count");
        unkeyedRecords = in.readNonNegative("the count of records without a key");
        if (unkeyedRecords > records) {
            throw in.corrupt(unkeyedRecords + " records without a key of " + records + " records");
        }
        in.part(Part.CONTENT);
        if (in.readBoolean()) {
            final String charset = in.readString();
            final long bytes = in.readNonNegative("the content's bytes");
            final long invalid = in.readNonNegative("the content's invalid bytes");
            content = new ProfileReport.ContentReport(charset, bytes, invalid, Rounding.ratio(invalid, bytes));
        }
        final int fieldCount = in.readCount("fields", Integer.MAX_VALUE, 1);
        for (int i = 0; i < fieldCount; i++) {
            in.part(Part.FIELD);
            final FieldProfile field = FieldProfile.readFrom(in, settings);
            if (field.count() != records || fields.putIfAbsent(field.name(), field) != null) {
                throw in.corrupt("the field '" + field.name() + "' has " + field.count() + " values for " + records
                        + " records, or comes twice");
            }
        }
        if (text != null) {
            in.part(Part.TEXT);
            text.readFrom(in);
        }
        if (labels != null) {
            labels.readFrom(in);
        }
        if (nearDuplicates != null) {
            in.part(Part.NEAR_DUPLICATES);
            nearDuplicates.readFrom(in);
        }
        in.part(Part.EXAMPLES);
        examples.readFrom(in, records);
        in.part(Part.RECORD_KEYS);
        final int keys = in.readCount("record keys", Integer.MAX_VALUE, 8);
        if (keys > records - unkeyedRecords) {
            throw in.corrupt(keys + " distinct record keys for " + (records - unkeyedRecords) + " keyed records");
        }
        for (int i = 0; i < keys; i++) {
            recordKeys.add(in.readLong());
        }
    }

    /** Records whose key (all fields, or the Duplicate Key Fields) an earlier record had; records with an empty text are not counted. */
    public long exactDuplicates() {
        return records - unkeyedRecords - recordKeys.size();
    }

    public long nearDuplicates() {
        return nearDuplicates == null ? 0 : nearDuplicates.nearDuplicates();
    }

    /**
     * Bytes of the structures that grow with the records: the exact-duplicate table, the near-duplicate
     * index and, with a label field, the label-conflict table (the sketches are constant and not counted).
     */
    public long duplicateStructureBytes() {
        return recordKeys.tableBytes() + (nearDuplicates == null ? 0 : (long) nearDuplicates.indexed() * nearDuplicates.bytesPerIndexedText())
                + (labels == null ? 0 : labels.conflictTableBytes());
    }

    /** Bytes of the label-conflict table alone: 0 without a label field. */
    public long labelConflictBytes() {
        return labels == null ? 0 : labels.conflictTableBytes();
    }

    /**
     * Bytes of the label-noise check's sample of texts: bounded (at most LabelNoiseCheck.SAMPLE_SIZE texts of at most
     * LabelNoiseCheck.MAX_TEXT_CHARS characters), so not among the growing structures; 0 without a text and a label field.
     */
    public long labelNoiseSampleBytes() {
        return labels == null ? 0 : labels.labelNoiseSampleBytes();
    }

    FieldProfile field(final String name) {
        return fields.get(name);
    }

    Iterable<FieldProfile> fields() {
        return fields.values();
    }

    TextProfile text() {
        return text;
    }

    LabelProfile labels() {
        return labels;
    }

    /** What the content's bytes were, as {@link ByteValidity} counted them in {@code charset}: the report's content section. */
    public void observeContent(final String charset, final ByteValidity validity) {
        content = new ProfileReport.ContentReport(charset, validity.bytes(), validity.invalidBytes(), Rounding.ratio(validity.invalidBytes(),
                validity.bytes()));
    }

    /**
     * The report without drift or gate sections ({@link DriftCalculator} and {@link QualityGate} add those), its
     * findings judged by the absolute bounds ({@link ProfileReport#withFindingsAgainst} judges them against a baseline).
     */
    public ProfileReport report() {
        final List<FieldReport> fieldReports = fields.values().stream().map(FieldProfile::report).toList();
        final ProfileReport measured = new ProfileReport(ProfileReport.SCHEMA_VERSION, records, content, QualityScores.of(this), fieldReports,
                text == null ? null : text.report(), labels == null ? null : labels.report(), duplicateReport(),
                null, null, null, null, null);
        final ProfileReport.Examples sample = examples.report(labels == null ? List.of() : labels.suspectedLabelErrors());
        return new ProfileReport(measured.schemaVersion(), records, content, measured.scores(), fieldReports, measured.text(), measured.labels(),
                measured.duplicates(), null, null, QualityFindings.detect(measured, null), sample,
                BaselineSummary.of(this, QualityFindings.measures(measured), measured.scores()));
    }

    private DuplicateReport duplicateReport() {
        NearDuplicates near = null;
        if (nearDuplicates != null) {
            near = new NearDuplicates(settings.textField(), settings.nearDuplicateThreshold(), nearDuplicates.nearDuplicates(),
                    Rounding.ratio(nearDuplicates.nearDuplicates(), records), nearDuplicates.indexed(), nearDuplicates.checked(),
                    settings.nearDuplicateIndexLimit(), nearDuplicates.sampled(), nearDuplicates.bands(), nearDuplicates.rows(),
                    nearDuplicates.bytesPerIndexedText());
        }
        return new DuplicateReport(settings.duplicateKeyFields(), exactDuplicates(), Rounding.ratio(exactDuplicates(), records),
                LongHashSet.MAX_BYTES_PER_KEY, near);
    }
}
