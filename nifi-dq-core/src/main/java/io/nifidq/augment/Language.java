package io.nifidq.augment;

import io.nifidq.text.Scripts;

/** The language of a text as far as augmentation cares: which splitter, synonyms and stopwords apply. */
public enum Language {
    ENGLISH,
    CHINESE,
    /** Neither: only the language-free operations (random swap, random deletion) apply. */
    UNKNOWN;

    /** Share of Han characters among the letters from which a text counts as Chinese. */
    static final double CHINESE_SHARE = 0.3;
    /** Share of Latin letters among the letters from which a text counts as English. */
    static final double LATIN_SHARE = 0.5;

    /**
     * Detects the language from the letters' scripts: Chinese when at least 30% of the letters are Han
     * ideographs, English when at least half are Latin, unknown otherwise (Cyrillic, Arabic, Japanese kana,
     * Hangul, no letters at all).
     */
    public static Language detect(final CharSequence text) {
        int letters = 0;
        int han = 0;
        int latin = 0;
        int i = 0;
        while (i < text.length()) {
            final int codePoint = Character.codePointAt(text, i);
            if (Character.isLetter(codePoint)) {
                letters++;
                if (Scripts.isLatinLetter(codePoint)) {
                    latin++;
                } else if (Scripts.isCjk(codePoint) && Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN) {
                    han++;
                }
            }
            i += Character.charCount(codePoint);
        }
        if (letters == 0) {
            return UNKNOWN;
        }
        if (han >= CHINESE_SHARE * letters) {
            return CHINESE;
        }
        return latin >= LATIN_SHARE * letters ? ENGLISH : UNKNOWN;
    }
}
