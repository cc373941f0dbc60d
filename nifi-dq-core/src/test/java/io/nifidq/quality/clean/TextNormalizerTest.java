package io.nifidq.quality.clean;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextNormalizerTest {

    private final CleaningCounts counts = new CleaningCounts();
    private final TextNormalizer normalizer = new TextNormalizer(TextNormalization.DEFAULT, counts);

    @Test
    void eachRepairIsCountedOncePerChangedValue() {
        assertEquals("café & crème", normalizer.normalize("  caf\u00c3\u00a9 &amp; cr\u00c3\u00a8me "));
        assertEquals(1, counts.get(CleaningCounts.MOJIBAKE_REPAIRED));
        assertEquals(1, counts.get(CleaningCounts.HTML_ENTITIES_DECODED));
        assertEquals(1, counts.get(CleaningCounts.WHITESPACE_NORMALIZED));
        assertEquals(0, counts.get(CleaningCounts.HTML_TAGS_STRIPPED));
    }

    @Test
    void fullWidthChineseTextBecomesHalfWidthUnderNfkc() {
        assertEquals("房间很好,WiFi 123!", normalizer.normalize("房间很好，ＷｉＦｉ　１２３！"));
        assertEquals(1, counts.get(CleaningCounts.UNICODE_NORMALIZED));
    }

    @Test
    void tagsBecomeSpacesAndControlCharactersGo() {
        assertEquals("bold move", normalizer.normalize("<b>bold</b>move\u0000"));
        assertEquals(1, counts.get(CleaningCounts.CONTROL_CHARACTERS_REMOVED));
    }

    @Test
    void cleanTextIsReturnedAsItIsAndCountsNothing() {
        final String text = "Nothing to repair here.";
        assertEquals(text, normalizer.normalize(text));
        assertEquals(0, counts.nonZero().size());
    }

    @Test
    void noRepairsMeansNoChanges() {
        final TextNormalizer none = new TextNormalizer(TextNormalization.NONE, counts);
        assertEquals("  caf\u00c3\u00a9 &amp; ", none.normalize("  caf\u00c3\u00a9 &amp; "));
    }
}
