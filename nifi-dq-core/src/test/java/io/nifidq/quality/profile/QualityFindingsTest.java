package io.nifidq.quality.profile;

import io.nifidq.text.ByteValidity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QualityFindingsTest {

    private static final ProfileSettings TEXT_AND_LABEL = ProfileSettings.defaults("text", "label");

    private static final List<String> WORDS = List.of("station", "dinner", "tomorrow", "train", "office", "weekend", "coffee",
            "meeting", "garden", "letter", "morning", "ticket", "doctor", "market", "river", "window", "family", "summer");
    private static final List<String> HAM_CUES = List.of("love", "home", "later", "mum");
    private static final List<String> SPAM_CUES = List.of("prize", "claim", "winner", "cash");

    /** Distinct, clean labelled texts whose words tell their class (ham, spam alternately): nothing to name. */
    private static List<RecordView> cleanRecords(final int count) {
        final SplittableRandom random = new SplittableRandom(7);
        final List<RecordView> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            final boolean ham = i % 2 == 0;
            final List<String> words = new ArrayList<>();
            for (int w = 0; w < 6; w++) {
                words.add(WORDS.get(random.nextInt(WORDS.size())));
            }
            final List<String> cues = ham ? HAM_CUES : SPAM_CUES;
            words.add(random.nextInt(words.size()), cues.get(random.nextInt(cues.size())));
            words.add(random.nextInt(words.size()), cues.get(random.nextInt(cues.size())));
            records.add(Records.of("text", String.join(" ", words) + " " + i, "label", ham ? "ham" : "spam"));
        }
        return records;
    }

    private static ProfileReport report(final List<RecordView> records) {
        return Records.profile(TEXT_AND_LABEL, records).report();
    }

    @Test
    void cleanDataIsNamedForNothing() {
        assertEquals(List.of(), report(cleanRecords(200)).findingNames());
    }

    @Test
    void contentWithBytesButNoRecordIsNamedNoRecordsWithItsSize() {
        final DatasetProfile profile = Records.profile(TEXT_AND_LABEL, List.of());
        profile.observeContent("UTF-8", new ByteValidity(204_800, 0));
        final ProfileReport report = profile.report();
        assertEquals(List.of("no_records"), report.findingNames());
        assertEquals("content in which the reader found no record (1: bytes but no record): 204800 bytes, no record",
                report.findings().getFirst().summary());
    }

    @Test
    void bytesThatAreNotTextInTheCharacterSetAreNamedInvalidBytes() {
        final DatasetProfile profile = Records.profile(TEXT_AND_LABEL, cleanRecords(200));
        profile.observeContent("UTF-8", new ByteValidity(10_000, 25));
        final ProfileReport report = profile.report();
        assertEquals(List.of("invalid_bytes"), report.findingNames());
        assertEquals(new ProfileReport.ContentReport("UTF-8", 10_000, 25, 0.0025), report.content());
        assertEquals(0.0025, report.findings().getFirst().value());
    }

    @Test
    void emptyContentAndTextWithoutInvalidBytesAreNamedForNothing() {
        final DatasetProfile empty = Records.profile(TEXT_AND_LABEL, List.of());
        empty.observeContent("UTF-8", new ByteValidity(0, 0));
        assertEquals(List.of(), empty.report().findingNames());
        final DatasetProfile clean = Records.profile(TEXT_AND_LABEL, cleanRecords(200));
        clean.observeContent("UTF-8", new ByteValidity(10_000, 0));
        assertEquals(List.of(), clean.report().findingNames());
    }

    @Test
    void eachProblemIsNamedByItsAbsoluteBoundWithoutABaseline() {
        final List<RecordView> records = cleanRecords(200);
        records.set(0, Records.of("text", "", "label", "ham"));
        records.set(1, Records.of("text", "  ", "label", "spam"));
        records.set(2, Records.of("text", "   ", "label", "ham"));
        records.add(records.get(10));
        records.add(records.get(11));
        records.add(records.get(12));
        records.set(20, Records.of("text", "Iâ€™m on the way home, see you at six", "label", "ham"));
        records.set(21, Records.of("text", "Tom &amp; Jerry tickets for tonight", "label", "spam"));
        records.set(22, Records.of("text", "ring me\u0007 when you are there", "label", "ham"));
        records.set(30, Records.of("text", "the respelled label of one record", "label", "HAM"));
        final ProfileReport report = report(records);
        assertEquals(List.of("empty_text", "exact_duplicates", "encoding_junk", "inconsistent_labels"), report.findingNames());
        final ProfileReport.Finding empty = report.findings().getFirst();
        assertEquals("completeness", empty.dimension());
        assertEquals(3 / 203.0, empty.value(), 1e-6);
        assertNull(empty.baseline());
        assertEquals(QualityFindings.Kind.EMPTY_TEXT.bound(), empty.limit());
    }

    @Test
    void againstABaselineOnlyWhatGotWorseIsNamed() {
        final List<RecordView> baselineRecords = cleanRecords(2_000);
        for (int i = 0; i < 100; i++) {
            baselineRecords.add(baselineRecords.get(i));
        }
        final BaselineSummary baseline = report(baselineRecords).baseline();
        assertEquals(100 / 2_100.0, baseline.findingMeasures().get("exact_duplicates"), 1e-6);

        final List<RecordView> sameShare = cleanRecords(2_000);
        for (int i = 0; i < 100; i++) {
            sameShare.add(sameShare.get(500 + i));
        }
        assertEquals(List.of("exact_duplicates"), report(sameShare).findingNames());
        assertEquals(List.of(), report(sameShare).withFindingsAgainst(baseline).findingNames());

        final List<RecordView> more = new ArrayList<>(sameShare);
        for (int i = 0; i < 100; i++) {
            more.add(more.get(1_000 + i));
        }
        final ProfileReport worse = report(more).withFindingsAgainst(baseline);
        assertEquals(List.of("exact_duplicates"), worse.findingNames());
        final ProfileReport.Finding finding = worse.findings().getFirst();
        assertEquals(100 / 2_100.0, finding.baseline(), 1e-6);
        // The limit is three standard errors of the difference above the baseline's share (more than the 0.005 margin).
        final double p = 100 / 2_100.0;
        assertEquals(p + 3 * Math.sqrt(p * (1 - p) * (1 / 2_200.0 + 1 / 2_100.0)), finding.limit(), 1e-6);
        assertTrue(finding.summary().contains("(baseline 4.76%)"), finding.summary());
    }

    @Test
    void aSmallBatchIsNotNamedForWhatChanceExplains() {
        final List<RecordView> baselineRecords = cleanRecords(2_000);
        for (int i = 0; i < 100; i++) {
            baselineRecords.add(baselineRecords.get(i));
        }
        final BaselineSummary baseline = report(baselineRecords).baseline();
        // 8 duplicates in 108 records: 7.4% against the baseline's 4.8%, within three standard errors of a batch this small.
        final List<RecordView> small = cleanRecords(100);
        for (int i = 0; i < 8; i++) {
            small.add(small.get(i));
        }
        assertEquals(List.of(), report(small).withFindingsAgainst(baseline).findingNames());
    }

    @Test
    void classImbalanceIsJudgedByItsRatioToTheBaselines() {
        final List<RecordView> balanced = cleanRecords(4_000);
        final BaselineSummary baseline = report(balanced).baseline();
        assertEquals(1.0, baseline.findingMeasures().get("class_imbalance"));
        // 2,000 ham to 1,900 spam: 1.05, within the factor 1.1; to 1,600 spam: 1.25, named.
        final List<RecordView> slightly = new ArrayList<>(balanced.subList(0, 3_800));
        assertEquals(List.of(), report(slightly).withFindingsAgainst(baseline).findingNames());
        final List<RecordView> thinned = new ArrayList<>(balanced);
        int dropped = 0;
        for (int i = thinned.size() - 1; i >= 0 && dropped < 400; i--) {
            if (i % 2 == 1) {
                thinned.remove(i);
                dropped++;
            }
        }
        assertEquals(List.of("class_imbalance"), report(thinned).withFindingsAgainst(baseline).findingNames());
    }

    @Test
    void encodingJunkIsCountedMarkByMarkSoItIsNamedWhereEveryTextAlreadyCarriedSome() {
        // Every text of the baseline and of both batches carries an entity: a share of texts with junk is 1.0 in each.
        final BaselineSummary baseline = report(withEntity(cleanRecords(2_000), 0)).baseline();
        final List<RecordView> alike = withEntity(cleanRecords(2_000), 0);
        final List<RecordView> mangled = withEntity(cleanRecords(2_000), 0);
        for (int i = 0; i < mangled.size(); i += 5) {
            final String text = (String) mangled.get(i).value("text");
            mangled.set(i, Records.of("text", text + " cafÃ© Â£5", "label", mangled.get(i).value("label")));
        }
        assertEquals(1.0, (double) report(mangled).text().encodingJunkTexts() / 2_000);
        assertEquals(List.of(), report(alike).withFindingsAgainst(baseline).findingNames());
        final ProfileReport worse = report(mangled).withFindingsAgainst(baseline);
        assertEquals(List.of("encoding_junk"), worse.findingNames());
        final ProfileReport.JunkMarks marks = report(mangled).text().junkMarks();
        assertEquals(2_000 + 2 * 400, marks.marks(), "an entity in each text, two mojibake sequences in every fifth");
    }

    @Test
    void aClean872RecordFileIsNotNamedForLabelNoiseAgainstA3000RecordBaselineOfTheSameSource() throws Exception {
        final java.nio.file.Path sst2 = io.nifidq.testing.SharedDatasets.file("sst2/split/train.csv").getParent();
        final List<RecordView> train = Records.csv(sst2.resolve("train.csv")).subList(0, 3_000);
        final List<RecordView> test = Records.csv(sst2.resolve("test.csv"));
        assertEquals(872, test.size());
        final ProfileReport small = report(test);
        final BaselineSummary baseline = report(train).baseline();
        assertTrue(small.labels().labelNoise().suspectedErrorRatio() > baseline.findingMeasures().get("label_noise") + 0.03,
                "a smaller sample's floor of suspects is higher: " + small.labels().labelNoise() + " against " + baseline.findingMeasures());
        assertEquals(List.of(), small.withFindingsAgainst(baseline).findingNames());

        final List<RecordView> flipped = new ArrayList<>(test);
        for (int i = 0; i < flipped.size(); i += 4) {
            final String label = (String) flipped.get(i).value("label");
            flipped.set(i, Records.of("text", flipped.get(i).value("text"), "label", "0".equals(label) ? "1" : "0"));
        }
        assertEquals(List.of("label_noise"), report(flipped).withFindingsAgainst(baseline).findingNames(), "a quarter flipped is still named");
    }

    /** The records with an HTML entity added to every text from the given one on. */
    private static List<RecordView> withEntity(final List<RecordView> records, final int from) {
        final List<RecordView> changed = new ArrayList<>(records);
        for (int i = from; i < changed.size(); i++) {
            changed.set(i, Records.of("text", changed.get(i).value("text") + " &amp; co", "label", changed.get(i).value("label")));
        }
        return changed;
    }

    @Test
    void exactCopiesAreNotNamedAsNearDuplicatesToo() {
        final List<RecordView> records = cleanRecords(200);
        for (int i = 0; i < 20; i++) {
            records.add(records.get(i));
        }
        assertEquals(20, report(records).duplicates().nearDuplicates().records());
        assertEquals(List.of("exact_duplicates"), report(records).findingNames());
    }

    @Test
    void emptyTextsAreNotCountedAsDuplicatesOfEachOther() {
        final List<RecordView> records = cleanRecords(100);
        for (int i = 0; i < 10; i++) {
            records.add(Records.of("text", i % 2 == 0 ? "" : " ", "label", "ham"));
        }
        final ProfileReport report = report(records);
        assertEquals(0, report.duplicates().exactDuplicates());
        assertEquals(List.of("empty_text"), report.findingNames());
    }

    @Test
    void aBaselineWithoutMeasuresFallsBackToTheBounds() {
        final List<RecordView> records = cleanRecords(200);
        records.add(records.get(0));
        records.add(records.get(1));
        records.add(records.get(2));
        assertEquals(List.of("exact_duplicates"), report(records).withFindingsAgainst(null).findingNames());
        final BaselineSummary written = report(records).baseline();
        final BaselineSummary older = new BaselineSummary(written.recordCount(), written.fields(), written.numeric(), written.categorical(),
                written.labels(), null);
        assertEquals(List.of("exact_duplicates"), report(records).withFindingsAgainst(older).findingNames());
    }
}
