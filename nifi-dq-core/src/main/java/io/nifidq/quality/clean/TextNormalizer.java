package io.nifidq.quality.clean;

import io.nifidq.text.Mojibake;
import org.apache.commons.text.StringEscapeUtils;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Repairs string values and counts, per step, how many values each step changed. */
public final class TextNormalizer {

    private static final Pattern HTML_TAG = Pattern.compile("</?[a-zA-Z][a-zA-Z0-9]*(?:\\s[^<>]*)?/?>");

    private final TextNormalization settings;
    private final CleaningCounts counts;

    public TextNormalizer(final TextNormalization settings, final CleaningCounts counts) {
        this.settings = settings;
        this.counts = counts;
    }

    /** The repaired value; unchanged when no step applies. */
    public String normalize(final String value) {
        if (isPlainAscii(value)) {
            // Only the whitespace and case steps can change printable ASCII without HTML markers.
            String text = value;
            if (settings.normalizeWhitespace()) {
                text = step(CleaningCounts.WHITESPACE_NORMALIZED, text, normalizeWhitespace(text));
            }
            if (settings.lowerCase()) {
                text = step(CleaningCounts.LOWER_CASED, text, text.toLowerCase(Locale.ROOT));
            }
            return text;
        }
        String text = value;
        if (settings.repairMojibake()) {
            text = step(CleaningCounts.MOJIBAKE_REPAIRED, text, Mojibake.repairC1Controls(Mojibake.repairUtf8ReadAsLatin1(text)));
        }
        if (settings.decodeHtmlEntities() && text.indexOf('&') >= 0) {
            text = step(CleaningCounts.HTML_ENTITIES_DECODED, text, StringEscapeUtils.unescapeHtml4(text));
        }
        if (settings.stripHtmlTags() && text.indexOf('<') >= 0) {
            text = step(CleaningCounts.HTML_TAGS_STRIPPED, text, HTML_TAG.matcher(text).replaceAll(" "));
        }
        if (settings.unicodeNfkc() && !Normalizer.isNormalized(text, Normalizer.Form.NFKC)) {
            text = step(CleaningCounts.UNICODE_NORMALIZED, text, Normalizer.normalize(text, Normalizer.Form.NFKC));
        }
        if (settings.removeControlCharacters()) {
            text = step(CleaningCounts.CONTROL_CHARACTERS_REMOVED, text, removeControlCharacters(text));
        }
        if (settings.normalizeWhitespace()) {
            text = step(CleaningCounts.WHITESPACE_NORMALIZED, text, normalizeWhitespace(text));
        }
        if (settings.lowerCase()) {
            text = step(CleaningCounts.LOWER_CASED, text, text.toLowerCase(Locale.ROOT));
        }
        return text;
    }

    /** Printable ASCII without the markers of the HTML steps: no mojibake, control character or NFKC change is possible. */
    private boolean isPlainAscii(final String value) {
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e || (c == '&' && settings.decodeHtmlEntities()) || (c == '<' && settings.stripHtmlTags())) {
                return false;
            }
        }
        return true;
    }

    private String step(final String counter, final String before, final String after) {
        if (!after.equals(before)) {
            counts.increment(counter);
        }
        return after;
    }

    /** Removes C0 controls other than tab and line breaks, DEL, and C1 controls. */
    static String removeControlCharacters(final String text) {
        StringBuilder kept = null;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            final boolean control = c < 0x20 ? c != '\t' && c != '\n' && c != '\r' : c == 0x7f || (c >= 0x80 && c <= 0x9f);
            if (control && kept == null) {
                kept = new StringBuilder(text.length()).append(text, 0, i);
            } else if (!control && kept != null) {
                kept.append(c);
            }
        }
        return kept == null ? text : kept.toString();
    }

    /** True when no whitespace surrounds the text and every gap is one plain space. */
    private static boolean hasNormalWhitespace(final String text) {
        boolean previousSpace = true;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            final boolean space = c == ' ';
            if (space && previousSpace) {
                return false;
            }
            final boolean otherWhitespace = c < 0x80 ? c < 0x20 && Character.isWhitespace(c) : isUnicodeSpace(c);
            if (!space && otherWhitespace) {
                return false;
            }
            previousSpace = space;
        }
        return !previousSpace || text.isEmpty();
    }

    private static boolean isUnicodeSpace(final char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** Trims, and turns every run of whitespace (line breaks included) into one space. */
    static String normalizeWhitespace(final String text) {
        if (hasNormalWhitespace(text)) {
            return text;
        }
        final StringBuilder out = new StringBuilder(text.length());
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                pendingSpace = !out.isEmpty();
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
