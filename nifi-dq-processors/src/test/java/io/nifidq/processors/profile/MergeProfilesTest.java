package io.nifidq.processors.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifidq.processors.common.TestReaders;
import io.nifidq.processors.profile.ProfileChoices.DriftBaselineChoice;
import io.nifidq.processors.profile.ProfileChoices.ReportFormatChoice;
import io.nifidq.quality.profile.SerializedProfile;
import io.nifidq.testing.SharedDatasets;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.provenance.ProvenanceEventType;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cluster flow in one JVM: a real data set split in two parts, each profiled by a ProfileQuality writing a partial
 * profile (as each node of a cluster would), merged by MergeProfiles into the report that one ProfileQuality writes of
 * the whole file.
 */
class MergeProfilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BATCH = "sms-train";
    /** HyperLogLog with lgK 12 (FieldProfile.HLL_LG_K): relative standard error 1.04 / sqrt(4096) = 1.6%; three of them. */
    private static final double DISTINCT_RELATIVE_ERROR = 3 * 0.0163;
    /** KLL with k 200: normalized rank error about 1.65% of the values; twice that, of the records. */
    private static final double RANK_ERROR = 2 * 0.0165;

    private static String whole;
    private static List<String> parts;
    private static JsonNode wholeReport;
    private static MockFlowFile wholeProfileFlowFile;

    private TestRunner merger;

    @BeforeAll
    static void profileTheWholeFile() throws Exception {
        whole = Files.readString(SharedDatasets.file("sms_spam_collection/split/train.csv"), StandardCharsets.UTF_8);
        parts = splitInTwo(whole);
        final TestRunner profiler = profiler(ReportFormatChoice.JSON);
        profiler.enqueue(whole, Map.of("filename", "train.csv"));
        profiler.run();
        profiler.assertTransferCount(ProfileQuality.REL_SUCCESS, 1);
        wholeProfileFlowFile = profiler.getFlowFilesForRelationship(ProfileQuality.REL_PROFILE).getFirst();
        wholeReport = JSON.readTree(wholeProfileFlowFile.getContent());
    }

    @BeforeEach
    void setUp() {
        merger = TestRunners.newTestRunner(MergeProfiles.class);
    }

    private static List<String> splitInTwo(final String csv) {
        return split(csv, 2);
    }

    /** The CSV text cut into parts of about equal records at record boundaries (quotes may hold line breaks), the header on each. */
    private static List<String> split(final String csv, final int count) {
        final int headerEnd = csv.indexOf('\n') + 1;
        final List<Integer> boundaries = new ArrayList<>();
        boolean quoted = false;
        for (int i = headerEnd; i < csv.length(); i++) {
            final char c = csv.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\n' && !quoted) {
                boundaries.add(i + 1);
            }
        }
        final List<String> split = new ArrayList<>();
        int from = headerEnd;
        for (int part = 1; part <= count; part++) {
            final int to = part == count ? csv.length() : boundaries.get(boundaries.size() * part / count - 1);
            split.add(csv.substring(0, headerEnd) + csv.substring(from, to));
            from = to;
        }
        return split;
    }

    private static TestRunner profiler(final ReportFormatChoice format) throws Exception {
        final TestRunner runner = TestReaders.csvRunner(ProfileQuality.class, "text", "label");
        runner.setProperty(ProfileProperties.REPORT_FORMAT, format);
        return runner;
    }

    /** ProfileQuality's partial profile of one part, as a node writes it; the part's FlowFile carries the split's fragment attributes. */
    private static MockFlowFile partial(final TestRunner profiler, final String part, final int index, final int count, final String batch) {
        profiler.clearTransferState();
        profiler.enqueue(part, Map.of("filename", "train.csv", "fragment.identifier", batch, "fragment.count", String.valueOf(count),
                "fragment.index", String.valueOf(index)));
        profiler.run();
        profiler.assertTransferCount(ProfileQuality.REL_SUCCESS, 1);
        profiler.assertTransferCount(ProfileQuality.REL_PROFILE, 1);
        return profiler.getFlowFilesForRelationship(ProfileQuality.REL_PROFILE).getFirst();
    }

    private static List<MockFlowFile> partials(final String batch) throws Exception {
        final TestRunner profiler = profiler(ReportFormatChoice.PARTIAL_PROFILE);
        return List.of(partial(profiler, parts.get(0), 0, 2, batch), partial(profiler, parts.get(1), 1, 2, batch));
    }

    private void enqueue(final MockFlowFile partial) {
        final Map<String, String> attributes = new HashMap<>(partial.getAttributes());
        attributes.remove("uuid");
        merger.enqueue(partial.toByteArray(), attributes);
    }

    private JsonNode onlyMergedReport() throws Exception {
        merger.assertTransferCount(MergeProfiles.REL_SUCCESS, 1);
        return JSON.readTree(merger.getFlowFilesForRelationship(MergeProfiles.REL_SUCCESS).getFirst().getContent());
    }

    @Test
    void partialProfilesOfTwoPartsMergeIntoTheReportOfTheWholeFile() throws Exception {
        final List<MockFlowFile> partials = partials(BATCH);
        partials.getFirst().assertAttributeEquals("mime.type", SerializedProfile.MIME_TYPE);
        partials.getFirst().assertAttributeEquals("filename", "train.csv.profile.dqprofile");
        // In a cluster the partials arrive in any order: the second part's first.
        enqueue(partials.get(1));
        enqueue(partials.get(0));
        merger.run();

        // Two FlowFiles in, each in exactly one relationship, and the report.
        merger.assertQueueEmpty();
        merger.assertTransferCount(MergeProfiles.REL_ORIGINAL, 2);
        merger.assertTransferCount(MergeProfiles.REL_FAILURE, 0);
        merger.assertTransferCount(MergeProfiles.REL_BELOW_THRESHOLD, 0);
        merger.getFlowFilesForRelationship(MergeProfiles.REL_ORIGINAL).getFirst().assertContentEquals(partials.get(0).toByteArray());
        final JsonNode merged = onlyMergedReport();
        final MockFlowFile report = merger.getFlowFilesForRelationship(MergeProfiles.REL_SUCCESS).getFirst();

        final long recordsIn = partials.stream().mapToLong(p -> Long.parseLong(p.getAttribute("record.count"))).sum();
        assertEquals(4460, recordsIn);
        assertEquals(wholeReport.get("recordCount").asLong(), recordsIn);
        report.assertAttributeEquals("record.count", String.valueOf(recordsIn));
        assertEquals(recordsIn, merged.get("recordCount").asLong());
        assertEquals(recordsIn, merger.getCounterValue("Records Profiled"));
        assertEquals(2, merger.getCounterValue("Partial Profiles Merged"));

        // Exact: findings, duplicates, labels (with the label-noise check on the same sample), text counts, example records.
        assertEquals(wholeReport.get("findings"), merged.get("findings"));
        report.assertAttributeEquals("dq.findings", wholeProfileFlowFile.getAttribute("dq.findings"));
        assertEquals(wholeReport.get("duplicates"), merged.get("duplicates"));
        assertEquals(wholeReport.get("labels"), merged.get("labels"));
        assertEquals(wholeReport.get("examples"), merged.get("examples"));
        assertEquals(withoutTokenHistogram(wholeReport.get("text")), withoutTokenHistogram(merged.get("text")));
        assertHistogramsClose(wholeReport.at("/text/tokenHistogram"), merged.at("/text/tokenHistogram"));
        assertEquals(wholeReport.at("/baseline/findingMeasures"), merged.at("/baseline/findingMeasures"));
        assertEquals(wholeReport.at("/baseline/labels"), merged.at("/baseline/labels"));
        assertEquals(wholeReport.get("scores").get("overall").asDouble(), merged.get("scores").get("overall").asDouble(), 0.005);

        // The fields: counts exact, distinct values and lengths within the sketches' error.
        for (int f = 0; f < wholeReport.get("fields").size(); f++) {
            final JsonNode expected = wholeReport.get("fields").get(f);
            final JsonNode actual = merged.get("fields").get(f);
            final String name = expected.get("name").asText();
            assertEquals(name, actual.get("name").asText());
            for (final String exact : List.of("count", "missing", "inferredType", "invalidCount")) {
                assertEquals(expected.get(exact), actual.get(exact), name + "." + exact);
            }
            final double distinct = expected.get("distinctEstimate").asDouble();
            assertEquals(distinct, actual.get("distinctEstimate").asDouble(), DISTINCT_RELATIVE_ERROR * distinct, name + " distinct");
            for (final String exact : List.of("count", "minLength", "maxLength", "surroundingWhitespace")) {
                assertEquals(expected.at("/string/" + exact), actual.at("/string/" + exact), name + ".string." + exact);
            }
            assertEquals(expected.at("/string/meanLength").asDouble(), actual.at("/string/meanLength").asDouble(), 1e-5);
            assertEquals(expected.at("/string/medianLength").asDouble(), actual.at("/string/medianLength").asDouble(),
                    0.05 * expected.at("/string/medianLength").asDouble(), name + " median length");
        }
        // The label field's top values are its classes: exact.
        assertEquals(wholeReport.at("/fields/1/string/topValues"), merged.at("/fields/1/string/topValues"));

        // The content: each part's bytes, the header counted in each.
        assertEquals(parts.stream().mapToLong(p -> p.getBytes(StandardCharsets.UTF_8).length).sum(), merged.at("/content/bytes").asLong());

        report.assertAttributeEquals("mime.type", "application/json");
        report.assertAttributeEquals("filename", "train.csv.profile.json");
        report.assertAttributeEquals("dq.profile.partials", "2");
        report.assertAttributeEquals("dq.profile.batch", BATCH);
        assertTrue(merger.getProvenanceEvents().stream().anyMatch(e -> e.getEventType() == ProvenanceEventType.JOIN),
                "the report joins its partials");
    }

    @Test
    void fivePartsArrivingShuffledMergeIntoTheSameFindingsLabelsDuplicatesAndExamples() throws Exception {
        final List<String> fifths = split(whole, 5);
        assertEquals(whole.length() + 4 * whole.indexOf('\n') + 4, fifths.stream().mapToInt(String::length).sum(), "no record lost");
        final TestRunner profiler = profiler(ReportFormatChoice.PARTIAL_PROFILE);
        final List<MockFlowFile> partials = new ArrayList<>();
        for (int i = 0; i < fifths.size(); i++) {
            partials.add(partial(profiler, fifths.get(i), i, fifths.size(), "fifths"));
        }
        for (final int i : new int[] {3, 0, 4, 2, 1}) {
            enqueue(partials.get(i));
        }
        merger.run();
        merger.assertTransferCount(MergeProfiles.REL_ORIGINAL, 5);
        final JsonNode merged = onlyMergedReport();
        assertEquals(wholeReport.get("recordCount"), merged.get("recordCount"));
        assertEquals(wholeReport.get("findings"), merged.get("findings"));
        assertEquals(wholeReport.get("labels"), merged.get("labels"));
        assertEquals(wholeReport.get("duplicates"), merged.get("duplicates"));
        assertEquals(wholeReport.get("examples"), merged.get("examples"));
    }

    @Test
    void anIncompleteBatchWaitsAndAfterMaxWaitGoesToFailureWithTheNumberMissing() throws Exception {
        final MockFlowFile first = partials(BATCH).getFirst();
        enqueue(first);
        merger.run();
        merger.assertTransferCount(MergeProfiles.REL_SUCCESS, 0);
        merger.assertTransferCount(MergeProfiles.REL_FAILURE, 0);
        assertEquals(1, merger.getQueueSize().getObjectCount(), "the partial waits in the queue");

        merger.setProperty(MergeProfilesProperties.MAX_WAIT, "1 millis");
        Thread.sleep(5);
        merger.run();
        merger.assertTransferCount(MergeProfiles.REL_FAILURE, 1);
        final MockFlowFile failed = merger.getFlowFilesForRelationship(MergeProfiles.REL_FAILURE).getFirst();
        failed.assertAttributeEquals("dq.error", "Only 1 of the 2 partial profiles of batch 'sms-train' arrived within Max Wait (1 ms); "
                + "nothing was merged");
        failed.assertContentEquals(first.toByteArray());
    }

    @Test
    void aCorruptPartialSendsItsWholeBatchToFailureWithTheReason() throws Exception {
        final List<MockFlowFile> partials = partials(BATCH);
        enqueue(partials.getFirst());
        final Map<String, String> attributes = new HashMap<>(partials.get(1).getAttributes());
        attributes.remove("uuid");
        final byte[] truncated = java.util.Arrays.copyOf(partials.get(1).toByteArray(), partials.get(1).toByteArray().length / 2);
        merger.enqueue(truncated, attributes);
        merger.run();

        merger.assertTransferCount(MergeProfiles.REL_SUCCESS, 0);
        merger.assertTransferCount(MergeProfiles.REL_ORIGINAL, 0);
        merger.assertTransferCount(MergeProfiles.REL_FAILURE, 2);
        for (final MockFlowFile failed : merger.getFlowFilesForRelationship(MergeProfiles.REL_FAILURE)) {
            final String reason = failed.getAttribute("dq.error");
            assertTrue(reason.startsWith("Partial profile 2 of 2 of batch 'sms-train' (train.csv.profile.dqprofile, "), reason);
            assertTrue(reason.contains("The profile is truncated or corrupt at byte"), reason);
        }
        assertEquals(2, merger.getCounterValue("Partial Profiles Failed"));
    }

    @Test
    void morePartialsThanExpectedSendTheBatchToFailure() throws Exception {
        final List<MockFlowFile> partials = partials(BATCH);
        partials.forEach(this::enqueue);
        enqueue(partials.getFirst());
        merger.run();
        merger.assertQueueEmpty();
        merger.assertTransferCount(MergeProfiles.REL_FAILURE, 3);
        merger.getFlowFilesForRelationship(MergeProfiles.REL_FAILURE).forEach(failed -> failed.assertAttributeEquals("dq.error",
                "3 partial profiles of batch 'sms-train' are queued but Partials Expected is 2: the same batch identifier for two "
                        + "batches, or a partial sent twice"));
    }

    @Test
    void aCompleteBatchMergesWhileAnotherWaits() throws Exception {
        enqueue(partials("waiting").getFirst());
        partials(BATCH).forEach(this::enqueue);
        merger.run();
        merger.assertTransferCount(MergeProfiles.REL_SUCCESS, 1);
        merger.assertTransferCount(MergeProfiles.REL_ORIGINAL, 2);
        merger.getFlowFilesForRelationship(MergeProfiles.REL_SUCCESS).getFirst().assertAttributeEquals("dq.profile.batch", BATCH);
        assertEquals(1, merger.getQueueSize().getObjectCount(), "the incomplete batch's partial still waits");
    }

    @Test
    void bytesThatAreNoProfileGoToFailureSayingSo() {
        merger.enqueue("{\"recordCount\": 3}", Map.of("fragment.identifier", "b", "fragment.count", "1", "filename", "r.json"));
        merger.run();
        merger.assertTransferCount(MergeProfiles.REL_FAILURE, 1);
        final String reason = merger.getFlowFilesForRelationship(MergeProfiles.REL_FAILURE).getFirst().getAttribute("dq.error");
        assertTrue(reason.contains("Not a nifi-dq profile: it starts with the bytes 7b 22 72 65"), reason);
    }

    @Test
    void partialsBuiltWithOtherSettingsGoToFailureNamingTheSettingThatDiffers() throws Exception {
        final TestRunner other = profiler(ReportFormatChoice.PARTIAL_PROFILE);
        other.setProperty(ProfileProperties.NEAR_DUPLICATE_THRESHOLD, "0.8");
        enqueue(partials(BATCH).getFirst());
        enqueue(partial(other, parts.get(1), 1, 2, BATCH));
        merger.run();

        merger.assertTransferCount(MergeProfiles.REL_FAILURE, 2);
        merger.assertTransferCount(MergeProfiles.REL_SUCCESS, 0);
        final String reason = merger.getFlowFilesForRelationship(MergeProfiles.REL_FAILURE).getFirst().getAttribute("dq.error");
        assertTrue(reason.endsWith("Only profiles built with the same settings merge; these differ: Near-Duplicate Threshold: 0.9 vs 0.8"),
                reason);
    }

    @Test
    void aPartialOfAnotherLabelNoiseModelGoesToFailure() throws Exception {
        merger.setProperty(MergeProfilesProperties.LABEL_NOISE_MODEL, ProfileChoices.LabelNoiseModelChoice.PRETRAINED_ENCODER);
        partials(BATCH).forEach(this::enqueue);
        merger.run();
        merger.assertTransferCount(MergeProfiles.REL_FAILURE, 2);
        final String reason = merger.getFlowFilesForRelationship(MergeProfiles.REL_FAILURE).getFirst().getAttribute("dq.error");
        assertTrue(reason.contains("Label Noise Model: Word Naive Bayes in the profile vs Pretrained Encoder here"), reason);
    }

    @Test
    void withTheLastAcceptedProfileAsBaselineTheMergedFindingsAreProfileQualitysOfTheWholeFile() throws Exception {
        final TestRunner single = profiler(ReportFormatChoice.JSON);
        single.setProperty(ProfileProperties.DRIFT_BASELINE, DriftBaselineChoice.LAST_ACCEPTED);
        merger.setProperty(ProfileProperties.DRIFT_BASELINE, DriftBaselineChoice.LAST_ACCEPTED);
        // The first batch becomes the baseline; the second is judged against it, by one ProfileQuality and by the merge.
        final List<String> batches = List.of(parts.get(0), whole);
        for (int b = 0; b < batches.size(); b++) {
            single.clearTransferState();
            single.enqueue(batches.get(b));
            single.run();
        }
        final JsonNode singleReport = JSON.readTree(single.getFlowFilesForRelationship(ProfileQuality.REL_PROFILE).getFirst().getContent());

        final TestRunner profiler = profiler(ReportFormatChoice.PARTIAL_PROFILE);
        enqueue(partial(profiler, parts.get(0), 0, 1, "first"));
        merger.run();
        merger.getStateManager().assertStateSet(ProfileReporting.STATE_BASELINE, Scope.CLUSTER);
        merger.clearTransferState();
        partials("second").forEach(this::enqueue);
        merger.run();
        final JsonNode mergedReport = onlyMergedReport();

        assertEquals(singleReport.get("findings"), mergedReport.get("findings"));
        assertEquals(singleReport.at("/drift/labelPsi"), mergedReport.at("/drift/labelPsi"));
        assertEquals(singleReport.at("/drift/score").asDouble(), mergedReport.at("/drift/score").asDouble(), 0.01);
    }

    @Test
    void anHtmlReportOfTheMergedBatch() throws Exception {
        merger.setProperty(ProfileProperties.REPORT_FORMAT, ReportFormatChoice.HTML);
        partials(BATCH).forEach(this::enqueue);
        merger.run();
        merger.assertTransferCount(MergeProfiles.REL_SUCCESS, 1);
        final MockFlowFile page = merger.getFlowFilesForRelationship(MergeProfiles.REL_SUCCESS).getFirst();
        page.assertAttributeEquals("mime.type", "text/html");
        page.assertAttributeEquals("filename", "train.csv.profile.html");
        assertTrue(page.getContent().contains("train.csv (2 partial profiles merged)"));
    }

    @Test
    void partialsThatDisagreeOnTheirNumberOrGiveNoNumberGoToFailure() {
        merger.enqueue("a", Map.of("fragment.identifier", "b1", "fragment.count", "2"));
        merger.enqueue("b", Map.of("fragment.identifier", "b1", "fragment.count", "3"));
        merger.enqueue("c", Map.of("fragment.identifier", "b2", "fragment.count", "two"));
        merger.run();
        merger.assertQueueEmpty();
        merger.assertTransferCount(MergeProfiles.REL_FAILURE, 3);
        final List<String> reasons = merger.getFlowFilesForRelationship(MergeProfiles.REL_FAILURE).stream()
                .map(f -> f.getAttribute("dq.error")).distinct().sorted().toList();
        assertEquals(List.of("Partials Expected is 'two' for batch 'b2', not a positive whole number (is fragment.count, or the "
                + "attribute the property names, set?)", "The partial profiles of batch 'b1' expect different numbers of partials "
                + "(Partials Expected): 2, 3"), reasons);
    }

    @Test
    void aFlowFileWithoutABatchIdentifierGoesToFailure() {
        merger.enqueue("x", Map.of("filename", "x.dqprofile"));
        merger.run();
        merger.assertTransferCount(MergeProfiles.REL_FAILURE, 1);
        assertTrue(merger.getFlowFilesForRelationship(MergeProfiles.REL_FAILURE).getFirst().getAttribute("dq.error")
                .startsWith("Batch Identifier is empty"));
    }

    @Test
    void aPartialProfileIsJudgedWhereItIsMergedSoProfileQualitySetsNoGate() throws Exception {
        final TestRunner profiler = profiler(ReportFormatChoice.PARTIAL_PROFILE);
        profiler.assertValid();
        profiler.setProperty(ProfileProperties.MIN_OVERALL_SCORE, "0.8");
        profiler.assertNotValid();
        profiler.removeProperty(ProfileProperties.MIN_OVERALL_SCORE);
        profiler.setProperty(ProfileProperties.WRITE_BASELINE_ATTRIBUTE, "true");
        profiler.assertNotValid();
        merger.setProperty(ProfileProperties.REPORT_FORMAT, ReportFormatChoice.PARTIAL_PROFILE);
        merger.setProperty(ProfileProperties.DRIFT_BASELINE, DriftBaselineChoice.LAST_ACCEPTED);
        merger.assertNotValid();
    }

    @Test
    void mergedPartialsMergeAgainIntoTheSameReport() throws Exception {
        merger.setProperty(ProfileProperties.REPORT_FORMAT, ReportFormatChoice.PARTIAL_PROFILE);
        partials(BATCH).forEach(this::enqueue);
        merger.run();
        merger.assertTransferCount(MergeProfiles.REL_SUCCESS, 1);
        final MockFlowFile mergedPartial = merger.getFlowFilesForRelationship(MergeProfiles.REL_SUCCESS).getFirst();
        mergedPartial.assertAttributeEquals("mime.type", SerializedProfile.MIME_TYPE);
        mergedPartial.assertAttributeEquals("record.count", "4460");

        final TestRunner second = TestRunners.newTestRunner(MergeProfiles.class);
        final Map<String, String> attributes = new HashMap<>(mergedPartial.getAttributes());
        attributes.remove("uuid");
        attributes.put("fragment.identifier", "all");
        attributes.put("fragment.count", "1");
        second.enqueue(mergedPartial.toByteArray(), attributes);
        second.run();
        second.assertTransferCount(MergeProfiles.REL_SUCCESS, 1);
        final JsonNode report = JSON.readTree(second.getFlowFilesForRelationship(MergeProfiles.REL_SUCCESS).getFirst().getContent());
        assertEquals(wholeReport.get("findings"), report.get("findings"));
        assertEquals(wholeReport.get("labels"), report.get("labels"));
    }

    private static JsonNode withoutTokenHistogram(final JsonNode text) {
        final ObjectNode copy = text.deepCopy();
        copy.remove("tokenHistogram");
        return copy;
    }

    private static void assertHistogramsClose(final JsonNode expected, final JsonNode actual) {
        assertEquals(expected.get("edges"), actual.get("edges"));
        final long records = wholeReport.get("recordCount").asLong();
        for (int bin = 0; bin < expected.get("counts").size(); bin++) {
            assertEquals(expected.get("counts").get(bin).asDouble(), actual.get("counts").get(bin).asDouble(), RANK_ERROR * records,
                    "token histogram bin " + bin);
        }
    }
}
