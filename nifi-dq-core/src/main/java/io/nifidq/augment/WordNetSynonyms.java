package io.nifidq.augment;

import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.data.Word;
import net.sf.extjwnl.dictionary.Dictionary;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * English synonyms from WordNet 3.1 (extjwnl with its data jar, read from the class path): the lemmas of every
 * synset of the word (after WordNet's own morphology, so "running" finds the synsets of "run"), nouns first,
 * then verbs, adjectives and adverbs, each in WordNet's sense order, like EDA. Multi-word lemmas have their
 * underscores turned into spaces; lemmas with characters other than letters, spaces, hyphens and apostrophes
 * are left out. Answers are cached per word.
 */
public final class WordNetSynonyms implements SynonymSource {

    /** The cache is cleared when it reaches this many words; answers do not depend on it. */
    static final int CACHE_LIMIT = 100_000;

    private static volatile WordNetSynonyms shared;

    private final Dictionary dictionary;
    private final Map<String, List<String>> cache = new ConcurrentHashMap<>();

    private WordNetSynonyms(final Dictionary dictionary) {
        this.dictionary = dictionary;
    }

    /** The dictionary of this class loader, opened on first use (about 0.6 s; with HanLP, about 75 MB of heap once used). */
    public static WordNetSynonyms shared() {
        WordNetSynonyms instance = shared;
        if (instance == null) {
            synchronized (WordNetSynonyms.class) {
                instance = shared;
                if (instance == null) {
                    instance = new WordNetSynonyms(ClassLoaders.withOwnLoader(() -> {
                        try {
                            return Dictionary.getDefaultResourceInstance();
                        } catch (final JWNLException e) {
                            throw new IllegalStateException("Cannot open WordNet from the class path: " + e.getMessage(), e);
                        }
                    }));
                    shared = instance;
                }
            }
        }
        return instance;
    }

    @Override
    public List<String> synonyms(final String word) {
        final String key = word.toLowerCase(Locale.ROOT);
        final List<String> cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        final List<String> found = lookUp(key);
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(key, found);
        return found;
    }

    private List<String> lookUp(final String word) {
        final Set<String> lemmas = new LinkedHashSet<>();
        synchronized (dictionary) {
            for (final POS pos : POS.getAllPOS()) {
                final IndexWord indexWord;
                try {
                    indexWord = dictionary.lookupIndexWord(pos, word);
                } catch (final JWNLException e) {
                    continue;
                }
                if (indexWord == null) {
                    continue;
                }
                for (final Synset synset : indexWord.getSenses()) {
                    for (final Word lemma : synset.getWords()) {
                        final String text = lemma.getLemma().replace('_', ' ');
                        if (isPlain(text) && !text.equalsIgnoreCase(word)) {
                            lemmas.add(text);
                        }
                    }
                }
            }
        }
        return lemmas.isEmpty() ? List.of() : List.copyOf(new ArrayList<>(lemmas));
    }

    private static boolean isPlain(final String lemma) {
        for (int i = 0; i < lemma.length(); i++) {
            final char c = lemma.charAt(i);
            if (!(Character.isLetter(c) || c == ' ' || c == '-' || c == '\'')) {
                return false;
            }
        }
        return !lemma.isBlank();
    }
}
