package io.nifidq.quality.report;

import java.util.Locale;

/**
 * Writes XHTML: every element is closed and every text and attribute value escaped, so that the page is well-formed XML
 * whatever the records hold ({@code <script>}, control characters, lone surrogates). Figures carry the JSON pointer of
 * the report value they show ({@code data-json}) and that value as the JSON writes it ({@code data-value}).
 */
final class Xhtml {

    private final StringBuilder out = new StringBuilder(64 * 1024);

    /** Opens an element; attributes are name, value pairs (a null value leaves the attribute out). */
    Xhtml open(final String tag, final String... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append('>');
        return this;
    }

    Xhtml close(final String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** An element with no content, self-closed. */
    Xhtml empty(final String tag, final String... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append("/>");
        return this;
    }

    /** An element holding only text. */
    Xhtml element(final String tag, final String text, final String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    Xhtml text(final String text) {
        out.append(escape(text == null ? "" : text));
        return this;
    }

    /** A report figure: the value shown as people read it, the JSON pointer and raw value for whoever checks it. */
    Xhtml figure(final String jsonPointer, final Number value, final String shown) {
        return element("span", shown, "class", "figure", "data-json", jsonPointer, "data-value", value == null ? "null" : raw(value));
    }

    /** A figure shown as it is: counts as integers, ratios and scores with at most three decimals. */
    Xhtml figure(final String jsonPointer, final Number value) {
        return figure(jsonPointer, value, value == null ? "-" : number(value));
    }

    /** Plain text as the CSS of a style element (which must not hold markup: the caller's constant). */
    Xhtml style(final String css) {
        out.append("<style>").append(css).append("</style>");
        return this;
    }

    private void attributes(final String... attributes) {
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                out.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
            }
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** The value as Jackson writes it into the JSON report: integers plain, doubles in Java's shortest form. */
    static String raw(final Number value) {
        return value instanceof Double || value instanceof Float ? Double.toString(value.doubleValue()) : value.toString();
    }

    /** Counts with thousands separators; other numbers with at most three decimals. */
    static String number(final Number value) {
        if (value instanceof Long || value instanceof Integer) {
            return String.format(Locale.ROOT, "%,d", value.longValue());
        }
        final double d = value.doubleValue();
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) d);
        }
        return String.format(Locale.ROOT, "%.3f", d).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    static String percent(final double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * ratio);
    }

    /**
     * Escapes markup and replaces what XML 1.0 cannot hold: C0 control characters become their visible Control Pictures
     * (U+2400 block), lone surrogates and U+FFFE/U+FFFF become U+FFFD.
     */
    static String escape(final String text) {
        final StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        escaped.append((char) (0x2400 + c));
                    } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                        escaped.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c) || c == '\ufffe' || c == '\uffff') {
                        escaped.append('\ufffd');
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
