package io.nifidq.quality.profile;

import io.nifidq.quality.profile.ProfileReport.LabelReport;
import io.nifidq.quality.profile.ProfileReport.TextReport;
import io.nifidq.quality.profile.ProfileReport.ValueCount;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextAndLabelProfileTest {

    private static final ProfileSettings TEXT_AND_LABEL = ProfileSettings.defaults("text", "label");

    private static TextReport text(final String... texts) {
        final List<RecordView> records = new ArrayList<>();
        for (final String text : texts) {
            records.add(Records.of("text", text, "label", "x"));
        }
        return Records.profile(TEXT_AND_LABEL, records).report().text();
    }

    private static LabelReport labels(final String... textsAndLabels) {
        final List<RecordView> records = new ArrayList<>();
        for (int i = 0; i < textsAndLabels.length; i += 2) {
            records.add(Records.of("text", textsAndLabels[i], "label", textsAndLabels[i + 1]));
        }
        return Records.profile(TEXT_AND_LABEL, records).report().labels();
    }

    @Test
    void eachKindOfTextNoiseIsCountedOncePerText() {
        final TextReport t = text(
                "clean text here",
                "bell\u0007 and\u0007 again",
                "it\u0092s cp1252 punctuation read as Latin-1",
                "broken \ufffd byte",
                "caf\u00c3\u00a9 is UTF-8 read as Latin-1",
                "don\u00e2\u20ac\u2122t is UTF-8 read as cp1252",
                "5 &lt; 6 &amp;&amp; more",
                "<b>bold</b> move",
                "ok",
                "",
                "x".repeat(5001));
        assertEquals(11, t.texts());
        assertEquals(1, t.empty());
        assertEquals(1, t.veryShort());
        assertEquals(1, t.veryLong());
        assertEquals(2, t.controlCharacters());
        assertEquals(1, t.c1ControlCharacters());
        assertEquals(1, t.replacementCharacters());
        assertEquals(2, t.mojibake());
        assertEquals(1, t.htmlEntities());
        assertEquals(1, t.htmlTags());
        assertEquals(9, t.noisyTexts());
    }

    @Test
    void ordinaryAccentsAndPunctuationAreNotMojibake() {
        final TextReport t = text("Café crème à la française", "Señor Müller’s “quotes” — fine", "£250 for 3 nights");
        assertEquals(0, t.mojibake());
        assertEquals(0, t.noisyTexts());
    }

    @Test
    void tokensAndScriptShares() {
        final TextReport t = text("Hello big world", "房间很好");
        assertEquals(7, t.tokens().total());
        assertEquals(3, t.tokens().min());
        assertEquals(4, t.tokens().max());
        assertEquals(3.5, t.tokens().mean());
        assertEquals(13 / 17.0, t.latinShare(), 1e-6);
        assertEquals(4 / 17.0, t.cjkShare(), 1e-6);
    }

    @Test
    void classCountsImbalanceAndEntropy() {
        final LabelReport l = labels("a", "ham", "b", "ham", "c", "ham", "d", "spam", "e", null);
        assertEquals(4, l.labelled());
        assertEquals(1, l.missing());
        assertEquals(2, l.classCount());
        assertEquals(List.of(new ValueCount("ham", 3), new ValueCount("spam", 1)), l.classes());
        assertEquals(3.0, l.imbalanceRatio());
        // -(0.75 ln 0.75 + 0.25 ln 0.25) / ln 2
        assertEquals(0.811278, l.normalizedEntropy());
    }

    @Test
    void spellingVariantsOfOneLabelAreOneClass() {
        final LabelReport l = labels("a", "spam", "b", " Spam", "c", "SPAM", "d", "spam", "e", "ham");
        assertEquals(2, l.classCount());
        assertEquals(new ValueCount("spam", 4), l.classes().getFirst());
        assertEquals(1, l.spellingVariants().size());
        assertEquals("spam", l.spellingVariants().getFirst().canonical());
        assertEquals(3, l.spellingVariants().getFirst().spellings().size());
        assertEquals(2, l.variantRecords());
    }

    @Test
    void identicalTextsWithDifferentLabelsAreConflicts() {
        final LabelReport l = labels("win cash now", "spam", "win cash now", "ham", "win cash now", "spam", "hello", "ham",
                "hello", "HAM", "bye", "ham");
        assertEquals(1, l.conflictingTexts());
        assertEquals(3, l.conflictingRecords());
    }

    @Test
    void aSingleClassHasNoEntropy() {
        final LabelReport l = labels("a", "x", "b", "x");
        assertEquals(1, l.classCount());
        assertEquals(0.0, l.normalizedEntropy());
        assertEquals(1.0, l.imbalanceRatio());
    }

}
