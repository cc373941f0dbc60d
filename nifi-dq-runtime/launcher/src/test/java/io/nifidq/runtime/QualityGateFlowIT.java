package io.nifidq.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example flow docs/flows/quality-gate.json, uploaded into a real NiFi 2.3.0 with the real nifi-dq NAR, run on
 * the sample data that ships with the project. The tests run in order on one flow: each drops one file.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QualityGateFlowIT {

    private static final Duration OUTPUT_TIMEOUT = Duration.ofSeconds(90);
    private static final String STRICT_GATE = "0.999";
    private static final int SAMPLE_RECORDS = 200;
    private static final List<String> DIMENSIONS = List.of("completeness", "validity", "consistency", "uniqueness", "balance", "noise");

    @AutoClose
    private static LocalNiFi nifi;
    private static QualityGateFlow flow;
    private static ProvenanceSearch provenance;

    @BeforeAll
    static void importAndStartTheExampleFlow() throws Exception {
        nifi = LocalNiFi.start("quality-gate");
        final Path data = nifi.instance().home().resolve("data");
        flow = QualityGateFlow.importFlow(nifi.client(), LocalNiFi.flowsDirectory(), QualityGateFlow.Folders.under(data), STRICT_GATE);
        flow.start(Duration.ofSeconds(60));
        provenance = new ProvenanceSearch(nifi.client());
    }

    @Test
    @Order(1)
    void everyProcessorOfTheUploadedFlowIsValid() {
        final Map<String, String> statuses = flow.validationStatuses();
        assertEquals(List.of(QualityGateFlow.PROFILE_QUALITY, QualityGateFlow.READ_INPUT, QualityGateFlow.WRITE_BELOW_THRESHOLD,
                        QualityGateFlow.WRITE_PASSED, QualityGateFlow.WRITE_PROFILES, QualityGateFlow.WRITE_FAILURES).stream().sorted().toList(),
                statuses.keySet().stream().sorted().toList());
        statuses.forEach((name, status) -> assertEquals("VALID", status, name + " is " + status + ": " + flow.validationErrors().get(name)));
    }

    @Test
    @Order(2)
    void theDirtySampleFailsAStrictGateAndIsWrittenUnchangedBelowThresholdWithItsProfile() throws Exception {
        final Path sample = LocalNiFi.flowsDirectory().resolve(QualityGateJob.SAMPLE);
        flow.drop(sample, "support-messages.csv");

        final Path belowThreshold = flow.awaitOutput(flow.folders().belowThreshold(), "support-messages.csv", OUTPUT_TIMEOUT);
        final Path profile = flow.awaitOutput(flow.folders().profile(), "support-messages.csv.profile.json", OUTPUT_TIMEOUT);
        final ProvenanceSearch.Event sent = onlyEvent(QualityGateFlow.WRITE_BELOW_THRESHOLD);

        assertArrayEquals(Files.readAllBytes(sample), Files.readAllBytes(belowThreshold), "the original leaves the flow unchanged");
        assertEquals(String.valueOf(SAMPLE_RECORDS), sent.attribute("record.count"));
        final double overall = Double.parseDouble(sent.attribute("dq.score.overall"));
        assertTrue(overall >= 0 && overall < Double.parseDouble(STRICT_GATE), "overall score " + overall + " is below the gate");
        assertNotNull(sent.attribute("dq.gate.violations"), "the reason for the verdict is an attribute");
        assertAll(DIMENSIONS.stream().map(d -> () -> {
            final double score = Double.parseDouble(sent.attribute("dq.score." + d));
            assertTrue(score >= 0 && score <= 1, d + " score " + score + " lies in [0, 1]");
        }));
        final JsonNode report = NiFiRestClient.json().readTree(profile.toFile());
        assertEquals(overall, report.path("scores").path("overall").asDouble(), 1e-9, "the profile report and the attribute agree");
        final List<String> named = new java.util.ArrayList<>();
        report.path("findings").forEach(finding -> named.add(finding.path("name").asText()));
        assertTrue(named.contains("exact_duplicates"), "the sample's repeated messages are named: " + named);
        assertEquals(String.join(",", named), sent.attribute("dq.findings"), "the attribute lists the report's findings");
        assertEquals(List.of(), fileNames(flow.folders().passed()));
        assertEquals(List.of(), fileNames(flow.folders().failure()));
        assertEquals(List.of(), errorBulletins(), "no ERROR bulletin while profiling a readable file");
    }

    @Test
    @Order(3)
    void aFileThatIsNotValidCsvGoesToFailureWithTheReasonAndNoProfile() throws Exception {
        flow.dropText("text,label\n\"an unterminated quote,spam\nnext line,billing\n", "broken.csv");

        final Path failed = flow.awaitOutput(flow.folders().failure(), "broken.csv", OUTPUT_TIMEOUT);
        final ProvenanceSearch.Event sent = onlyEvent(QualityGateFlow.WRITE_FAILURES);

        assertTrue(Files.readString(failed).startsWith("text,label\n\"an unterminated quote"));
        assertFalse(sent.attribute("dq.error").isBlank(), "dq.error says why");
        assertNull(sent.attribute("dq.score.overall"), "an unreadable file gets no score");
        assertFalse(fileNames(flow.folders().profile()).contains("broken.csv.profile.json"));
        final String profileQualityId = flow.processorId(QualityGateFlow.PROFILE_QUALITY);
        assertAll(errorBulletins().stream().map(b -> () -> assertEquals(profileQualityId, b.path("sourceId").asText(),
                "only ProfileQuality reports an error, about the unreadable file: " + b)));
    }

    @Test
    @Order(4)
    void withTheGateLoweredTheSamplePassesAndEveryRecordComesOut() throws Exception {
        final String profileQuality = flow.processorId(QualityGateFlow.PROFILE_QUALITY);
        nifi.client().setProcessorRunStatus(profileQuality, "STOPPED");
        nifi.client().updateProcessorProperties(profileQuality, Map.of("Minimum Overall Score", "0.0"));
        nifi.client().setProcessorRunStatus(profileQuality, "RUNNING");
        final Path sample = LocalNiFi.flowsDirectory().resolve(QualityGateJob.SAMPLE);
        flow.drop(sample, "support-messages-again.csv");

        final Path passed = flow.awaitOutput(flow.folders().passed(), "support-messages-again.csv", OUTPUT_TIMEOUT);
        flow.awaitOutput(flow.folders().profile(), "support-messages-again.csv.profile.json", OUTPUT_TIMEOUT);
        final ProvenanceSearch.Event sent = onlyEvent(QualityGateFlow.WRITE_PASSED);

        assertArrayEquals(Files.readAllBytes(sample), Files.readAllBytes(passed));
        assertEquals(String.valueOf(SAMPLE_RECORDS), sent.attribute("record.count"));
        assertNull(sent.attribute("dq.gate.violations"), "a passing file has no violations");
        assertEquals(List.of("support-messages.csv"), fileNames(flow.folders().belowThreshold()), "nothing else went below threshold");
        assertEquals(List.of("support-messages-again.csv.profile.json", "support-messages.csv.profile.json"), fileNames(flow.folders().profile()));
        assertEquals(0, flow.queuedInGroup());
    }

    private static ProvenanceSearch.Event onlyEvent(final String writer) throws InterruptedException {
        final List<ProvenanceSearch.Event> events = provenance.awaitEvents(flow.processorId(writer), "SEND", 1, Duration.ofSeconds(60));
        assertEquals(1, events.size(), writer + " wrote exactly one file: " + events);
        return events.getFirst();
    }

    private static List<JsonNode> errorBulletins() {
        return nifi.client().bulletins().stream().filter(b -> "ERROR".equals(b.path("level").asText())).toList();
    }

    static List<String> fileNames(final Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
