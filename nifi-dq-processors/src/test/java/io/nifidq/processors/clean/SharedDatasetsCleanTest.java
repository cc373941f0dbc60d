package io.nifidq.processors.clean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifidq.testing.SharedDatasets;
import io.nifidq.processors.common.TestReaders;
import io.nifidq.processors.profile.ProfileProperties;
import io.nifidq.processors.profile.ProfileQuality;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CleanRecords on the real data sets repairs what their PROVENANCE.md states, and ProfileQuality sees the difference. */
class SharedDatasetsCleanTest {

    private static final List<String> DIMENSIONS = List.of("completeness", "validity", "consistency", "uniqueness", "noise");

    private static TestRunner cleaner() throws Exception {
        final TestRunner runner = TestRunners.newTestRunner(CleanRecords.class);
        TestReaders.useCsvReader(runner);
        TestReaders.useRfc4180CsvWriter(runner, CleanProperties.RECORD_WRITER);
        runner.setProperty(CleanProperties.TEXT_FIELD, "text");
        runner.setProperty(CleanProperties.LABEL_FIELD, "label");
        return runner;
    }

    private static JsonNode profile(final byte[] csv) throws Exception {
        final TestRunner runner = TestRunners.newTestRunner(ProfileQuality.class);
        TestReaders.useCsvReader(runner);
        runner.setProperty(ProfileProperties.TEXT_FIELD, "text");
        runner.setProperty(ProfileProperties.LABEL_FIELD, "label");
        runner.enqueue(csv);
        runner.run();
        return new ObjectMapper().readTree(runner.getFlowFilesForRelationship(ProfileQuality.REL_PROFILE).getFirst().getContent());
    }

    @Test
    void cleaningSmsSpamWithoutTextRepairsRemovesExactlyIts403DuplicateRows() throws Exception {
        final TestRunner runner = cleaner();
        for (final var repair : List.of(CleanProperties.REPAIR_MOJIBAKE, CleanProperties.DECODE_HTML, CleanProperties.UNICODE_NFKC,
                CleanProperties.REMOVE_CONTROL_CHARACTERS, CleanProperties.NORMALIZE_WHITESPACE)) {
            runner.setProperty(repair, "false");
        }
        runner.enqueue(SharedDatasets.file("sms_spam_collection/sms_spam.csv"));
        runner.run();
        final MockFlowFile cleaned = runner.getFlowFilesForRelationship(CleanRecords.REL_SUCCESS).getFirst();
        cleaned.assertAttributeEquals("dq.records.in", "5574");
        cleaned.assertAttributeEquals("dq.clean.duplicates.exact", "403");
        cleaned.assertAttributeEquals("dq.records.rejected", "403");
        cleaned.assertAttributeEquals("record.count", "5171");
    }

    @Test
    void cleaningSmsSpamDecodesItsHtmlRepairsItsCp1252LeftoversAndEveryScoreRises() throws Exception {
        final TestRunner runner = cleaner();
        final byte[] original = Files.readAllBytes(SharedDatasets.file("sms_spam_collection/sms_spam.csv"));
        runner.enqueue(original);
        runner.run();
        final MockFlowFile cleaned = runner.getFlowFilesForRelationship(CleanRecords.REL_SUCCESS).getFirst();
        cleaned.assertAttributeEquals("dq.clean.html.entities.decoded", "309");
        cleaned.assertAttributeEquals("dq.clean.mojibake.repaired", "35");
        final long in = Long.parseLong(cleaned.getAttribute("dq.records.in"));
        final long rejected = Long.parseLong(cleaned.getAttribute("dq.records.rejected"));
        assertEquals(in, Long.parseLong(cleaned.getAttribute("record.count")) + rejected);
        // Trimming and collapsing whitespace makes a few more texts identical than the 403 raw duplicates.
        assertTrue(rejected >= 403 && rejected <= 415, "rejected " + rejected);

        final JsonNode before = profile(original);
        final JsonNode after = profile(cleaned.toByteArray());
        assertEquals(0, after.get("duplicates").get("exactDuplicates").asLong());
        assertEquals(0, after.get("text").get("htmlEntities").asLong());
        assertEquals(0, after.get("text").get("c1ControlCharacters").asLong());
        for (final String dimension : DIMENSIONS) {
            final double scoreBefore = before.get("scores").get(dimension).asDouble();
            final double scoreAfter = after.get("scores").get(dimension).asDouble();
            assertTrue(scoreAfter >= scoreBefore && (scoreAfter > scoreBefore || scoreBefore == 1.0),
                    dimension + " went from " + scoreBefore + " to " + scoreAfter);
        }
        assertTrue(after.get("scores").get("overall").asDouble() > before.get("scores").get("overall").asDouble());
    }

    @Test
    void cleaningChnSentiCorpRejectsItsEmptyReview() throws Exception {
        final TestRunner runner = cleaner();
        runner.enqueue(SharedDatasets.file("chnsenticorp_htl_all/text_label.csv"));
        runner.run();
        final MockFlowFile cleaned = runner.getFlowFilesForRelationship(CleanRecords.REL_SUCCESS).getFirst();
        cleaned.assertAttributeEquals("dq.clean.texts.too.short", "1");
        final String rejected = runner.getFlowFilesForRelationship(CleanRecords.REL_REJECTED).getFirst().getContent();
        assertTrue(rejected.contains("0,text: the text is empty"), rejected.lines().limit(5).toList().toString());
    }
}
