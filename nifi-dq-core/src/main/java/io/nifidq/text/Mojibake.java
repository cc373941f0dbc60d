package io.nifidq.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text that went through the wrong decoder: UTF-8 bytes decoded as Latin-1 or Windows-1252
 * ("cafÃ©", "donâ€™t"), and Windows-1252 punctuation decoded as Latin-1 (U+0092 where ’ was meant).
 * Detection and repair work sequence by sequence, so one text may mix repaired and correct characters.
 */
public final class Mojibake {

    /** The characters Windows-1252 puts at bytes 0x80-0x9F, in byte order; '\0' where the byte is undefined. */
    private static final String CP1252_HIGH = "\u20ac\0\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\0\u017d\0"
            + "\0\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\0\u017e\u0178";

    private Mojibake() {
    }

    /** True when the character at leadIndex is a UTF-8 lead byte seen as Latin-1 (Ã, â...) followed by its continuation bytes. */
    public static boolean startsUtf8ReadAsLatin1(final CharSequence text, final int leadIndex) {
        return sequenceLength(text, leadIndex) > 0;
    }

    /** True when the text holds at least one such sequence. */
    public static boolean containsUtf8ReadAsLatin1(final CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c >= 0xc2 && c <= 0xf4 && sequenceLength(text, i) > 0) {
                return true;
            }
        }
        return false;
    }

    /** Decodes each mojibake sequence back to the character its bytes meant; other characters are left alone. */
    public static String repairUtf8ReadAsLatin1(final String text) {
        StringBuilder repaired = null;
        int copiedUpTo = 0;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c < 0xc2 || c > 0xf4) {
                continue;
            }
            final int length = sequenceLength(text, i);
            if (length == 0) {
                continue;
            }
            final String decoded = decodeUtf8(text, i, length);
            if (decoded != null) {
                if (repaired == null) {
                    repaired = new StringBuilder(text.length());
                }
                repaired.append(text, copiedUpTo, i).append(decoded);
                copiedUpTo = i + length;
                i += length - 1;
            }
        }
        return repaired == null ? text : repaired.append(text, copiedUpTo, text.length()).toString();
    }

    /** True when the text holds a C1 control character (U+0080-U+009F). */
    public static boolean containsC1Control(final CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80 && text.charAt(i) <= 0x9f) {
                return true;
            }
        }
        return false;
    }

    /** Replaces C1 control characters with the Windows-1252 characters of the same byte (U+0092 becomes ’); undefined bytes stay. */
    public static String repairC1Controls(final String text) {
        if (!containsC1Control(text)) {
            return text;
        }
        final StringBuilder repaired = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            final char meant = c >= 0x80 && c <= 0x9f ? CP1252_HIGH.charAt(c - 0x80) : 0;
            repaired.append(meant == 0 ? c : meant);
        }
        return repaired.toString();
    }

    private static int sequenceLength(final CharSequence text, final int leadIndex) {
        final char lead = text.charAt(leadIndex);
        if (lead < 0xc2 || lead > 0xf4) {
            return 0;
        }
        final int continuations = lead <= 0xdf ? 1 : lead <= 0xef ? 2 : 3;
        if (leadIndex + continuations >= text.length()) {
            return 0;
        }
        for (int k = 1; k <= continuations; k++) {
            if (byteOf(text.charAt(leadIndex + k)) < 0) {
                return 0;
            }
        }
        return continuations + 1;
    }

    /** The continuation byte (0x80-0xBF) a character stands for when read as Latin-1 or Windows-1252, else -1. */
    private static int byteOf(final char c) {
        if (c >= 0x80 && c <= 0xbf) {
            return c;
        }
        final int index = c == 0 ? -1 : CP1252_HIGH.indexOf(c);
        return index < 0 ? -1 : 0x80 + index;
    }

    private static String decodeUtf8(final CharSequence text, final int start, final int length) {
        final byte[] bytes = new byte[length];
        bytes[0] = (byte) text.charAt(start);
        for (int k = 1; k < length; k++) {
            bytes[k] = (byte) byteOf(text.charAt(start + k));
        }
        final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            final CharBuffer decoded = decoder.decode(ByteBuffer.wrap(bytes));
            return decoded.toString();
        } catch (final CharacterCodingException e) {
            return null;
        }
    }

}
