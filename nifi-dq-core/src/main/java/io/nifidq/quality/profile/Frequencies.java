package io.nifidq.quality.profile;

import io.nifidq.quality.profile.ProfileReport.ValueCount;
import io.nifidq.quality.profile.ProfileReport.VariantGroup;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reading frequent-items sketches: the top values, and groups of spellings of the same value. */
final class Frequencies {

    static final int MAX_VARIANT_GROUPS = 20;
    private static final Comparator<ValueCount> MOST_FREQUENT_FIRST =
            Comparator.comparingLong(ValueCount::count).reversed().thenComparing(ValueCount::value);

    private Frequencies() {
    }

    /** Spelling groups, most frequent first, and how many values are not their group's dominant spelling. */
    record Variants(List<VariantGroup> groups, long nonDominantValues) {
    }

    /** Every value the sketch tracks with its estimated count, most frequent first. */
    static List<ValueCount> all(final ItemsSketch<String> sketch) {
        return Arrays.stream(sketch.getFrequentItems(0, ErrorType.NO_FALSE_NEGATIVES))
                .map(row -> new ValueCount(row.getItem(), row.getEstimate()))
                .sorted(MOST_FREQUENT_FIRST)
                .toList();
    }

    static List<ValueCount> top(final ItemsSketch<String> sketch, final int limit) {
        return all(sketch).stream().limit(limit).toList();
    }

    /** Trim, lower case, single spaces: two spellings with the same canonical form mean the same value. */
    static String canonical(final String value) {
        final String stripped = value.strip();
        StringBuilder collapsed = null;
        for (int i = 0; i < stripped.length(); i++) {
            final char c = stripped.charAt(i);
            final boolean space = Character.isWhitespace(c);
            if (collapsed == null && space && (c != ' ' || Character.isWhitespace(stripped.charAt(i + 1)))) {
                collapsed = new StringBuilder(stripped.length()).append(stripped, 0, i);
            }
            if (collapsed != null && !(space && Character.isWhitespace(collapsed.charAt(collapsed.length() - 1)))) {
                collapsed.append(space ? ' ' : c);
            }
        }
        return (collapsed == null ? stripped : collapsed.toString()).toLowerCase(Locale.ROOT);
    }

    static Variants variants(final ItemsSketch<String> sketch) {
        return variants(all(sketch));
    }

    static Variants variants(final List<ValueCount> values) {
        final Map<String, List<ValueCount>> byCanonical = new LinkedHashMap<>();
        for (final ValueCount value : values) {
            byCanonical.computeIfAbsent(canonical(value.value()), key -> new ArrayList<>()).add(value);
        }
        final List<VariantGroup> groups = new ArrayList<>();
        long nonDominant = 0;
        for (final Map.Entry<String, List<ValueCount>> entry : byCanonical.entrySet()) {
            final List<ValueCount> spellings = entry.getValue();
            if (spellings.size() > 1) {
                spellings.sort(MOST_FREQUENT_FIRST);
                nonDominant += spellings.stream().skip(1).mapToLong(ValueCount::count).sum();
                groups.add(new VariantGroup(entry.getKey(), spellings.getFirst().value(), List.copyOf(spellings)));
            }
        }
        groups.sort(Comparator.comparingLong((VariantGroup g) -> g.spellings().stream().mapToLong(ValueCount::count).sum())
                .reversed().thenComparing(VariantGroup::canonical));
        return new Variants(groups.stream().limit(MAX_VARIANT_GROUPS).toList(), nonDominant);
    }
}
