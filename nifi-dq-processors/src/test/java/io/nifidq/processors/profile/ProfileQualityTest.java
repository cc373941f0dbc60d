package io.nifidq.processors.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifidq.processors.common.JunkContent;
import io.nifidq.processors.common.TestReaders;
import io.nifidq.processors.profile.ProfileChoices.DriftBaselineChoice;
import io.nifidq.processors.profile.ProfileChoices.ReportFormatChoice;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.provenance.ProvenanceEventType;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileQualityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MESSAGES = """
            text,label
            Win a FREE prize now &amp; claim,spam
            See you at six,ham
            See you at six,ham
            ,ham
            Call me later please,SPAM
            """;

    private TestRunner runner;

    @BeforeEach
    void setUp() throws Exception {
        runner = TestReaders.csvRunner(ProfileQuality.class, "text", "label");
    }

    private JsonNode onlyReport() throws Exception {
        runner.assertTransferCount(ProfileQuality.REL_PROFILE, 1);
        return JSON.readTree(runner.getFlowFilesForRelationship(ProfileQuality.REL_PROFILE).getFirst().getContent());
    }

    @Test
    void theOriginalGoesUnchangedToSuccessWithScoresAndTheReportToProfile() throws Exception {
        runner.enqueue(MESSAGES, Map.of("filename", "messages.csv"));
        runner.run();

        runner.assertTransferCount(ProfileQuality.REL_SUCCESS, 1);
        runner.assertTransferCount(ProfileQuality.REL_PROFILE, 1);
        runner.assertTransferCount(ProfileQuality.REL_BELOW_THRESHOLD, 0);
        runner.assertTransferCount(ProfileQuality.REL_FAILURE, 0);
        final MockFlowFile original = runner.getFlowFilesForRelationship(ProfileQuality.REL_SUCCESS).getFirst();
        original.assertContentEquals(MESSAGES);
        original.assertAttributeEquals("record.count", "5");
        original.assertAttributeEquals("dq.duplicate.ratio", "0.2");
        original.assertAttributeEquals("dq.missing.ratio", "0.1");
        original.assertAttributeEquals("dq.score.completeness", "0.9");
        original.assertAttributeEquals("dq.label.classes", "2");
        original.assertAttributeEquals("dq.imbalance.ratio", "1.5");
        original.assertAttributeExists("dq.score.overall");
        original.assertAttributeExists("dq.score.noise");
        original.assertAttributeNotExists("dq.gate.violations");

        final MockFlowFile profile = runner.getFlowFilesForRelationship(ProfileQuality.REL_PROFILE).getFirst();
        profile.assertAttributeEquals("mime.type", "application/json");
        profile.assertAttributeEquals("filename", "messages.csv.profile.json");
        profile.assertAttributeEquals("dq.profile.source.uuid", original.getAttribute("uuid"));
        final JsonNode report = JSON.readTree(profile.getContent());
        assertEquals(5, report.get("recordCount").asLong());
        assertEquals(1, report.get("text").get("empty").asLong());
        assertEquals(1, report.get("text").get("htmlEntities").asLong());
        assertEquals(1, report.get("labels").get("variantRecords").asLong());
        assertEquals(original.getAttribute("dq.score.overall"), report.get("scores").get("overall").asText());
    }

    @Test
    void provenanceAndCountersTellWhatHappened() {
        runner.enqueue(MESSAGES);
        runner.run();
        final List<ProvenanceEventType> events = runner.getProvenanceEvents().stream().map(e -> e.getEventType()).toList();
        assertTrue(events.contains(ProvenanceEventType.FORK), "the report is forked from the original: " + events);
        assertEquals(5, runner.getCounterValue("Records Profiled"));
        assertEquals(1, runner.getCounterValue("Batches Accepted"));
    }

    @Test
    void jsonRecordsAreProfiledWithTheSameVocabulary() throws Exception {
        runner = TestRunners.newTestRunner(ProfileQuality.class);
        TestReaders.useJsonReader(runner);
        runner.setProperty(ProfileProperties.TEXT_FIELD, "text");
        runner.enqueue("""
                [{"text": "first message", "stars": 5},
                 {"text": "second message", "stars": 3},
                 {"text": "third message"}]
                """);
        runner.run();
        runner.assertTransferCount(ProfileQuality.REL_SUCCESS, 1);
        final JsonNode stars = onlyReport().get("fields").get(1);
        assertEquals("stars", stars.get("name").asText());
        assertEquals(1, stars.get("missing").get("total").asLong());
        assertEquals("INTEGER", stars.get("inferredType").asText());
        assertEquals(4.0, stars.get("numeric").get("mean").asDouble());
    }

    @Test
    void aTypeInferringReaderGivesTheSameTypes() throws Exception {
        runner = TestRunners.newTestRunner(ProfileQuality.class);
        TestReaders.useTypeInferringCsvReader(runner);
        runner.enqueue("age,score\n31,0.5\n42,1.5\n");
        runner.run();
        final JsonNode fields = onlyReport().get("fields");
        assertEquals("INTEGER", fields.get(0).get("inferredType").asText());
        assertEquals("DECIMAL", fields.get(1).get("inferredType").asText());
        assertEquals(1.0, fields.get(1).get("numeric").get("mean").asDouble());
    }

    @Test
    void fieldNamesComeFromExpressionLanguage() throws Exception {
        runner.setProperty(ProfileProperties.TEXT_FIELD, "${text.field}");
        runner.enqueue("body,label\nhello there,ham\n", Map.of("text.field", "body"));
        runner.run();
        runner.assertTransferCount(ProfileQuality.REL_SUCCESS, 1);
        assertEquals("body", onlyReport().get("text").get("field").asText());
    }

    @Test
    void aConfiguredFieldThatIsNotInTheRecordsRoutesToFailureWithTheReason() {
        runner.setProperty(ProfileProperties.TEXT_FIELD, "body");
        runner.enqueue(MESSAGES);
        runner.run();
        runner.assertAllFlowFilesTransferred(ProfileQuality.REL_FAILURE, 1);
        final MockFlowFile failed = runner.getFlowFilesForRelationship(ProfileQuality.REL_FAILURE).getFirst();
        failed.assertContentEquals(MESSAGES);
        failed.assertAttributeEquals("dq.error",
                "IllegalArgumentException: Text Field 'body' is not a field of the records; their fields are [text, label]");
    }

    @Test
    void malformedCsvRoutesToFailureUntouched() throws Exception {
        final byte[] malformed = "text,label\n\"unclosed quote,ham\nnext,spam\n".getBytes(StandardCharsets.UTF_8);
        final MockFlowFile failed = JunkContent.assertGoesUnchangedToFailure(runner, ProfileQuality.REL_FAILURE, malformed);
        assertFalse(failed.getAttribute("dq.error").isBlank());
    }

    @Test
    void anEmptyFlowFileGetsAReportWithNoRecords() throws Exception {
        runner.enqueue("text,label\n");
        runner.enqueue(new byte[0]);
        runner.run(2);
        runner.assertTransferCount(ProfileQuality.REL_SUCCESS, 2);
        runner.assertTransferCount(ProfileQuality.REL_PROFILE, 2);
        runner.getFlowFilesForRelationship(ProfileQuality.REL_SUCCESS).forEach(f -> {
            f.assertAttributeEquals("record.count", "0");
            f.assertAttributeNotExists("dq.score.overall");
        });
    }

    @Test
    void anEmptyFlowFileFailsAQualityGate() {
        runner.setProperty(ProfileProperties.MIN_OVERALL_SCORE, "0.5");
        runner.enqueue(new byte[0]);
        runner.run();
        runner.assertTransferCount(ProfileQuality.REL_BELOW_THRESHOLD, 1);
        runner.getFlowFilesForRelationship(ProfileQuality.REL_BELOW_THRESHOLD).getFirst()
                .assertAttributeEquals("dq.gate.violations", "completeness: the batch has no records");
    }

    @Test
    void nonUtf8BytesShowUpAsReplacementCharacters() throws Exception {
        final byte[] latin1 = "text,label\ncaf\u00e9 cr\u00e8me,ham\nplain text,ham\n".getBytes(StandardCharsets.ISO_8859_1);
        runner.enqueue(latin1);
        runner.run();
        runner.assertTransferCount(ProfileQuality.REL_SUCCESS, 1);
        runner.getFlowFilesForRelationship(ProfileQuality.REL_SUCCESS).getFirst().assertContentEquals(latin1);
        assertEquals(1, onlyReport().get("text").get("replacementCharacters").asLong());
    }

    @Test
    void randomBytesTheReaderTakesForAHeaderAreNamedAsContentWithoutRecordsAndAsInvalidBytes() throws Exception {
        runner.enqueue(JunkContent.randomBytesOnOneLine());
        runner.run();
        runner.assertTransferCount(ProfileQuality.REL_SUCCESS, 1);
        runner.assertTransferCount(ProfileQuality.REL_PROFILE, 1);
        runner.assertTransferCount(ProfileQuality.REL_FAILURE, 0);
        final JsonNode report = onlyReport();
        assertEquals(0, report.get("recordCount").asLong());
        assertEquals("UTF-8", report.at("/content/charset").asText());
        assertEquals(JunkContent.SIZE, report.at("/content/bytes").asLong());
        final double invalidShare = report.at("/content/invalidByteRatio").asDouble();
        assertTrue(invalidShare > 0.3, "random bytes are mostly not UTF-8: " + invalidShare);
        assertEquals(List.of("no_records", "invalid_bytes"), report.get("findings").findValuesAsText("name"));
        runner.getFlowFilesForRelationship(ProfileQuality.REL_SUCCESS).getFirst().assertAttributeEquals("dq.findings",
                "no_records,invalid_bytes");
    }

    @Test
    void randomBytesTheReaderCannotMakeRecordsOfGoToFailureWithTheShareOfInvalidBytesInTheReason() {
        runner.enqueue(JunkContent.randomBytes());
        runner.run();
        runner.assertAllFlowFilesTransferred(ProfileQuality.REL_FAILURE, 1);
        final String reason = runner.getFlowFilesForRelationship(ProfileQuality.REL_FAILURE).getFirst().getAttribute("dq.error");
        // First what went wrong with the records (here: a header of random bytes has no Text Field), then the bytes.
        assertTrue(reason.startsWith("IllegalArgumentException: Text Field 'text', Label Field 'label' are not a field of the records"),
                reason);
        assertTrue(reason.matches("(?s).+; \\d+ of the content's 204800 bytes \\(\\d+\\.\\d\\d%\\) are not valid UTF-8"), reason);
    }

    @Test
    void theCharacterSetDecidesWhichBytesAreInvalid() throws Exception {
        final byte[] latin1 = "text,label\ncaf\u00e9 cr\u00e8me,ham\nplain text,ham\n".getBytes(StandardCharsets.ISO_8859_1);
        JunkContent.runDeclaredUtf8ThenLatin1(runner, latin1);
        runner.assertTransferCount(ProfileQuality.REL_SUCCESS, 2);
        final List<MockFlowFile> reports = runner.getFlowFilesForRelationship(ProfileQuality.REL_PROFILE);
        final JsonNode asUtf8 = JSON.readTree(reports.get(0).getContent());
        final JsonNode asLatin1 = JSON.readTree(reports.get(1).getContent());
        assertEquals(2, asUtf8.at("/content/invalidBytes").asLong(), "\u00e9 and \u00e8 are one byte each in ISO-8859-1, not UTF-8");
        assertEquals(0, asLatin1.at("/content/invalidBytes").asLong());
        assertEquals("ISO-8859-1", asLatin1.at("/content/charset").asText());
        assertTrue(findings(reports.get(0)).contains("invalid_bytes"), findings(reports.get(0)).toString());
        assertFalse(findings(reports.get(1)).contains("invalid_bytes"), findings(reports.get(1)).toString());
    }

    private static List<String> findings(final MockFlowFile flowFile) {
        return List.of(flowFile.getAttribute("dq.findings").split(","));
    }

    @Test
    void anUnknownCharacterSetInAnAttributeRoutesToFailureWithTheReason() {
        runner.setProperty(ProfileProperties.CHARACTER_SET, "${charset}");
        runner.enqueue(MESSAGES, Map.of("charset", "no-such-charset"));
        runner.run();
        runner.assertAllFlowFilesTransferred(ProfileQuality.REL_FAILURE, 1);
        runner.getFlowFilesForRelationship(ProfileQuality.REL_FAILURE).getFirst()
                .assertAttributeEquals("dq.error", "UnsupportedCharsetException: no-such-charset");
    }

    @Test
    void aTenMegabyteTextIsProfiled() throws Exception {
        final String huge = "word ".repeat(2_000_000);
        runner.enqueue("text,label\n\"" + huge + "\",ham\nshort one,spam\n");
        runner.run();
        runner.assertTransferCount(ProfileQuality.REL_SUCCESS, 1);
        final JsonNode report = onlyReport();
        assertEquals(1, report.get("text").get("veryLong").asLong());
        assertEquals(2_000_000 + 2, report.get("text").get("tokens").get("total").asLong());
        assertEquals(huge.length(), report.get("fields").get(0).get("string").get("maxLength").asInt());
    }

    @Test
    void brokenGateRulesRouteTheOriginalToBelowThresholdWithTheViolations() throws Exception {
        runner.setProperty(ProfileProperties.MAX_DUPLICATE_RATIO, "0.1");
        runner.setProperty(ProfileProperties.MAX_MISSING_RATIO, "0.1");
        runner.enqueue(MESSAGES);
        runner.run();
        runner.assertTransferCount(ProfileQuality.REL_BELOW_THRESHOLD, 1);
        runner.assertTransferCount(ProfileQuality.REL_PROFILE, 1);
        runner.assertTransferCount(ProfileQuality.REL_SUCCESS, 0);
        final MockFlowFile below = runner.getFlowFilesForRelationship(ProfileQuality.REL_BELOW_THRESHOLD).getFirst();
        below.assertContentEquals(MESSAGES);
        below.assertAttributeEquals("dq.gate.violations",
                "completeness: field 'text' missing ratio 0.2 > maximum 0.1; uniqueness: duplicate ratio 0.2 > maximum 0.1");
        assertFalse(onlyReport().get("gate").get("passed").asBoolean());
        assertEquals(1, runner.getCounterValue("Batches Below Threshold"));
    }

    @Test
    void theCsvReportHasOneRowPerMetric() {
        runner.setProperty(ProfileProperties.REPORT_FORMAT, ReportFormatChoice.CSV);
        runner.enqueue(MESSAGES, Map.of("filename", "m.csv"));
        runner.run();
        final MockFlowFile profile = runner.getFlowFilesForRelationship(ProfileQuality.REL_PROFILE).getFirst();
        profile.assertAttributeEquals("mime.type", "text/csv");
        profile.assertAttributeEquals("filename", "m.csv.profile.csv");
        final List<String> lines = profile.getContent().lines().toList();
        assertEquals("metric,value", lines.getFirst());
        assertTrue(lines.contains("recordCount,5"), lines.toString());
        assertTrue(lines.contains("duplicates.exactDuplicates,1"), lines.toString());
        assertTrue(lines.contains("fields[0].name,text"), lines.toString());
    }

    @Test
    void theLastAcceptedProfileIsTheDriftBaselineForTheNext() throws Exception {
        runner.setProperty(ProfileProperties.DRIFT_BASELINE, DriftBaselineChoice.LAST_ACCEPTED);
        runner.setProperty(ProfileProperties.MAX_DRIFT, "0.25");
        runner.enqueue(labelled(90, 10));
        runner.run();
        runner.assertTransferCount(ProfileQuality.REL_SUCCESS, 1);
        runner.getFlowFilesForRelationship(ProfileQuality.REL_SUCCESS).getFirst().assertAttributeNotExists("dq.drift.score");
        runner.getStateManager().assertStateSet(ProfileReporting.STATE_BASELINE, Scope.CLUSTER);

        runner.clearTransferState();
        runner.enqueue(labelled(50, 50));
        runner.run();
        runner.assertTransferCount(ProfileQuality.REL_BELOW_THRESHOLD, 1);
        final MockFlowFile drifted = runner.getFlowFilesForRelationship(ProfileQuality.REL_BELOW_THRESHOLD).getFirst();
        assertTrue(Double.parseDouble(drifted.getAttribute("dq.drift.score")) > 0.25);
        assertTrue(drifted.getAttribute("dq.gate.violations").startsWith("drift: score (largest PSI)"));
        assertTrue(onlyReport().get("drift").get("labelPsi").asDouble() > 0.25);
    }

    @Test
    void aSavedProfileReportIsABaselineFile(@TempDir final Path dir) throws Exception {
        runner.enqueue(labelled(90, 10));
        runner.run();
        useTheReportAsBaselineFile(dir);
        runner.enqueue(labelled(90, 10));
        runner.run();
        runner.assertTransferCount(ProfileQuality.REL_SUCCESS, 1);
        assertEquals("0.0", runner.getFlowFilesForRelationship(ProfileQuality.REL_SUCCESS).getFirst().getAttribute("dq.drift.score"));
        assertEquals("Baseline File", onlyReport().get("drift").get("baselineSource").asText());
    }

    @Test
    void theReportNamesItsFindingsAndTheAttributeListsThem() throws Exception {
        runner.enqueue(MESSAGES);
        runner.run();
        final String expected = "empty_text,exact_duplicates,encoding_junk,inconsistent_labels";
        runner.getFlowFilesForRelationship(ProfileQuality.REL_SUCCESS).getFirst().assertAttributeEquals("dq.findings", expected);
        runner.getFlowFilesForRelationship(ProfileQuality.REL_PROFILE).getFirst().assertAttributeEquals("dq.findings", expected);
        final JsonNode findings = onlyReport().get("findings");
        assertEquals(4, findings.size());
        assertEquals("empty_text", findings.get(0).get("name").asText());
        assertEquals("completeness", findings.get(0).get("dimension").asText());
        assertEquals(0.2, findings.get(0).get("value").asDouble());
        assertEquals(0.01, findings.get(0).get("limit").asDouble());
        assertFalse(findings.get(0).has("baseline"), "no baseline, so no baseline value");
    }

    @Test
    void againstABaselineFileOnlyWhatGotWorseIsNamed(@TempDir final Path dir) throws Exception {
        runner.enqueue(labelled(90, 10));
        runner.run();
        // 90 to 10, and labels the words do not predict (numbered messages): imbalance and, to a naive Bayes, label noise.
        runner.getFlowFilesForRelationship(ProfileQuality.REL_SUCCESS).getFirst().assertAttributeEquals("dq.findings",
                "class_imbalance,label_noise");
        useTheReportAsBaselineFile(dir);
        runner.enqueue(labelled(90, 10));
        runner.run();
        runner.getFlowFilesForRelationship(ProfileQuality.REL_SUCCESS).getFirst().assertAttributeEquals("dq.findings", "");

        runner.clearTransferState();
        final String withDuplicates = labelled(90, 10) + "message number 3 with its own words 93,ham\n".repeat(5);
        runner.enqueue(withDuplicates);
        runner.run();
        runner.getFlowFilesForRelationship(ProfileQuality.REL_SUCCESS).getFirst().assertAttributeEquals("dq.findings", "exact_duplicates");
        final JsonNode finding = onlyReport().get("findings").get(0);
        assertEquals(0.0, finding.get("baseline").asDouble());
        assertEquals(0.005, finding.get("limit").asDouble());
    }

    @Test
    void invalidSettingsAreReportedBeforeTheProcessorRuns() {
        runner.setProperty(ProfileProperties.NEAR_DUPLICATE_THRESHOLD, "1.5");
        runner.assertNotValid();
        runner.setProperty(ProfileProperties.NEAR_DUPLICATE_THRESHOLD, "0.8");
        runner.setProperty(ProfileProperties.MIN_OVERALL_SCORE, "-1");
        runner.assertNotValid();
        runner.removeProperty(ProfileProperties.MIN_OVERALL_SCORE);
        runner.assertValid();
    }

    /** Saves the last report as a file and makes it the drift baseline; clears what the runner has transferred. */
    private void useTheReportAsBaselineFile(final Path dir) throws Exception {
        final Path baseline = dir.resolve("baseline.json");
        Files.write(baseline, runner.getFlowFilesForRelationship(ProfileQuality.REL_PROFILE).getFirst().toByteArray());
        runner.clearTransferState();
        runner.setProperty(ProfileProperties.DRIFT_BASELINE, DriftBaselineChoice.FILE);
        runner.setProperty(ProfileProperties.BASELINE_FILE, baseline.toString());
    }

    private static String labelled(final int ham, final int spam) {
        final StringBuilder csv = new StringBuilder("text,label\n");
        for (int i = 0; i < ham + spam; i++) {
            csv.append("message number ").append(i).append(" with its own words ").append(i * 31).append(',')
                    .append(i < ham ? "ham" : "spam").append('\n');
        }
        return csv.toString();
    }
}
