package io.nifidq.processors.common;

import java.util.Random;

/** Content that is not records, as dropped into the example flows in issue 18. */
public final class JunkContent {

    public static final int SIZE = 200 * 1024;

    private JunkContent() {
    }

    /** 200 KB of random bytes, the same in every test (seeded). NiFi's CSVReader fails on their stray quotes. */
    public static byte[] randomBytes() {
        final byte[] bytes = new byte[SIZE];
        new Random(18).nextBytes(bytes);
        return bytes;
    }

    /**
     * The same random bytes with line breaks, quotes and commas moved to the upper half of the byte range: NiFi's
     * CSVReader takes all of them for one header field and finds no record, as it did in the issue.
     */
    public static byte[] randomBytesOnOneLine() {
        final byte[] bytes = randomBytes();
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r' || bytes[i] == '"' || bytes[i] == ',') {
                bytes[i] = (byte) (bytes[i] | 0x80);
            }
        }
        return bytes;
    }
}
