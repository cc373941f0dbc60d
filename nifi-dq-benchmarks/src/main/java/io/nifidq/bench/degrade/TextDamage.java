package io.nifidq.bench.degrade;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.util.SplittableRandom;

/** The text edits of the corruptions; every method is a pure function of its arguments and the random source. */
final class TextDamage {

    private static final Charset CP1252 = Charset.forName("windows-1252");

    /** Control characters that are neither tab nor a line break: C0 (U+0001-U+001F without \t \n \r) and C1 (U+0080-U+009F). */
    private static final char[] CONTROLS = buildControls();

    private TextDamage() {
    }

    /**
     * The text's UTF-8 bytes decoded as windows-1252, the classic mojibake ("it’s" becomes "itâ€™s"). A pure ASCII text
     * would come out unchanged, so its first apostrophe is first made typographic (U+2019), or, without one, an
     * ellipsis (U+2026) is appended. Bytes that windows-1252 leaves undefined become U+FFFD.
     */
    static String mojibake(final String text) {
        String source = text;
        if (source.chars().allMatch(c -> c < 0x80)) {
            final int apostrophe = source.indexOf('\'');
            source = apostrophe >= 0
                    ? source.substring(0, apostrophe) + '\u2019' + source.substring(apostrophe + 1)
                    : source + " \u2026";
        }
        try {
            return CP1252.newDecoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(source.getBytes(StandardCharsets.UTF_8))).toString();
        } catch (final CharacterCodingException e) {
            throw new IllegalStateException("REPLACE never throws", e);
        }
    }

    /** One to three control characters inserted at random positions. */
    static String controlChars(final String text, final SplittableRandom random) {
        final StringBuilder result = new StringBuilder(text);
        final int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            result.insert(random.nextInt(result.length() + 1), CONTROLS[random.nextInt(CONTROLS.length)]);
        }
        return result.toString();
    }

    /**
     * The characters {@code & < > " '} written as HTML entities; a text without them gets one space as {@code &nbsp;}, or,
     * without a space either (Chinese), {@code &nbsp;} appended. The result always differs from the text.
     */
    static String htmlEntities(final String text) {
        final StringBuilder result = new StringBuilder(text.length() + 16);
        boolean changed = false;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            final String entity = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (entity == null) {
                result.append(c);
            } else {
                result.append(entity);
                changed = true;
            }
        }
        if (!changed) {
            final int space = result.indexOf(" ");
            if (space >= 0) {
                result.replace(space, space + 1, "&nbsp;");
            } else {
                result.append("&nbsp;");
            }
        }
        return result.toString();
    }

    /**
     * One or two small edits: two neighbouring characters swapped, one dropped, one doubled, or the case of a letter
     * changed. The result always differs from the text (a final "!" is appended when the edits cancelled out).
     */
    static String nearDuplicate(final String text, final SplittableRandom random) {
        final StringBuilder result = new StringBuilder(text);
        final int edits = 1 + random.nextInt(2);
        for (int e = 0; e < edits && result.length() >= 2; e++) {
            final int at = random.nextInt(result.length() - 1);
            switch (random.nextInt(4)) {
                case 0 -> {
                    final char c = result.charAt(at);
                    result.setCharAt(at, result.charAt(at + 1));
                    result.setCharAt(at + 1, c);
                }
                case 1 -> result.deleteCharAt(at);
                case 2 -> result.insert(at, result.charAt(at));
                default -> {
                    final char c = result.charAt(at);
                    result.setCharAt(at, Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
                }
            }
        }
        if (result.toString().equals(text)) {
            result.append('!');
        }
        return result.toString();
    }

    private static char[] buildControls() {
        final StringBuilder controls = new StringBuilder();
        for (char c = 0x01; c <= 0x1F; c++) {
            if (c != '\t' && c != '\n' && c != '\r') {
                controls.append(c);
            }
        }
        for (char c = 0x80; c <= 0x9F; c++) {
            controls.append(c);
        }
        return controls.toString().toCharArray();
    }
}
