package io.nifidq.quality.clean;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** How many values or records each cleaning step changed or rejected, by counter name (also the attribute suffix). */
public final class CleaningCounts {

    public static final String NULL_TOKENS_REPLACED = "nulls.tokens.replaced";
    public static final String MOJIBAKE_REPAIRED = "mojibake.repaired";
    public static final String HTML_ENTITIES_DECODED = "html.entities.decoded";
    public static final String HTML_TAGS_STRIPPED = "html.tags.stripped";
    public static final String UNICODE_NORMALIZED = "unicode.normalized";
    public static final String CONTROL_CHARACTERS_REMOVED = "control.characters.removed";
    public static final String WHITESPACE_NORMALIZED = "whitespace.normalized";
    public static final String LOWER_CASED = "lower.cased";
    public static final String LABELS_CANONICALIZED = "labels.canonicalized";
    public static final String LABELS_UNKNOWN = "labels.unknown";
    public static final String VALUES_COERCED = "values.coerced";
    public static final String VALUES_UNCOERCIBLE = "values.uncoercible";
    public static final String TEXTS_TOO_SHORT = "texts.too.short";
    public static final String TEXTS_TOO_LONG = "texts.too.long";
    public static final String TEXTS_TRUNCATED = "texts.truncated";
    public static final String MISSING_FILLED = "missing.filled";
    public static final String MISSING_DROPPED = "missing.dropped";
    public static final String OUTLIERS_CLIPPED = "outliers.clipped";
    public static final String OUTLIERS_REJECTED = "outliers.rejected";
    public static final String VALUES_STANDARDIZED = "values.standardized";
    public static final String CONFLICTS_RELABELLED = "conflicts.relabelled";
    public static final String CONFLICTS_REJECTED = "conflicts.rejected";
    public static final String DUPLICATES_EXACT = "duplicates.exact";
    public static final String DUPLICATES_NEAR = "duplicates.near";
    public static final String DUPLICATES_EARLIER = "duplicates.earlier";

    private final Map<String, Long> counts = new LinkedHashMap<>();

    void increment(final String counter) {
        counts.merge(counter, 1L, Long::sum);
    }

    public long get(final String counter) {
        return counts.getOrDefault(counter, 0L);
    }

    /** The counters that are not zero, in the order they were first counted. */
    public Map<String, Long> nonZero() {
        return Collections.unmodifiableMap(counts);
    }
}
