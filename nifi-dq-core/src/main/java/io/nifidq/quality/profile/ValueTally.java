package io.nifidq.quality.profile;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Counts the repeats of a field's short string values before they reach the field's sketches: a
 * categorical field (a country, a sex, an age) repeats a few hundred values millions of times, and
 * classifying, hashing and sketching each value once per distinct value instead of once per record
 * is most of a profile's cost. The tally holds at most {@link #MAX_ENTRIES} values; when it is full
 * it is drained into the sketches (with each value's count as its weight), and a field whose values
 * mostly did not repeat within that window (an id, a free text) stops using it.
 */
final class ValueTally {

    static final int MAX_ENTRIES = 1024;
    /** Longer values are rarely categories; they bypass the tally, which bounds its memory. */
    static final int MAX_VALUE_LENGTH = 48;

    private final Map<String, AnalysedValue> entries = new HashMap<>(MAX_ENTRIES * 2);
    private long hits;
    private boolean bypassed;

    /** True when the value should go through the tally. */
    boolean accepts(final String value) {
        return !bypassed && value.length() <= MAX_VALUE_LENGTH;
    }

    /** Counts one more occurrence of a value already tallied; false when the value is new to the tally. */
    boolean countRepeat(final String value) {
        final AnalysedValue known = entries.get(value);
        if (known == null) {
            return false;
        }
        known.count++;
        hits++;
        return true;
    }

    /** Adds a value seen for the first time; drains the tally into the sink first when it is full. */
    void add(final AnalysedValue value, final Consumer<AnalysedValue> sink) {
        if (entries.size() == MAX_ENTRIES) {
            // Fewer repeats than distinct values in a full window: the field is not categorical.
            bypassed = hits < MAX_ENTRIES;
            drain(sink);
            if (bypassed) {
                sink.accept(value);
                return;
            }
        }
        entries.put(value.raw, value);
    }

    /** Hands every tallied value, with its count, to the sink and empties the tally. */
    void drain(final Consumer<AnalysedValue> sink) {
        if (!entries.isEmpty()) {
            entries.values().forEach(sink);
            entries.clear();
        }
        hits = 0;
    }

    /** What a string value is, worked out once per distinct value; {@code count} is how often it occurred. */
    static final class AnalysedValue {
        enum Presence { WHITESPACE_ONLY, NULL_TOKEN, PRESENT }

        final String raw;
        final Presence presence;
        final boolean surroundingWhitespace;
        final ValueKind kind;
        final double number;
        final String format;
        long count = 1;

        AnalysedValue(final String raw, final Presence presence, final boolean surroundingWhitespace, final ValueKind kind,
                      final double number, final String format) {
            this.raw = raw;
            this.presence = presence;
            this.surroundingWhitespace = surroundingWhitespace;
            this.kind = kind;
            this.number = number;
            this.format = format;
        }
    }
}
