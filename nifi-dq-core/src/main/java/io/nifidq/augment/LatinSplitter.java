package io.nifidq.augment;

import io.nifidq.text.Scripts;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits space-separated text (English and any other language written with spaces): a word starts with a
 * letter and runs over letters and digits, with apostrophes and hyphens inside it ("don't", "well-known");
 * a number starts with a digit and runs over digits, letters and inner '.', ',' or ':' ("3.5", "10:30",
 * "3rd"); whitespace runs are one token; every other character is a token of its own. CJK characters are
 * kept as tokens of their own kind OTHER, so they never move.
 */
public final class LatinSplitter implements TextSplitter {

    public static final LatinSplitter INSTANCE = new LatinSplitter();

    private LatinSplitter() {
    }

    @Override
    public String wordSeparator() {
        return " ";
    }

    @Override
    public List<Token> split(final String text) {
        final List<Token> tokens = new ArrayList<>();
        final int length = text.length();
        int i = 0;
        while (i < length) {
            final int codePoint = text.codePointAt(i);
            final int start = i;
            if (isWordChar(codePoint) && !isDigit(codePoint)) {
                i = endOfRun(text, i, false);
                tokens.add(new Token(text.substring(start, i), Token.Kind.WORD));
            } else if (isDigit(codePoint)) {
                i = endOfRun(text, i, true);
                tokens.add(new Token(text.substring(start, i), Token.Kind.NUMBER));
            } else if (isWhitespace(codePoint)) {
                int next = codePoint;
                while (i < length && isWhitespace(next = text.codePointAt(i))) {
                    i += Character.charCount(next);
                }
                tokens.add(new Token(text.substring(start, i), Token.Kind.SPACE));
            } else {
                i += Character.charCount(codePoint);
                tokens.add(new Token(text.substring(start, i), Token.Kind.OTHER));
            }
        }
        return tokens;
    }

    private static boolean isWordChar(final int codePoint) {
        if (codePoint < 0x80) {
            return (codePoint | 0x20) >= 'a' && (codePoint | 0x20) <= 'z' || codePoint >= '0' && codePoint <= '9';
        }
        return (Character.isLetterOrDigit(codePoint) || Character.getType(codePoint) == Character.NON_SPACING_MARK)
                && !Scripts.isCjk(codePoint);
    }

    private static boolean isDigit(final int codePoint) {
        return codePoint < 0x80 ? codePoint >= '0' && codePoint <= '9' : Character.isDigit(codePoint);
    }

    private static boolean isWhitespace(final int codePoint) {
        return codePoint < 0x80 ? codePoint == ' ' || codePoint >= 0x09 && codePoint <= 0x0D || codePoint >= 0x1C && codePoint <= 0x1F
                : Character.isWhitespace(codePoint);
    }

    private static int endOfRun(final String text, final int from, final boolean number) {
        int i = from;
        final int length = text.length();
        while (i < length) {
            final int codePoint = text.codePointAt(i);
            final int width = Character.charCount(codePoint);
            if (isWordChar(codePoint)) {
                i += width;
            } else if (i + width < length && isJoiner(codePoint, number) && isWordChar(text.codePointAt(i + width))
                    && (!number || isDigit(text.codePointAt(i + width)))) {
                i += width;
            } else {
                break;
            }
        }
        return i;
    }

    private static boolean isJoiner(final int codePoint, final boolean number) {
        return number ? codePoint == '.' || codePoint == ',' || codePoint == ':'
                : codePoint == '\'' || codePoint == '\u2019' || codePoint == '-';
    }
}
