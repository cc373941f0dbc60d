package io.nifidq.quality.clean;

/**
 * Which repairs {@link TextNormalizer} applies to string values, in this order: mojibake, C1 controls
 * (as Windows-1252), HTML entities, HTML tags, Unicode NFKC, control characters, whitespace, lower case.
 */
public record TextNormalization(boolean repairMojibake, boolean decodeHtmlEntities, boolean stripHtmlTags, boolean unicodeNfkc,
                                boolean removeControlCharacters, boolean normalizeWhitespace, boolean lowerCase) {

    public static final TextNormalization NONE = new TextNormalization(false, false, false, false, false, false, false);
    /** Every repair but lower-casing, which changes meaning for some models and is asked for explicitly. */
    public static final TextNormalization DEFAULT = new TextNormalization(true, true, true, true, true, true, false);

    public boolean isNone() {
        return equals(NONE);
    }
}
