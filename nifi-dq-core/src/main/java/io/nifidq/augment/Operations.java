package io.nifidq.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The operations on a token list, each changing only {@link Token.Kind#WORD} tokens so that numbers and
 * punctuation keep their places. The number of changes follows EDA: n = max(1, floor(alpha * words)) for
 * replacement, insertion, swap and character noise; deletion removes each word with probability alpha.
 */
final class Operations {

    private final Language language;
    private final SynonymSource synonyms;
    private final String separator;

    Operations(final Language language, final SynonymSource synonyms, final String separator) {
        this.language = language;
        this.synonyms = synonyms;
        this.separator = separator;
    }

    static int changes(final double alpha, final int words) {
        return Math.max(1, (int) (alpha * words));
    }

    /** Applies the operation in place; true when the tokens changed. */
    boolean apply(final Operation operation, final List<Token> tokens, final double alpha, final SplittableRandom random) {
        int words = 0;
        for (final Token token : tokens) {
            if (token.isWord()) {
                words++;
            }
        }
        if (words == 0) {
            return false;
        }
        return switch (operation) {
            case SYNONYM_REPLACEMENT -> replaceSynonyms(tokens, changes(alpha, words), random);
            case RANDOM_INSERTION -> insertSynonyms(tokens, changes(alpha, words), random);
            case RANDOM_SWAP -> swap(tokens, changes(alpha, words), random);
            case RANDOM_DELETION -> delete(tokens, alpha, random);
            case CHARACTER_NOISE -> addTypos(tokens, changes(alpha, words), random);
        };
    }

    /** Replaces up to n distinct non-stopword words that have synonyms, each by a random synonym in the word's case. */
    boolean replaceSynonyms(final List<Token> tokens, final int n, final SplittableRandom random) {
        final List<Integer> candidates = new ArrayList<>();
        for (final int index : wordIndexes(tokens)) {
            if (replaceable(tokens.get(index).text())) {
                candidates.add(index);
            }
        }
        shuffle(candidates, random);
        boolean changed = false;
        for (int k = 0; k < Math.min(n, candidates.size()); k++) {
            final int index = candidates.get(k);
            final String word = tokens.get(index).text();
            final List<String> options = synonyms.synonyms(word);
            final String synonym = matchCase(word, options.get(random.nextInt(options.size())));
            tokens.set(index, Token.word(synonym));
            changed |= !synonym.equals(word);
        }
        return changed;
    }

    /** Inserts n times a random synonym of a random non-stopword word of the text at a random word boundary. */
    boolean insertSynonyms(final List<Token> tokens, final int n, final SplittableRandom random) {
        final List<String> seeds = new ArrayList<>();
        for (final int index : wordIndexes(tokens)) {
            if (replaceable(tokens.get(index).text())) {
                seeds.add(tokens.get(index).text());
            }
        }
        if (seeds.isEmpty()) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            final List<String> options = synonyms.synonyms(seeds.get(random.nextInt(seeds.size())));
            final String synonym = options.get(random.nextInt(options.size()));
            final List<Integer> words = wordIndexes(tokens);
            final int slot = random.nextInt(words.size() + 1);
            if (slot < words.size()) {
                final int at = words.get(slot);
                if (!separator.isEmpty()) {
                    tokens.add(at, new Token(separator, Token.Kind.SPACE));
                }
                tokens.add(at, Token.word(synonym));
            } else {
                final int after = words.getLast() + 1;
                tokens.add(after, Token.word(synonym));
                if (!separator.isEmpty()) {
                    tokens.add(after, new Token(separator, Token.Kind.SPACE));
                }
            }
        }
        return true;
    }

    /** Swaps two random distinct word positions, n times. */
    boolean swap(final List<Token> tokens, final int n, final SplittableRandom random) {
        final List<Integer> words = wordIndexes(tokens);
        if (words.size() < 2) {
            return false;
        }
        boolean changed = false;
        for (int k = 0; k < n; k++) {
            final int i = random.nextInt(words.size());
            int j = random.nextInt(words.size() - 1);
            if (j >= i) {
                j++;
            }
            final Token a = tokens.get(words.get(i));
            final Token b = tokens.get(words.get(j));
            tokens.set(words.get(i), b);
            tokens.set(words.get(j), a);
            changed |= !a.text().equals(b.text());
        }
        return changed;
    }

    /** Deletes each word with probability p, with the space before it (or after it, at the start); one word always stays. */
    boolean delete(final List<Token> tokens, final double p, final SplittableRandom random) {
        final List<Integer> words = wordIndexes(tokens);
        if (words.size() < 2) {
            return false;
        }
        final List<Integer> doomed = new ArrayList<>();
        for (final int index : words) {
            if (random.nextDouble() < p) {
                doomed.add(index);
            }
        }
        if (doomed.size() == words.size()) {
            doomed.remove(random.nextInt(doomed.size()));
        }
        for (int k = doomed.size() - 1; k >= 0; k--) {
            final int index = doomed.get(k);
            tokens.remove(index);
            if (index > 0 && tokens.get(index - 1).kind() == Token.Kind.SPACE) {
                tokens.remove(index - 1);
            } else if (index < tokens.size() && tokens.get(index).kind() == Token.Kind.SPACE) {
                tokens.remove(index);
            }
        }
        return !doomed.isEmpty();
    }

    /** Puts one keyboard typo into each of up to n random words of at least three Latin letters. */
    boolean addTypos(final List<Token> tokens, final int n, final SplittableRandom random) {
        final List<Integer> candidates = new ArrayList<>();
        for (final int index : wordIndexes(tokens)) {
            if (Typos.canMisspell(tokens.get(index).text())) {
                candidates.add(index);
            }
        }
        shuffle(candidates, random);
        for (int k = 0; k < Math.min(n, candidates.size()); k++) {
            final int index = candidates.get(k);
            tokens.set(index, Token.word(Typos.misspell(tokens.get(index).text(), random)));
        }
        return !candidates.isEmpty();
    }

    private boolean replaceable(final String word) {
        return !Stopwords.isStopword(language, word) && !synonyms.synonyms(word).isEmpty();
    }

    static List<Integer> wordIndexes(final List<Token> tokens) {
        final List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).isWord()) {
                indexes.add(i);
            }
        }
        return indexes;
    }

    static <T> void shuffle(final List<T> list, final SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            final int j = random.nextInt(i + 1);
            final T swap = list.get(i);
            list.set(i, list.get(j));
            list.set(j, swap);
        }
    }

    /** The replacement in the original's case: ALL CAPS stays all caps, Capitalised stays capitalised. */
    static String matchCase(final String original, final String replacement) {
        if (original.isEmpty() || replacement.isEmpty() || !Character.isUpperCase(original.codePointAt(0))) {
            return replacement;
        }
        if (original.length() > 1 && original.equals(original.toUpperCase(Locale.ROOT))) {
            return replacement.toUpperCase(Locale.ROOT);
        }
        final int first = replacement.codePointAt(0);
        return new StringBuilder().appendCodePoint(Character.toUpperCase(first))
                .append(replacement, Character.charCount(first), replacement.length()).toString();
    }
}
