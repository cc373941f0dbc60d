package io.nifidq.processors.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifidq.processors.clean.CleanRecords;
import io.nifidq.processors.common.TestReaders;
import io.nifidq.processors.profile.ProfileChoices.DriftBaselineChoice;
import io.nifidq.processors.profile.ProfileChoices.ReportFormatChoice;
import org.apache.nifi.util.LogMessage;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Write Baseline Attribute and Drift Baseline 'FlowFile Attribute': one ProfileQuality hands its baseline on the FlowFile,
 * through CleanRecords, to another, which reports the cleaned data against the data before.
 */
class ProfileQualityBaselineAttributeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASELINE = "dq.profile.baseline";
    /** Six messages: one exact duplicate and one empty text, which CleanRecords rejects, and a label spelt SPAM. */
    private static final String MESSAGES = """
            text,label
            Win a FREE prize now &amp; claim,spam
            See you at six,ham
            See you at six,ham
            ,ham
            Call me later please,SPAM
            Lunch tomorrow at noon,ham
            """;

    private TestRunner before;
    private TestRunner clean;
    private TestRunner after;

    @BeforeEach
    void setUp() throws Exception {
        before = TestReaders.csvRunner(ProfileQuality.class, "text", "label");
        before.setProperty(ProfileProperties.WRITE_BASELINE_ATTRIBUTE, "true");
        clean = TestReaders.csvRunner(CleanRecords.class, "text", "label");
        after = TestReaders.csvRunner(ProfileQuality.class, "text", "label");
        after.setProperty(ProfileProperties.DRIFT_BASELINE, DriftBaselineChoice.FLOW_FILE_ATTRIBUTE);
    }

    /** The FlowFile that leaves {@code runner} on {@code relationship}, enqueued with its attributes into {@code next}. */
    private static MockFlowFile passOn(final TestRunner runner, final org.apache.nifi.processor.Relationship relationship,
                                       final TestRunner next) {
        runner.assertTransferCount(relationship, 1);
        final MockFlowFile out = runner.getFlowFilesForRelationship(relationship).getFirst();
        next.enqueue(out.toByteArray(), out.getAttributes());
        return out;
    }

    private static MockFlowFile profileAfterCleaning(final TestRunner before, final TestRunner clean, final TestRunner after) {
        before.enqueue(MESSAGES, Map.of("filename", "messages.csv"));
        before.run();
        passOn(before, ProfileQuality.REL_SUCCESS, clean);
        clean.run();
        passOn(clean, CleanRecords.REL_SUCCESS, after);
        after.run();
        after.assertTransferCount(ProfileQuality.REL_FAILURE, 0);
        after.assertTransferCount(ProfileQuality.REL_PROFILE, 1);
        return after.getFlowFilesForRelationship(ProfileQuality.REL_PROFILE).getFirst();
    }

    @Test
    void theAttributeHoldsTheBaselineSectionOfTheReport() throws Exception {
        before.enqueue(MESSAGES);
        before.run();
        final MockFlowFile original = before.getFlowFilesForRelationship(ProfileQuality.REL_SUCCESS).getFirst();
        final JsonNode report = JSON.readTree(before.getFlowFilesForRelationship(ProfileQuality.REL_PROFILE).getFirst().getContent());
        assertEquals(report.get("baseline"), JSON.readTree(original.getAttribute(BASELINE)));
        assertTrue(original.getAttribute(BASELINE).length() < 2_000, "compact: " + original.getAttribute(BASELINE).length());
        before.getFlowFilesForRelationship(ProfileQuality.REL_PROFILE).getFirst().assertAttributeNotExists(BASELINE);
    }

    @Test
    void byDefaultNoBaselineIsWritten() throws Exception {
        final TestRunner plain = TestReaders.csvRunner(ProfileQuality.class, "text", "label");
        plain.enqueue(MESSAGES);
        plain.run();
        plain.getFlowFilesForRelationship(ProfileQuality.REL_SUCCESS).getFirst().assertAttributeNotExists(BASELINE);
    }

    @Test
    void theBaselineTravelsThroughCleanRecordsAndTheSecondReportShowsDriftAgainstIt() throws Exception {
        final JsonNode report = JSON.readTree(profileAfterCleaning(before, clean, after).getContent());
        assertEquals(4, report.get("recordCount").asInt(), "the duplicate and the empty text rejected");
        final JsonNode drift = report.get("drift");
        assertEquals("FlowFile Attribute", drift.get("baselineSource").asText());
        assertTrue(drift.get("labelPsi").asDouble() > 0.0, "ham 4 of 6 before, 2 of 4 after: " + drift);
        final MockFlowFile cleaned = after.getFlowFilesForRelationship(ProfileQuality.REL_SUCCESS).getFirst();
        cleaned.assertAttributeEquals("dq.drift.score", drift.get("score").asText());
        cleaned.assertAttributeEquals(BASELINE, before.getFlowFilesForRelationship(ProfileQuality.REL_SUCCESS).getFirst().getAttribute(BASELINE));
        assertEquals("", cleaned.getAttribute("dq.findings"), "nothing got worse than before: " + report.get("findings"));
    }

    @Test
    void theHtmlPageAfterCleaningShowsTheFiguresBeforeAndAfter() {
        after.setProperty(ProfileProperties.REPORT_FORMAT, ReportFormatChoice.HTML);
        final MockFlowFile page = profileAfterCleaning(before, clean, after);
        page.assertAttributeEquals("filename", "messages.csv.profile.html");
        final String text = page.getContent().replaceAll("<[^>]+>", "");
        assertTrue(text.contains("compared with: FlowFile Attribute"), "the header names the baseline");
        assertTrue(text.contains("Before and afterBaseline: 6 records; this batch: 4 records."), "the before-and-after section");
        assertTrue(text.contains("overall0.8971+0.103"), "the overall score before, after and its change");
    }

    @Test
    void aFlowFileWithoutTheAttributeGoesToFailureWithTheReason() {
        after.enqueue(MESSAGES);
        after.run();
        after.assertTransferCount(ProfileQuality.REL_FAILURE, 1);
        after.assertTransferCount(ProfileQuality.REL_SUCCESS, 0);
        after.assertTransferCount(ProfileQuality.REL_PROFILE, 0);
        final MockFlowFile failed = after.getFlowFilesForRelationship(ProfileQuality.REL_FAILURE).getFirst();
        failed.assertAttributeEquals("dq.error", "Drift Baseline is 'FlowFile Attribute' but the FlowFile has no dq.profile.baseline "
                + "attribute: set Write Baseline Attribute on the ProfileQuality upstream");
        failed.assertContentEquals(MESSAGES);
        after.assertQueueEmpty();
    }

    @Test
    void anAttributeThatIsNotABaselineSendsTheFlowFileToFailureWithTheReason() {
        after.enqueue(MESSAGES, Map.of(BASELINE, "{\"scores\":{\"overall\":0.9}}"));
        after.enqueue(MESSAGES, Map.of(BASELINE, "{\"recordCount\":6,\"fields\":"));
        after.run(2);
        after.assertTransferCount(ProfileQuality.REL_FAILURE, 2);
        after.assertTransferCount(ProfileQuality.REL_PROFILE, 0);
        final List<MockFlowFile> failed = after.getFlowFilesForRelationship(ProfileQuality.REL_FAILURE);
        failed.getFirst().assertAttributeEquals("dq.error", "The dq.profile.baseline attribute is not a baseline summary: Not a "
                + "ProfileQuality report or baseline: no 'baseline' section with 'fields' and 'numeric'");
        final String cut = failed.get(1).getAttribute("dq.error");
        assertTrue(cut.startsWith("The dq.profile.baseline attribute is not a baseline summary: Unexpected end-of-input"), cut);
    }

    @Test
    void aBaselineOverTheBoundIsNotWrittenAndAnOlderOneIsRemovedWithAWarning() throws Exception {
        final TestRunner wide = TestReaders.csvRunner(ProfileQuality.class);
        wide.setProperty(ProfileProperties.WRITE_BASELINE_ATTRIBUTE, "true");
        wide.enqueue(wideTable(40, 20, 90), Map.of(BASELINE, "{\"from\":\"upstream\"}"));
        wide.run();
        wide.assertTransferCount(ProfileQuality.REL_SUCCESS, 1);
        wide.getFlowFilesForRelationship(ProfileQuality.REL_SUCCESS).getFirst().assertAttributeNotExists(BASELINE);
        assertEquals(1, wide.getCounterValue("Baseline Attributes Too Large"));
        final List<LogMessage> warnings = wide.getLogger().getWarnMessages();
        assertEquals(1, warnings.size());
        assertTrue(warnings.getFirst().getMsg().contains("is over 65536 bytes (40 fields); dq.profile.baseline not written"),
                warnings.getFirst().getMsg());
    }

    /** {@code columns} categorical fields of {@code rows} distinct values, each {@code width} characters long. */
    private static String wideTable(final int columns, final int rows, final int width) {
        final StringBuilder csv = new StringBuilder();
        for (int c = 0; c < columns; c++) {
            csv.append(c == 0 ? "" : ",").append("field").append(c);
        }
        csv.append('\n');
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                final String value = "value " + r + " of field " + c + " ";
                csv.append(c == 0 ? "" : ",").append(value).append("x".repeat(width - value.length()));
            }
            csv.append('\n');
        }
        return csv.toString();
    }
}
