package io.nifidq.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example flow docs/flows/clean-and-profile.json in a real NiFi 2.3.0 with the real nifi-dq NAR: ProfileQuality ->
 * CleanRecords -> ProfileQuality on the sample data, the rejected records in their own folder.
 */
class CleanFlowIT {

    private static final Duration OUTPUT_TIMEOUT = Duration.ofSeconds(90);
    private static final String SAMPLE = "support-messages.csv";
    private static final List<String> DIMENSIONS = List.of("overall", "completeness", "validity", "consistency", "uniqueness", "balance",
            "noise");

    @AutoClose
    private static LocalNiFi nifi;
    private static CleanFlow flow;

    @BeforeAll
    static void importStartAndFeedTheFlow() throws Exception {
        nifi = LocalNiFi.start("clean-flow");
        flow = CleanFlow.importFlow(nifi.client(), LocalNiFi.flowsDirectory(), CleanFlow.Folders.under(nifi.instance().home().resolve("data")));
        flow.enableServices(Duration.ofSeconds(60));
        flow.awaitValidated(Duration.ofSeconds(60));
        flow.startProcessors();
        flow.drop(LocalNiFi.flowsDirectory().resolve(QualityGateJob.SAMPLE), SAMPLE);
        flow.awaitOutput(flow.folders().profileAfter(), SAMPLE + ".profile.json", OUTPUT_TIMEOUT);
        flow.awaitOutput(flow.folders().cleaned(), SAMPLE, OUTPUT_TIMEOUT);
        flow.awaitOutput(flow.folders().rejected(), SAMPLE, OUTPUT_TIMEOUT);
        flow.awaitOutput(flow.folders().augmented(), SAMPLE, OUTPUT_TIMEOUT);
    }

    @Test
    void everyProcessorOfTheUploadedFlowIsValid() {
        final Map<String, String> statuses = flow.validationStatuses();
        assertEquals(List.of(CleanFlow.AUGMENT_TEXT, CleanFlow.CLEAN_RECORDS, CleanFlow.PROFILE_AFTER, CleanFlow.PROFILE_BEFORE,
                CleanFlow.READ_INPUT, CleanFlow.WRITE_AUGMENTED, CleanFlow.WRITE_CLEANED, CleanFlow.WRITE_PROFILES_AFTER,
                CleanFlow.WRITE_PROFILES_BEFORE, CleanFlow.WRITE_REJECTED, CleanFlow.WRITE_FAILURES),
                statuses.keySet().stream().sorted().toList());
        statuses.forEach((name, status) -> assertEquals("VALID", status, name + " is " + status + ": " + flow.validationErrors().get(name)));
    }

    @Test
    void recordsInAreRecordsCleanedPlusRecordsRejectedEachWithItsReason() throws Exception {
        final List<String> cleaned = Files.readAllLines(flow.folders().cleaned().resolve(SAMPLE));
        final List<String> rejected = Files.readAllLines(flow.folders().rejected().resolve(SAMPLE));
        assertEquals("text,label", cleaned.getFirst());
        assertEquals("text,label,dq_reject_reason", rejected.getFirst());
        // The sample: 200 records; 6 empty texts, 6 exact duplicates, 2 identical texts with a tied label vote.
        final ProvenanceSearch.Event sent = new ProvenanceSearch(nifi.client())
                .awaitEvents(flow.processorId(CleanFlow.WRITE_CLEANED), "SEND", 1, Duration.ofSeconds(60)).getFirst();
        assertEquals("200", sent.attribute("dq.records.in"));
        assertEquals("186", sent.attribute("record.count"));
        assertEquals("14", sent.attribute("dq.records.rejected"));
        final Map<String, Integer> reasons = new TreeMap<>();
        for (final String line : rejected.subList(1, rejected.size())) {
            reasons.merge(line.substring(line.lastIndexOf(',') + 1).split(":")[0], 1, Integer::sum);
        }
        assertEquals(Map.of("duplicates", 6, "labels", 2, "text", 6), reasons);
        assertEquals(List.of(), QualityGateFlowIT.fileNames(flow.folders().failure()));
    }

    @Test
    void theProfileAfterCleaningScoresAtLeastAsHighOnEveryDimension() throws Exception {
        final JsonNode before = NiFiRestClient.json().readTree(flow.folders().profileBefore().resolve(SAMPLE + ".profile.json").toFile());
        final JsonNode after = NiFiRestClient.json().readTree(flow.folders().profileAfter().resolve(SAMPLE + ".profile.json").toFile());
        assertEquals(200, before.path("recordCount").asInt());
        assertEquals(186, after.path("recordCount").asInt());
        for (final String dimension : DIMENSIONS) {
            final double was = before.path("scores").path(dimension).asDouble();
            final double is = after.path("scores").path(dimension).asDouble();
            assertTrue(is >= was, dimension + ": " + was + " before, " + is + " after");
        }
        assertTrue(after.path("scores").path("overall").asDouble() > before.path("scores").path("overall").asDouble());
    }

    @Test
    void augmentTextBalancesTheCleanedClassesWithMarkedCopiesOfTheirSources() throws Exception {
        final List<String> cleaned = Files.readAllLines(flow.folders().cleaned().resolve(SAMPLE));
        final List<String> augmented = Files.readAllLines(flow.folders().augmented().resolve(SAMPLE));
        assertEquals("text,label,dq_augmented,dq_source_index", augmented.getFirst());
        final Map<String, Integer> perClass = new TreeMap<>();
        int copies = 0;
        for (final String line : augmented.subList(1, augmented.size())) {
            final String[] tail = line.substring(line.lastIndexOf(',', line.lastIndexOf(',', line.lastIndexOf(',') - 1) - 1) + 1).split(",");
            perClass.merge(tail[0], 1, Integer::sum);
            copies += Boolean.parseBoolean(tail[1]) ? 1 : 0;
        }
        assertEquals(cleaned.size() - 1, augmented.size() - 1 - copies, "every cleaned record is there once, plus the copies");
        assertEquals(1, perClass.remove(""), "the one record without a label passes unchanged, with no copy");
        final int largest = perClass.values().stream().max(Integer::compare).orElseThrow();
        perClass.forEach((label, count) -> assertEquals(largest, count, "class " + label + " reaches the largest class: " + perClass));
        assertEquals(5, perClass.size(), "billing, technical, shipping, account, spam: " + perClass);
    }

    @Test
    void noProcessorReportedAnError() {
        assertEquals(List.of(), nifi.client().bulletins().stream().filter(b -> "ERROR".equals(b.path("level").asText())).toList());
        assertEquals(0, flow.queuedInGroup());
    }
}
