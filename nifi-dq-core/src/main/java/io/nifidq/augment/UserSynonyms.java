package io.nifidq.augment;

import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvException;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Synonyms from a user's CSV file: each row is a group of words that may replace one another, for example
 * {@code happy,glad,cheerful} or {@code 高兴,快乐,开心}. A word in several rows gets the words of all its rows.
 * Latin-script words are matched ignoring case. Lines starting with '#' are comments; there is no header.
 */
public final class UserSynonyms implements SynonymSource {

    private final Map<String, List<String>> synonyms;

    private UserSynonyms(final Map<String, List<String>> synonyms) {
        this.synonyms = synonyms;
    }

    public static UserSynonyms read(final Reader reader) throws IOException {
        final Map<String, Set<String>> groups = new HashMap<>();
        try (CSVReader csv = new CSVReader(reader)) {
            for (final String[] row : csv.readAll()) {
                if (row.length == 0 || row[0].strip().startsWith("#")) {
                    continue;
                }
                final List<String> words = new ArrayList<>();
                for (final String cell : row) {
                    final String word = cell.strip();
                    if (!word.isEmpty() && !words.contains(word)) {
                        words.add(word);
                    }
                }
                for (final String word : words) {
                    final Set<String> others = groups.computeIfAbsent(key(word), k -> new LinkedHashSet<>());
                    for (final String other : words) {
                        if (!key(other).equals(key(word))) {
                            others.add(other);
                        }
                    }
                }
            }
        } catch (final CsvException e) {
            throw new IOException("Not a valid synonym CSV: " + e.getMessage(), e);
        }
        final Map<String, List<String>> frozen = new HashMap<>();
        groups.forEach((word, others) -> frozen.put(word, List.copyOf(others)));
        return new UserSynonyms(frozen);
    }

    /** The number of words that have at least one synonym. */
    public int size() {
        return synonyms.size();
    }

    @Override
    public List<String> synonyms(final String word) {
        return synonyms.getOrDefault(key(word), List.of());
    }

    private static String key(final String word) {
        return word.toLowerCase(Locale.ROOT);
    }
}
