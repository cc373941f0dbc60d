package io.nifidq.text;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ByteValidityTest {

    @Test
    void textInItsOwnCharacterSetHasNoInvalidBytes() throws IOException {
        final byte[] text = "text,label\ncafé ☕,其他\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(new ByteValidity(text.length, 0), check(text, StandardCharsets.UTF_8));
    }

    @Test
    void eachByteThatIsNoUtf8SequenceCountsOnce() throws IOException {
        // 0xff never occurs in UTF-8; 0xc3 opens a two-byte sequence that 'x' does not continue.
        final byte[] content = {'a', (byte) 0xff, 'b', (byte) 0xc3, 'x', (byte) 0xff};
        assertEquals(new ByteValidity(6, 3), check(content, StandardCharsets.UTF_8));
    }

    @Test
    void aSequenceCutOffByTheEndOfTheContentIsInvalid() throws IOException {
        final byte[] content = {'a', 'b', (byte) 0xe2, (byte) 0x82};
        assertEquals(new ByteValidity(4, 2), check(content, StandardCharsets.UTF_8));
    }

    @Test
    void aSequenceSplitAcrossReadBuffersIsValid() throws IOException {
        final StringBuilder text = new StringBuilder();
        while (text.length() < 200_000) {
            text.append("€ and 中文 ");
        }
        final byte[] content = text.toString().getBytes(StandardCharsets.UTF_8);
        assertEquals(0, check(content, StandardCharsets.UTF_8).invalidBytes());
    }

    @Test
    void randomBytesAreMostlyInvalidUtf8() throws IOException {
        final byte[] random = new byte[200 * 1024];
        new Random(7).nextBytes(random);
        final ByteValidity validity = check(random, StandardCharsets.UTF_8);
        assertEquals(random.length, validity.bytes());
        assertTrue(validity.invalidShare() > 0.3, "invalid share " + validity.invalidShare());
    }

    @Test
    void latin1AcceptsEveryByte() throws IOException {
        final byte[] random = new byte[4096];
        new Random(7).nextBytes(random);
        assertEquals(0, check(random, StandardCharsets.ISO_8859_1).invalidBytes());
    }

    @Test
    void describesItsCountsInWords() {
        assertEquals("3 of the content's 6 bytes (50.00%) are not valid UTF-8", new ByteValidity(6, 3).describe("UTF-8"));
    }

    @Test
    void emptyContentHasAnInvalidShareOfZero() throws IOException {
        assertEquals(0.0, check(new byte[0], StandardCharsets.UTF_8).invalidShare());
    }

    private static ByteValidity check(final byte[] content, final Charset charset) throws IOException {
        return ByteValidity.of(new ByteArrayInputStream(content), charset);
    }
}
