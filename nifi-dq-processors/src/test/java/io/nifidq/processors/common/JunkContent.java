package io.nifidq.processors.common;

import org.apache.nifi.processor.Relationship;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;

import java.io.IOException;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * Runs the processor on {@link #randomBytes()} and checks that they went, unchanged and alone, to failure with the
     * share of invalid bytes as the reason.
     */
    public static void assertRandomBytesGoUnchangedToFailure(final TestRunner runner, final Relationship failure)
            throws IOException {
        final String reason = assertGoesUnchangedToFailure(runner, failure, randomBytes()).getAttribute("dq.error");
        assertTrue(reason.matches("\\d+ of the content's 204800 bytes \\(\\d+\\.\\d\\d%\\) are not valid UTF-8, more than the 1.00% "
                + "allowed: random or binary bytes, or a different character set"), reason);
    }

    /** Sets the processor's Character Set to ${charset} and runs the bytes twice: declared UTF-8, then ISO-8859-1. */
    public static void runDeclaredUtf8ThenLatin1(final TestRunner runner, final byte[] content) {
        runner.setProperty("Character Set", "${charset}");
        runner.enqueue(content, Map.of("charset", "UTF-8"));
        runner.enqueue(content, Map.of("charset", "ISO-8859-1"));
        runner.run(2);
    }

    /** Runs the processor on the content and checks that it went, unchanged and alone, to failure; returns it there. */
    public static MockFlowFile assertGoesUnchangedToFailure(final TestRunner runner, final Relationship failure, final byte[] content)
            throws IOException {
        runner.enqueue(content);
        runner.run();
        runner.assertAllFlowFilesTransferred(failure, 1);
        final MockFlowFile failed = runner.getFlowFilesForRelationship(failure).getFirst();
        failed.assertContentEquals(content);
        return failed;
    }
}
