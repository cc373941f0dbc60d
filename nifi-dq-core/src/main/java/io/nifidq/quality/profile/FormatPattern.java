package io.nifidq.quality.profile;

import io.nifidq.text.Scripts;

/**
 * The character-class shape of a value: digits become 9 one by one (so 2024-01-31 is 9999-99-99),
 * a run of upper-case letters becomes A, of lower-case letters a, of CJK characters C, a run of
 * whitespace one space; other characters stay as they are. A field whose values share one shape
 * is consistently formatted.
 */
final class FormatPattern {

    static final int MAX_LENGTH = 32;

    /** The symbol of each ASCII character, or 0 for one that stands for itself: a table lookup on the hot path. */
    private static final char[] ASCII_SYMBOLS = new char[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII_SYMBOLS[c] = symbolOf(c);
        }
    }

    private FormatPattern() {
    }

    private static char symbolOf(final int codePoint) {
        if (codePoint >= '0' && codePoint <= '9') {
            return '9';
        } else if (Character.isUpperCase(codePoint) || Character.isTitleCase(codePoint)) {
            return 'A';
        } else if (Character.isLowerCase(codePoint)) {
            return 'a';
        } else if (Scripts.isCjk(codePoint)) {
            return 'C';
        } else if (Character.isWhitespace(codePoint)) {
            return ' ';
        } else if (Character.isLetter(codePoint)) {
            return 'L';
        }
        return 0;
    }

    static String of(final String value) {
        final char[] pattern = new char[MAX_LENGTH + 3];
        int length = 0;
        char previous = 0;
        for (int i = 0; i < value.length() && length <= MAX_LENGTH; ) {
            final char c = value.charAt(i);
            final int codePoint = Character.isHighSurrogate(c) ? value.codePointAt(i) : c;
            i += Character.charCount(codePoint);
            final char symbol = codePoint < 128 ? ASCII_SYMBOLS[codePoint] : symbolOf(codePoint);
            if (symbol == 0) {
                // A character that stands for itself (two chars for one outside the BMP, such as an emoji).
                length += Character.toChars(codePoint, pattern, length);
                previous = 0;
            } else {
                if (symbol == '9' || symbol != previous) {
                    pattern[length++] = symbol;
                }
                previous = symbol;
            }
        }
        if (length > MAX_LENGTH) {
            pattern[MAX_LENGTH] = '\u2026';
            length = MAX_LENGTH + 1;
        }
        return new String(pattern, 0, length);
    }
}
