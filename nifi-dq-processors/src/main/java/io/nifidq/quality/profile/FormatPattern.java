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

    private FormatPattern() {
    }

    static String of(final String value) {
        final StringBuilder pattern = new StringBuilder(Math.min(value.length(), MAX_LENGTH + 1));
        char previous = 0;
        for (int i = 0; i < value.length(); ) {
            final int codePoint = value.codePointAt(i);
            i += Character.charCount(codePoint);
            final char symbol;
            if (codePoint >= '0' && codePoint <= '9') {
                symbol = '9';
            } else if (Character.isUpperCase(codePoint) || Character.isTitleCase(codePoint)) {
                symbol = 'A';
            } else if (Character.isLowerCase(codePoint)) {
                symbol = 'a';
            } else if (Scripts.isCjk(codePoint)) {
                symbol = 'C';
            } else if (Character.isWhitespace(codePoint)) {
                symbol = ' ';
            } else if (Character.isLetter(codePoint)) {
                symbol = 'L';
            } else {
                pattern.appendCodePoint(codePoint);
                previous = 0;
                if (pattern.length() > MAX_LENGTH) {
                    break;
                }
                continue;
            }
            if (symbol == '9' || symbol != previous) {
                pattern.append(symbol);
            }
            previous = symbol;
            if (pattern.length() > MAX_LENGTH) {
                break;
            }
        }
        if (pattern.length() > MAX_LENGTH) {
            pattern.setLength(MAX_LENGTH);
            pattern.append('\u2026');
        }
        return pattern.toString();
    }
}
