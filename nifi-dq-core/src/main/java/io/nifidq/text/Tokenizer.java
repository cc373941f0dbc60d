package io.nifidq.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Splits text into word tokens the same way for every component: runs of letters, digits and
 * apostrophes inside words form a token; every CJK character is a token of its own (Chinese has no
 * spaces, and single characters are the robust unit without a segmenter); everything else separates.
 * Tokens are lower-cased with {@link Locale#ROOT}.
 */
public final class Tokenizer {

    private Tokenizer() {
    }

    /** Calls the consumer once per token, in order, without building a list. */
    public static void forEachToken(final CharSequence text, final Consumer<String> consumer) {
        final int length = text.length();
        final StringBuilder word = new StringBuilder();
        int i = 0;
        while (i < length) {
            final int codePoint = Character.codePointAt(text, i);
            final int width = Character.charCount(codePoint);
            if (Scripts.isCjk(codePoint)) {
                flush(word, consumer);
                consumer.accept(new String(Character.toChars(codePoint)));
            } else if (Character.isLetterOrDigit(codePoint)) {
                word.appendCodePoint(Character.toLowerCase(codePoint));
            } else if (isInWordApostrophe(text, i, codePoint, word)) {
                word.append('\'');
            } else {
                flush(word, consumer);
            }
            i += width;
        }
        flush(word, consumer);
    }

    /** The tokens of the text, in order. */
    public static List<String> tokens(final CharSequence text) {
        final List<String> tokens = new ArrayList<>();
        forEachToken(text, tokens::add);
        return tokens;
    }

    /** The number of tokens, counted without allocating them. */
    public static int countTokens(final CharSequence text) {
        int count = 0;
        boolean inWord = false;
        final int length = text.length();
        int i = 0;
        while (i < length) {
            final char c = text.charAt(i);
            if (c < 128) {
                // ASCII fast path: the same rules as below, without the Unicode property lookups.
                final boolean wordCharacter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z' || c >= '0' && c <= '9';
                if (wordCharacter) {
                    if (!inWord) {
                        count++;
                        inWord = true;
                    }
                } else if (!(inWord && c == '\'' && nextIsLetter(text, i + 1))) {
                    inWord = false;
                }
                i++;
                continue;
            }
            final int codePoint = Character.codePointAt(text, i);
            if (Scripts.isCjk(codePoint)) {
                count++;
                inWord = false;
            } else if (Character.isLetterOrDigit(codePoint)) {
                if (!inWord) {
                    count++;
                    inWord = true;
                }
            } else if (!(inWord && (codePoint == '\'' || codePoint == '\u2019') && nextIsLetter(text, i + 1))) {
                inWord = false;
            }
            i += Character.charCount(codePoint);
        }
        return count;
    }

    private static boolean isInWordApostrophe(final CharSequence text, final int index, final int codePoint, final StringBuilder word) {
        return (codePoint == '\'' || codePoint == '\u2019') && !word.isEmpty() && nextIsLetter(text, index + 1);
    }

    private static boolean nextIsLetter(final CharSequence text, final int index) {
        return index < text.length() && Character.isLetter(Character.codePointAt(text, index))
                && !Scripts.isCjk(Character.codePointAt(text, index));
    }

    private static void flush(final StringBuilder word, final Consumer<String> consumer) {
        if (!word.isEmpty()) {
            consumer.accept(word.toString());
            word.setLength(0);
        }
    }
}
