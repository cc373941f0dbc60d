package io.nifidq.processors.augment;

import io.nifidq.processors.augment.AugmentChoices.AugmentationModeChoice;
import io.nifidq.processors.augment.AugmentChoices.LanguageChoice;
import io.nifidq.processors.augment.AugmentChoices.OperationsPerCopyChoice;
import io.nifidq.processors.augment.AugmentChoices.SegmenterChoice;
import io.nifidq.processors.common.JunkContent;
import io.nifidq.processors.common.TestReaders;
import org.apache.nifi.provenance.ProvenanceEventType;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AugmentTextTest {

    private TestRunner runner;

    @BeforeEach
    void setUp() throws Exception {
        runner = newRunner();
    }

    private static TestRunner newRunner() throws Exception {
        final TestRunner runner = TestReaders.csvRunner(AugmentText.class);
        runner.setProperty(AugmentProperties.TEXT_FIELD, "text");
        return runner;
    }

    /** Runs one FlowFile that must succeed; checks records out = records in + copies generated. */
    private MockFlowFile augment(final TestRunner runner, final String content) {
        runner.enqueue(content);
        runner.run();
        runner.assertAllFlowFilesTransferred(AugmentText.REL_SUCCESS, 1);
        final MockFlowFile out = runner.getFlowFilesForRelationship(AugmentText.REL_SUCCESS).getFirst();
        assertEquals(Long.parseLong(out.getAttribute("dq.records.in")) + Long.parseLong(out.getAttribute("dq.augment.generated")),
                Long.parseLong(out.getAttribute("record.count")), "records out = records in + copies");
        return out;
    }

    /** A count attribute, 0 when absent (operation counts are written only above zero). */
    private static long count(final MockFlowFile flowFile, final String attribute) {
        final String value = flowFile.getAttribute(attribute);
        return value == null ? 0 : Long.parseLong(value);
    }

    @Test
    void eachRecordIsFollowedByItsMarkedCopies() {
        runner.setProperty(AugmentProperties.COPIES_PER_RECORD, "2");
        final MockFlowFile out = augment(runner, """
                id,text
                a,The hotel staff were friendly and the room was clean.
                b,Terrible service: we waited 45 minutes for a table!
                """);
        out.assertContentEquals("""
                id,text,dq_augmented,dq_source_index
                a,The hotel staff were friendly and the room was clean.,false,0
                a,The staff were friendly and the room was clean.,true,0
                a,The hotel staff were friendly and the way was clean.,true,0
                b,Terrible service: we waited 45 minutes for a table!,false,1
                b,Dread service: we waited 45 minutes for a table!,true,1
                b,Terrible service: we painful waited 45 minutes for a table!,true,1
                """);
        out.assertAttributeEquals("record.count", "6");
        out.assertAttributeEquals("dq.augment.generated", "4");
        out.assertAttributeEquals("dq.augment.unchanged", "0");
        out.assertAttributeEquals("dq.augment.language.english", "2");
        out.assertAttributeEquals("mime.type", "text/csv");
        assertEquals(4, runner.getCounterValue("Augmented Records Generated"));
        assertTrue(runner.getProvenanceEvents().stream().anyMatch(e -> e.getEventType() == ProvenanceEventType.CONTENT_MODIFIED));
    }

    @Test
    void theSameInputAndSeedGiveTheSameBytesAndAnotherSeedDoesNot() throws Exception {
        final String csv = "text\nThe quick brown fox jumps over the lazy dog near the river.\nPrices rose 3% in March, analysts said.\n";
        final String first = augment(runner, csv).getContent();
        final TestRunner again = newRunner();
        assertEquals(first, augment(again, csv).getContent());
        final TestRunner otherSeed = newRunner();
        otherSeed.setProperty(AugmentProperties.RANDOM_SEED, "43");
        assertNotEquals(first, augment(otherSeed, csv).getContent());
    }

    @Test
    void rebalancingRaisesEachMinorityClassToTheTargetShare() {
        runner.setProperty(AugmentProperties.LABEL_FIELD, "label");
        runner.setProperty(AugmentProperties.MODE, AugmentationModeChoice.REBALANCE.getValue());
        final MockFlowFile out = augment(runner, """
                text,label
                Win a free cruise now,spam
                See you at six tonight,ham
                The meeting moved to Monday,ham
                Can you send the report,ham
                Lunch is on me today,ham
                Call me when you land,ham
                ,ham
                Claim your prize before midnight,spam
                Nothing to see here,
                """);
        out.assertAttributeEquals("dq.augment.class.ham.before", "6");
        out.assertAttributeEquals("dq.augment.class.ham.after", "6");
        out.assertAttributeEquals("dq.augment.class.spam.before", "2");
        out.assertAttributeEquals("dq.augment.class.spam.after", "6");
        out.assertAttributeEquals("dq.augment.classes", "{\"spam\":{\"before\":2,\"after\":6},\"ham\":{\"before\":6,\"after\":6}}");
        out.assertAttributeEquals("dq.augment.generated", "4");
        out.assertAttributeEquals("dq.augment.texts.empty", "1");
        out.assertAttributeEquals("dq.augment.unlabelled", "1");
        out.assertAttributeEquals("record.count", "13");
    }

    @Test
    void emptyTextsPassThroughAndUnknownLanguagesGetOnlySwapAndDeletion() {
        runner.setProperty(AugmentProperties.COPIES_PER_RECORD, "4");
        final MockFlowFile out = augment(runner, """
                text
                ""
                "   "
                Привет мир как дела сегодня
                """);
        out.assertAttributeEquals("dq.augment.texts.empty", "2");
        out.assertAttributeEquals("dq.augment.language.unknown", "1");
        out.assertAttributeEquals("dq.augment.generated", "4");
        // Deletion at alpha 0.1 may delete nothing in five words; such a copy falls to the next operation, the swap.
        assertEquals(4, count(out, "dq.augment.operation.random_swap") + count(out, "dq.augment.operation.random_deletion"));
        out.assertAttributeNotExists("dq.augment.operation.synonym_replacement");
        assertEquals(2, runner.getCounterValue("Empty Texts Passed Through"));
        final List<String> lines = out.getContent().lines().toList();
        assertEquals(List.of("text,dq_augmented,dq_source_index", ",false,0"), lines.subList(0, 2));
        assertTrue(lines.get(2).endsWith(",false,1") && lines.get(3).endsWith(",false,2"), out.getContent());
        assertEquals(8, lines.size(), "header, three originals, four copies of the third");
    }

    @Test
    void chineseTextsAreSegmentedAndGetCilinSynonyms() throws Exception {
        TestReaders.useJsonWriter(runner);
        runner.setProperty(AugmentProperties.COPIES_PER_RECORD, "4");
        final MockFlowFile out = augment(runner, "text\n酒店的服务很好，房间也很干净，住了3晚。\n");
        out.assertAttributeEquals("dq.augment.language.chinese", "1");
        out.assertContentEquals("[{\"text\":\"酒店的服务很好，房间也很干净，住了3晚。\",\"dq_augmented\":false,\"dq_source_index\":0},"
                + "{\"text\":\"酒店服务很好，房间也很干净，住了3。\",\"dq_augmented\":true,\"dq_source_index\":0},"
                + "{\"text\":\"酒店的劳很好，房间也很干净，住了3晚。\",\"dq_augmented\":true,\"dq_source_index\":0},"
                + "{\"text\":\"酒店的服务很好，房间也很干净，净住了3晚。\",\"dq_augmented\":true,\"dq_source_index\":0},"
                + "{\"text\":\"酒店的服务很好，也房间很干净，住了3晚。\",\"dq_augmented\":true,\"dq_source_index\":0}]");
    }

    @Test
    void theFasterDictionaryMatchingSegmenterCanBeChosen() {
        runner.setProperty(AugmentProperties.LANGUAGE, LanguageChoice.CHINESE.getValue());
        runner.setProperty(AugmentProperties.CHINESE_SEGMENTER, SegmenterChoice.MAXIMUM_MATCHING.getValue());
        runner.setProperty(AugmentProperties.COPIES_PER_RECORD, "2");
        final MockFlowFile out = augment(runner, "text\n酒店的服务很好，房间也很干净，住了3晚。\n");
        out.assertContentEquals("""
                text,dq_augmented,dq_source_index
                酒店的服务很好，房间也很干净，住了3晚。,false,0
                酒店服务很好，房间也很干净，住3晚。,true,0
                酒店的劳动很好，房间也很干净，住了3晚。,true,0
                """);
    }

    @Test
    void aUserSynonymFileAloneGivesTheSynonyms(@TempDir final Path dir) throws Exception {
        final Path file = dir.resolve("synonyms.csv");
        Files.writeString(file, "# domain words\nrefund,reimbursement\n", StandardCharsets.UTF_8);
        runner.setProperty(AugmentProperties.SYNONYM_FILE, file.toString());
        runner.setProperty(AugmentProperties.BUILT_IN_SYNONYMS, "false");
        runner.setProperty(AugmentProperties.RANDOM_INSERTION_RATE, "0");
        runner.setProperty(AugmentProperties.RANDOM_SWAP_RATE, "0");
        runner.setProperty(AugmentProperties.RANDOM_DELETION_RATE, "0");
        runner.setProperty(AugmentProperties.COPIES_PER_RECORD, "1");
        final MockFlowFile out = augment(runner, "text\nI want a refund today.\n");
        out.assertContentEquals("text,dq_augmented,dq_source_index\nI want a refund today.,false,0\nI want a reimbursement today.,true,0\n");
    }

    @Test
    void markersAlreadyPresentAreKeptSoCopiesOfCopiesPointToTheFirstSource() {
        runner.setProperty(AugmentProperties.COPIES_PER_RECORD, "1");
        runner.setProperty(AugmentProperties.OPERATIONS_PER_COPY, OperationsPerCopyChoice.ALL.getValue());
        final MockFlowFile out = augment(runner, "text,dq_augmented,dq_source_index\nThe big dog barked loudly at night.,true,7\n");
        final List<String> lines = out.getContent().lines().toList();
        assertEquals("The big dog barked loudly at night.,true,7", lines.get(1));
        assertTrue(lines.get(2).endsWith(",true,7"), lines.get(2));
    }

    @Test
    void invalidConfigurationsAreRefused(@TempDir final Path dir) throws Exception {
        runner.setProperty(AugmentProperties.MODE, AugmentationModeChoice.REBALANCE.getValue());
        runner.assertNotValid();
        runner.setProperty(AugmentProperties.LABEL_FIELD, "label");
        runner.assertValid();
        runner.setProperty(AugmentProperties.TARGET_CLASS_SHARE, "1.5");
        runner.assertNotValid();
        runner.setProperty(AugmentProperties.TARGET_CLASS_SHARE, "0.5");
        for (final var rate : List.of(AugmentProperties.SYNONYM_REPLACEMENT_RATE, AugmentProperties.RANDOM_INSERTION_RATE, AugmentProperties.RANDOM_SWAP_RATE,
                AugmentProperties.RANDOM_DELETION_RATE, AugmentProperties.CHARACTER_NOISE_RATE)) {
            runner.setProperty(rate, "0");
        }
        runner.assertNotValid();
        runner.setProperty(AugmentProperties.RANDOM_SWAP_RATE, "0.2");
        runner.assertValid();
        final Path badFile = dir.resolve("bad.csv");
        Files.writeString(badFile, "a,\"unterminated\n");
        runner.setProperty(AugmentProperties.SYNONYM_FILE, badFile.toString());
        runner.assertNotValid();
    }

    @Test
    void randomBytesAreNotAugmentedButGoUnchangedToFailureWithTheShareOfInvalidBytes() throws Exception {
        JunkContent.assertRandomBytesGoUnchangedToFailure(runner, AugmentText.REL_FAILURE);
        runner.assertTransferCount(AugmentText.REL_SUCCESS, 0);
    }

    @Test
    void contentInWhichTheReaderFindsNoRecordGoesUnchangedToFailure() throws Exception {
        runner.setProperty(AugmentProperties.MAX_INVALID_BYTE_RATIO, "1");
        final MockFlowFile failed = JunkContent.assertGoesUnchangedToFailure(runner, AugmentText.REL_FAILURE,
                JunkContent.randomBytesOnOneLine());
        runner.assertTransferCount(AugmentText.REL_SUCCESS, 0);
        failed.assertAttributeEquals("dq.error", "204800 bytes of content but no record: the reader found none (not data in the "
                + "reader's format, or only a header)");
    }

    @Test
    void unreadableRecordsGoToFailureUnchangedWithTheReason() throws Exception {
        final org.apache.nifi.json.JsonTreeReader reader = new org.apache.nifi.json.JsonTreeReader();
        runner.addControllerService("json-reader", reader);
        runner.enableControllerService(reader);
        runner.setProperty(AugmentProperties.RECORD_READER, "json-reader");
        runner.enqueue("{\"text\": \"unterminated");
        runner.run();
        runner.assertAllFlowFilesTransferred(AugmentText.REL_FAILURE, 1);
        final MockFlowFile failed = runner.getFlowFilesForRelationship(AugmentText.REL_FAILURE).getFirst();
        failed.assertContentEquals("{\"text\": \"unterminated");
        assertTrue(failed.getAttribute("dq.error").length() > 5, failed.getAttribute("dq.error"));
    }
}
