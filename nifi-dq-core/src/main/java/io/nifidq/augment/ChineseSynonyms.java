package io.nifidq.augment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chinese synonyms from the extended Tongyici Cilin (同义词词林扩展版) that the HanLP portable jar bundles as
 * data/dictionary/synonym/CoreSynonym.txt. Each line is a code and its words; only codes ending in '=' are groups
 * of synonyms ('#' marks related words that are not synonyms, '@' a word alone), so only those are used.
 */
public final class ChineseSynonyms implements SynonymSource {

    static final String RESOURCE = "data/dictionary/synonym/CoreSynonym.txt";

    private static volatile ChineseSynonyms shared;

    private final Map<String, List<String>> synonyms;

    private ChineseSynonyms(final Map<String, List<String>> synonyms) {
        this.synonyms = synonyms;
    }

    /** The dictionary of this class loader, read on first use. */
    public static ChineseSynonyms shared() {
        ChineseSynonyms instance = shared;
        if (instance == null) {
            synchronized (ChineseSynonyms.class) {
                instance = shared;
                if (instance == null) {
                    instance = load();
                    shared = instance;
                }
            }
        }
        return instance;
    }

    private static ChineseSynonyms load() {
        try (InputStream in = ChineseSynonyms.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path (the HanLP portable jar bundles it)");
            }
            final Map<String, Set<String>> groups = new HashMap<>();
            final BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                final String[] parts = line.strip().split("\\s+");
                if (parts.length < 3 || !parts[0].endsWith("=")) {
                    continue;
                }
                for (int i = 1; i < parts.length; i++) {
                    final Set<String> others = groups.computeIfAbsent(parts[i], k -> new LinkedHashSet<>());
                    for (int j = 1; j < parts.length; j++) {
                        if (!parts[j].equals(parts[i])) {
                            others.add(parts[j]);
                        }
                    }
                }
            }
            final Map<String, List<String>> frozen = new HashMap<>(groups.size() * 2);
            groups.forEach((word, others) -> frozen.put(word, List.copyOf(others)));
            return new ChineseSynonyms(frozen);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    /** The number of words that have at least one synonym. */
    public int size() {
        return synonyms.size();
    }

    @Override
    public List<String> synonyms(final String word) {
        return synonyms.getOrDefault(word, List.of());
    }
}
