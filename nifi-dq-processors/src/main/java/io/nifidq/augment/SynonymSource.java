package io.nifidq.augment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Synonyms of a word, in a fixed order (the order decides which one a seeded choice picks). */
public interface SynonymSource {

    /** Never null; empty when the word has none. English words are looked up lower-cased. */
    List<String> synonyms(String word);

    /** A source that knows no word. */
    SynonymSource NONE = word -> List.of();

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
