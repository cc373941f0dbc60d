package io.nifidq.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ContentCheckTest {

    private static final ContentCheck ONE_PERCENT = new ContentCheck(0.01);

    @Test
    void contentWithinTheInvalidShareIsAccepted() {
        assertNull(ONE_PERCENT.refuseBytes("UTF-8", new ByteValidity(1000, 10)));
        assertNull(ONE_PERCENT.refuseBytes("UTF-8", new ByteValidity(0, 0)));
    }

    @Test
    void contentOverTheInvalidShareIsRefusedWithTheCountsAndTheCharacterSet() {
        assertEquals("11 of the content's 1000 bytes (1.10%) are not valid UTF-8, more than the 1.00% allowed: random or binary "
                + "bytes, or a different character set", ONE_PERCENT.refuseBytes("UTF-8", new ByteValidity(1000, 11)));
    }

    @Test
    void aShareOfOneAcceptsAnyBytes() {
        assertNull(new ContentCheck(1.0).refuseBytes("UTF-8", new ByteValidity(10, 10)));
    }

    @Test
    void bytesWithoutARecordAreRefusedButEmptyContentIsNot() {
        assertEquals("5 bytes of content but no record: the reader found none (not data in the reader's format, or only a header)",
                ContentCheck.refuseNoRecords(5, 0));
        assertNull(ContentCheck.refuseNoRecords(5, 1));
        assertNull(ContentCheck.refuseNoRecords(0, 0));
    }

    @Test
    void anInvalidShareOutsideZeroToOneIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> new ContentCheck(1.5));
        assertThrows(IllegalArgumentException.class, () -> new ContentCheck(Double.NaN));
    }
}
