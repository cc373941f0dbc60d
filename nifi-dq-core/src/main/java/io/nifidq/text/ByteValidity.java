package io.nifidq.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.Locale;

/**
 * How much of a FlowFile's content is not text in a character set: the bytes a strict decoder rejects (malformed or
 * unmappable). A record reader replaces them with U+FFFD or takes the whole content for one header line, so the
 * damage is invisible in the records; counting the bytes is what tells random bytes, a binary file or a wrong
 * character set from text.
 *
 * @param bytes        the content's length
 * @param invalidBytes the bytes that are not valid in the character set
 */
public record ByteValidity(long bytes, long invalidBytes) {

    private static final int BUFFER = 64 * 1024;

    /** Reads {@code in} to its end and counts the bytes that {@code charset} cannot decode. Does not close {@code in}. */
    public static ByteValidity of(final InputStream in, final Charset charset) throws IOException {
        final CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        final ByteBuffer bytes = ByteBuffer.allocate(BUFFER);
        final CharBuffer chars = CharBuffer.allocate(BUFFER);
        long total = 0;
        long invalid = 0;
        int read;
        while ((read = in.read(bytes.array(), bytes.position(), bytes.remaining())) != -1) {
            total += read;
            bytes.position(bytes.position() + read);
            bytes.flip();
            invalid += decode(decoder, bytes, chars, false);
            bytes.compact();
        }
        bytes.flip();
        invalid += decode(decoder, bytes, chars, true);
        // A sequence cut off by the end of the content is invalid too.
        invalid += bytes.remaining();
        return new ByteValidity(total, invalid);
    }

    /** Decodes what {@code bytes} holds, skipping and counting invalid sequences; leaves an incomplete tail in place. */
    private static long decode(final CharsetDecoder decoder, final ByteBuffer bytes, final CharBuffer chars, final boolean endOfInput) {
        long invalid = 0;
        while (true) {
            final CoderResult result = decoder.decode(bytes, chars, endOfInput);
            chars.clear();
            if (result.isError()) {
                invalid += result.length();
                bytes.position(bytes.position() + result.length());
            } else if (result.isUnderflow()) {
                return invalid;
            }
        }
    }

    /** "113052 of the content's 204800 bytes (55.20%) are not valid UTF-8". */
    public String describe(final String charset) {
        return String.format(Locale.ROOT, "%d of the content's %d bytes (%.2f%%) are not valid %s", invalidBytes, bytes,
                100 * invalidShare(), charset);
    }

    /** invalidBytes / bytes; 0 for empty content. */
    public double invalidShare() {
        return bytes == 0 ? 0 : (double) invalidBytes / bytes;
    }
}
