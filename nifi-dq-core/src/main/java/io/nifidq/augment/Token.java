package io.nifidq.augment;

/**
 * One piece of a text. Only {@link Kind#WORD} tokens are ever replaced, inserted, swapped, deleted or
 * misspelt; numbers, punctuation and whitespace stay where they are.
 */
public record Token(String text, Kind kind) {

    public enum Kind {
        /** A word: letters (with digits, in-word apostrophes and hyphens), or a segmented Chinese word. */
        WORD,
        /** A number, kept in place. */
        NUMBER,
        /** A run of whitespace. */
        SPACE,
        /** Punctuation, symbols and anything else, kept in place. */
        OTHER
    }

    public static Token word(final String text) {
        return new Token(text, Kind.WORD);
    }

    public boolean isWord() {
        return kind == Kind.WORD;
    }
}
