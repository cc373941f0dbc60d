package io.nifidq.text;

/**
 * Classifies code points into the writing systems nifi-dq cares about. CJK ideographs are treated as
 * words of their own by the tokenizer, so the script of a character decides how text is split.
 */
public final class Scripts {

    private Scripts() {
    }

    /** True for Han ideographs, kana and Hangul: scripts written without spaces between words (Hangul aside, kept for simplicity). */
    public static boolean isCjk(final int codePoint) {
        // Nothing below Hangul Jamo (U+1100) is CJK: skip the script lookup (a binary search) for Latin text.
        if (codePoint < 0x1100) {
            return false;
        }
        final Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN
                || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA
                || script == Character.UnicodeScript.HANGUL;
    }

    /** True for letters of the Latin script, accented ones included. */
    public static boolean isLatinLetter(final int codePoint) {
        if (codePoint < 0x80) {
            return (codePoint | 0x20) >= 'a' && (codePoint | 0x20) <= 'z';
        }
        return Character.isLetter(codePoint) && Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.LATIN;
    }
}
