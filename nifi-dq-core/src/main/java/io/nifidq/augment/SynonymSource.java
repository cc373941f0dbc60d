package io.nifidq.augment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** Synonyms of a word, in a fixed order (the order decides which one a seeded choice picks). */
public interface SynonymSource {

    /** Never null; empty when the word has none. English words are looked up lower-cased. */
    List<String> synonyms(String word);

    /** A source that knows no word. */
    SynonymSource NONE = word -> List.of();

    /** A source made on its first question (dictionaries take a second and tens of MB to load; a flow may never need them). */
    static SynonymSource lazy(final Supplier<? extends SynonymSource> factory) {
        return new SynonymSource() {
            private volatile SynonymSource source;

            @Override
            public List<String> synonyms(final String word) {
                SynonymSource loaded = source;
                if (loaded == null) {
                    synchronized (this) {
                        loaded = source;
                        if (loaded == null) {
                            loaded = factory.get();
                            source = loaded;
                        }
                    }
                }
                return loaded.synonyms(word);
            }
        };
    }

    /** The synonyms of the first source, then those of the second that the first did not name. */
    static SynonymSource combined(final SynonymSource first, final SynonymSource second) {
        return word -> {
            final List<String> a = first.synonyms(word);
            final List<String> b = second.synonyms(word);
            if (b.isEmpty()) {
                return a;
            }
            if (a.isEmpty()) {
                return b;
            }
            final Set<String> union = new LinkedHashSet<>(a);
            union.addAll(b);
            return new ArrayList<>(union);
        };
    }
}
