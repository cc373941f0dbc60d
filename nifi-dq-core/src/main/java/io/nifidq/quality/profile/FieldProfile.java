package io.nifidq.quality.profile;

import io.nifidq.quality.hash.Hashing;
import io.nifidq.quality.profile.ProfileReport.FieldReport;
import io.nifidq.quality.profile.ProfileReport.Missing;
import io.nifidq.quality.profile.ProfileReport.NumericStats;
import io.nifidq.quality.profile.ProfileReport.StringStats;
import io.nifidq.quality.profile.ValueTally.AnalysedValue;
import io.nifidq.quality.profile.ValueTally.AnalysedValue.Presence;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

import java.io.IOException;
import java.time.LocalDate;
import java.time.temporal.TemporalAccessor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Statistics of one field over a stream of values, in memory that does not grow with the number of
 * values: an HLL sketch for distinct values, KLL sketches for quantiles, frequent-items sketches for
 * top values and formats, and exact counters. Two profiles of the same field merge.
 */
final class FieldProfile {

    static final int HLL_LG_K = 12;
    static final int KLL_K = 200;
    static final int TOP_VALUES_MAP_SIZE = 1024;
    static final int FORMATS_MAP_SIZE = 128;
    /** Values longer than this are kept in the top-values sketch by their prefix. */
    static final int MAX_TRACKED_VALUE_LENGTH = 200;
    /** The narrowest type that at least this share of present values fits is the field's inferred type. */
    static final double TYPE_INFERENCE_SHARE = 0.8;
    private static final ValueKind[] INFERENCE_ORDER = {
            ValueKind.BOOLEAN, ValueKind.INTEGER, ValueKind.DECIMAL, ValueKind.DATE, ValueKind.TIMESTAMP, ValueKind.COMPLEX};
    private static final double[] REPORTED_QUANTILES = {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99};

    private final String name;
    private final ProfileSettings settings;
    private long count;
    private long nulls;
    private long empty;
    private long whitespaceOnly;
    private long nullTokens;
    private final long[] kindCounts = new long[ValueKind.values().length];
    private Union distinct = new Union(HLL_LG_K);
    private KllDoublesSketch numbers = KllDoublesSketch.newHeapInstance(KLL_K);
    private final Moments numberMoments = new Moments();
    private KllDoublesSketch lengths = KllDoublesSketch.newHeapInstance(KLL_K);
    private final Moments lengthMoments = new Moments();
    private ItemsSketch<String> topValues = new ItemsSketch<>(TOP_VALUES_MAP_SIZE);
    private ItemsSketch<String> formats = new ItemsSketch<>(FORMATS_MAP_SIZE);
    private long surroundingWhitespace;
    private final ValueTally tally = new ValueTally();
    /** Free text (the configured Text Field) has no format worth a pattern per value. */
    private final boolean tracksFormats;

    FieldProfile(final String name, final ProfileSettings settings) {
        this.name = name;
        this.settings = settings;
        this.tracksFormats = !settings.isTextField(name);
    }

    String name() {
        return name;
    }

    /** Records a missing value for each of the given number of records (a field absent from them). */
    void addAbsent(final long records) {
        count += records;
        nulls += records;
    }

    void add(final Object value) {
        count++;
        switch (value) {
            case null -> nulls++;
            case String text -> addString(text);
            case Double d when d.isNaN() -> nulls++;
            case Float f when f.isNaN() -> nulls++;
            case Number number -> addTyped(number instanceof Double || number instanceof Float
                    || number instanceof java.math.BigDecimal ? ValueKind.DECIMAL : ValueKind.INTEGER, number.toString(), number.doubleValue());
            case Boolean bool -> addTyped(ValueKind.BOOLEAN, bool.toString(), Double.NaN);
            case Character character -> addString(character.toString());
            case java.sql.Date date -> addTyped(ValueKind.DATE, date.toString(), Double.NaN);
            case LocalDate date -> addTyped(ValueKind.DATE, date.toString(), Double.NaN);
            case java.util.Date date -> addTyped(ValueKind.TIMESTAMP, date.toInstant().toString(), Double.NaN);
            case TemporalAccessor time -> addTyped(ValueKind.TIMESTAMP, time.toString(), Double.NaN);
            default -> kindCounts[ValueKind.COMPLEX.ordinal()]++;
        }
    }

    private void addString(final String value) {
        if (value.isEmpty()) {
            empty++;
            return;
        }
        if (!tally.accepts(value)) {
            record(analyse(value));
        } else if (!tally.countRepeat(value)) {
            tally.add(analyse(value), this::record);
        }
    }

    private AnalysedValue analyse(final String value) {
        final String stripped = value.strip();
        if (stripped.isEmpty()) {
            return new AnalysedValue(value, Presence.WHITESPACE_ONLY, false, null, Double.NaN, null);
        }
        if (settings.isNullToken(stripped)) {
            return new AnalysedValue(value, Presence.NULL_TOKEN, false, null, Double.NaN, null);
        }
        final ValueKind kind = ValueClassifier.classify(stripped);
        final double number = kind == ValueKind.INTEGER || kind == ValueKind.DECIMAL ? ValueClassifier.parseNumber(stripped) : Double.NaN;
        return new AnalysedValue(value, Presence.PRESENT, stripped.length() != value.length(), kind, number,
                tracksFormats ? FormatPattern.of(stripped) : null);
    }

    /** Adds a string value to the statistics as many times as it occurred. */
    private void record(final AnalysedValue value) {
        final long times = value.count;
        switch (value.presence) {
            case WHITESPACE_ONLY -> whitespaceOnly += times;
            case NULL_TOKEN -> nullTokens += times;
            case PRESENT -> {
                if (value.surroundingWhitespace) {
                    surroundingWhitespace += times;
                }
                kindCounts[value.kind.ordinal()] += times;
                if (!Double.isNaN(value.number)) {
                    updateSketch(numbers, value.number, times);
                    numberMoments.add(value.number, times);
                }
                final int length = value.raw.length();
                updateSketch(lengths, length, times);
                lengthMoments.add(length, times);
                if (value.format != null) {
                    formats.update(value.format, times);
                }
                distinct.update(Hashing.hash64(value.raw));
                topValues.update(tracked(value.raw), times);
            }
        }
    }

    /** KLL's weighted update is several times slower than a plain one: use it only for repeats. */
    private static void updateSketch(final KllDoublesSketch sketch, final double value, final long times) {
        if (times == 1) {
            sketch.update(value);
        } else {
            sketch.update(value, times);
        }
    }

    /** Drains the tally, so that the statistics count every value added so far. */
    private void settle() {
        tally.drain(this::record);
    }

    private void addTyped(final ValueKind kind, final String text, final double number) {
        kindCounts[kind.ordinal()]++;
        if (!Double.isNaN(number)) {
            addNumber(number);
        }
        track(text);
    }

    private void addNumber(final double number) {
        numbers.update(number);
        numberMoments.add(number);
    }

    private void track(final String value) {
        distinct.update(Hashing.hash64(value));
        topValues.update(tracked(value));
    }

    private static String tracked(final String value) {
        return value.length() > MAX_TRACKED_VALUE_LENGTH ? value.substring(0, MAX_TRACKED_VALUE_LENGTH) + '\u2026' : value;
    }

    void merge(final FieldProfile other) {
        settle();
        other.settle();
        count += other.count;
        nulls += other.nulls;
        empty += other.empty;
        whitespaceOnly += other.whitespaceOnly;
        nullTokens += other.nullTokens;
        for (int i = 0; i < kindCounts.length; i++) {
            kindCounts[i] += other.kindCounts[i];
        }
        distinct.update(other.distinct.getResult());
        numbers.merge(other.numbers);
        numberMoments.merge(other.numberMoments);
        lengths.merge(other.lengths);
        lengthMoments.merge(other.lengthMoments);
        topValues.merge(other.topValues);
        formats.merge(other.formats);
        surroundingWhitespace += other.surroundingWhitespace;
    }

    /** Writes the field's name, counters and sketches (the tally drained into them first). */
    void writeTo(final ProfileOutput out) throws IOException {
        settle();
        out.writeString(name);
        for (final long counter : new long[] {count, nulls, empty, whitespaceOnly, nullTokens, surroundingWhitespace}) {
            out.writeLong(counter);
        }
        out.writeInt(kindCounts.length);
        for (int i = 0; i < kindCounts.length; i++) {
            out.writeString(ValueKind.values()[i].name());
            out.writeLong(kindCounts[i]);
        }
        out.writeSketch(distinct.toCompactByteArray());
        out.writeSketch(numbers.toByteArray());
        numberMoments.writeTo(out);
        out.writeSketch(lengths.toByteArray());
        lengthMoments.writeTo(out);
        out.writeSketch(topValues.toByteArray(new ArrayOfStringsSerDe()));
        out.writeSketch(formats.toByteArray(new ArrayOfStringsSerDe()));
    }

    /** A field as {@link #writeTo} wrote it. */
    static FieldProfile readFrom(final ProfileInput in, final ProfileSettings settings) throws IOException {
        final String name = in.readString();
        if (name == null) {
            throw in.corrupt("a field has no name");
        }
        final FieldProfile field = new FieldProfile(name, settings);
        field.count = in.readNonNegative("a field's value count");
        field.nulls = in.readNonNegative("a field's null count");
        field.empty = in.readNonNegative("a field's empty count");
        field.whitespaceOnly = in.readNonNegative("a field's whitespace-only count");
        field.nullTokens = in.readNonNegative("a field's null-token count");
        field.surroundingWhitespace = in.readNonNegative("a field's surrounding-whitespace count");
        final int kinds = in.readCount("value kinds", ValueKind.values().length, 12);
        for (int i = 0; i < kinds; i++) {
            final String kind = in.readString();
            final ValueKind known = java.util.Arrays.stream(ValueKind.values()).filter(k -> k.name().equals(kind)).findFirst()
                    .orElseThrow(() -> in.corrupt("unknown value kind '" + kind + "' in the field '" + name + "'"));
            field.kindCounts[known.ordinal()] = in.readNonNegative("a field's count of " + kind + " values");
        }
        field.distinct = in.readDistinctSketch("distinct values of '" + name + "'");
        field.numbers = in.readQuantileSketch("numbers of '" + name + "'");
        field.numberMoments.readFrom(in);
        field.lengths = in.readQuantileSketch("lengths of '" + name + "'");
        field.lengthMoments.readFrom(in);
        field.topValues = in.readFrequencySketch("top values of '" + name + "'");
        field.formats = in.readFrequencySketch("formats of '" + name + "'");
        if (field.missing() > field.count) {
            throw in.corrupt("the field '" + name + "' has more missing values than values");
        }
        return field;
    }

    long count() {
        return count;
    }

    long missing() {
        settle();
        return nulls + empty + whitespaceOnly + nullTokens;
    }

    long present() {
        return count - missing();
    }

    ValueKind inferredType() {
        settle();
        final long present = present();
        if (present == 0) {
            return null;
        }
        for (final ValueKind candidate : INFERENCE_ORDER) {
            if (covered(candidate) >= TYPE_INFERENCE_SHARE * present) {
                return candidate;
            }
        }
        return ValueKind.STRING;
    }

    private long covered(final ValueKind type) {
        long covered = 0;
        for (final ValueKind kind : ValueKind.values()) {
            if (kind.fits(type)) {
                covered += kindCounts[kind.ordinal()];
            }
        }
        return covered;
    }

    long invalid() {
        settle();
        final ValueKind type = inferredType();
        return type == null ? 0 : present() - covered(type);
    }

    /** Present string values that do not share the field's dominant format. */
    long offFormat() {
        settle();
        final long strings = lengthMoments.count();
        return strings == 0 ? 0 : strings - Frequencies.top(formats, 1).stream().mapToLong(ProfileReport.ValueCount::count).sum();
    }

    double formatConsistency() {
        settle();
        final long strings = lengthMoments.count();
        return strings == 0 ? 1.0 : 1.0 - (double) offFormat() / strings;
    }

    long stringValues() {
        settle();
        return lengthMoments.count();
    }

    long surroundingWhitespace() {
        settle();
        return surroundingWhitespace;
    }

    Frequencies.Variants caseVariants() {
        settle();
        return Frequencies.variants(topValues);
    }

    KllDoublesSketch numbers() {
        settle();
        return numbers;
    }

    ItemsSketch<String> topValuesSketch() {
        settle();
        return topValues;
    }

    long distinctEstimate() {
        settle();
        return Math.min(present(), Math.round(distinct.getEstimate()));
    }

    FieldReport report() {
        settle();
        final long present = present();
        final long missing = missing();
        final ValueKind type = inferredType();
        final long invalid = invalid();
        final long distinctValues = distinctEstimate();
        return new FieldReport(name, count,
                new Missing(missing, Rounding.ratio(missing, count), nulls, empty, whitespaceOnly, nullTokens),
                type == null ? null : type.name(), invalid, Rounding.ratio(invalid, present), distinctValues,
                Rounding.ratio(distinctValues, present), numericStats(type), stringStats());
    }

    private NumericStats numericStats(final ValueKind type) {
        if (numbers.isEmpty() || (type != ValueKind.INTEGER && type != ValueKind.DECIMAL)) {
            return null;
        }
        final Map<String, Double> quantiles = new LinkedHashMap<>();
        for (final double rank : REPORTED_QUANTILES) {
            quantiles.put("p" + Math.round(rank * 100), Rounding.round(numbers.getQuantile(rank, QuantileSearchCriteria.INCLUSIVE)));
        }
        final double q1 = numbers.getQuantile(0.25, QuantileSearchCriteria.INCLUSIVE);
        final double q3 = numbers.getQuantile(0.75, QuantileSearchCriteria.INCLUSIVE);
        final double lowerFence = q1 - 1.5 * (q3 - q1);
        final double upperFence = q3 + 1.5 * (q3 - q1);
        final long n = numbers.getN();
        // Exact while the sketch holds every value (n <= k), a rank estimate beyond.
        final long below = Math.round(numbers.getRank(lowerFence, QuantileSearchCriteria.EXCLUSIVE) * n);
        final long above = Math.round((1.0 - numbers.getRank(upperFence, QuantileSearchCriteria.INCLUSIVE)) * n);
        return new NumericStats(n, Rounding.round(numberMoments.min()), Rounding.round(numberMoments.max()),
                Rounding.round(numberMoments.mean()), Rounding.round(numberMoments.standardDeviation()), quantiles,
                below + above, Rounding.round(lowerFence), Rounding.round(upperFence),
                Histograms.of(numbers, numberMoments.min(), numberMoments.max(), type == ValueKind.INTEGER));
    }

    private StringStats stringStats() {
        final long strings = lengthMoments.count();
        if (strings == 0) {
            return null;
        }
        final var dominant = Frequencies.top(formats, 1);
        final Frequencies.Variants variants = caseVariants();
        return new StringStats(strings, (int) lengthMoments.min(), (int) lengthMoments.max(), Rounding.round(lengthMoments.mean()),
                lengths.getQuantile(0.5, QuantileSearchCriteria.INCLUSIVE), Frequencies.top(topValues, settings.topValueCount()),
                dominant.isEmpty() ? null : dominant.getFirst().value(), tracksFormats ? Rounding.round(formatConsistency()) : null,
                surroundingWhitespace, variants.groups(), variants.nonDominantValues());
    }
}
