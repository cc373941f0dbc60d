package io.nifidq.augment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** The words that synonym replacement and insertion never touch, per language (resources of this package). */
public final class Stopwords {

    private static final Set<String> ENGLISH = load("stopwords-en.txt");
    private static final Set<String> CHINESE = load("stopwords-zh.txt");

    private Stopwords() {
    }

    /** True when the word is a stopword of the language; English compares lower-cased, apostrophes folded to '. */
    public static boolean isStopword(final Language language, final String word) {
        return switch (language) {
            case ENGLISH -> ENGLISH.contains(word.toLowerCase(Locale.ROOT).replace('\u2019', '\''));
            case CHINESE -> CHINESE.contains(word) || ENGLISH.contains(word.toLowerCase(Locale.ROOT));
            case UNKNOWN -> false;
        };
    }

    private static Set<String> load(final String resource) {
        try (InputStream in = Stopwords.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Stopword list " + resource + " is missing from the jar");
            }
            final Set<String> words = new HashSet<>();
            final BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                final String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word);
                }
            }
            return Set.copyOf(words);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
