package io.nifidq.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example flow docs/flows/clean-and-profile.json in a real NiFi 2.3.0 with the real nifi-dq NAR: ProfileQuality ->
 * CleanRecords -> ProfileQuality on the sample data, the rejected records in their own folder, and the page of the
 * cleaned file against the file as it arrived, opened in headless Chromium (its screenshot under target/screenshots).
 */
class CleanFlowIT {

    private static final Duration OUTPUT_TIMEOUT = Duration.ofSeconds(90);
    private static final String SAMPLE = "support-messages.csv";
    private static final List<String> DIMENSIONS = List.of("overall", "completeness", "validity", "consistency", "uniqueness", "balance",
            "noise");
    private static final int PAGE_WIDTH = 1280;
    private static final int PAGE_HEIGHT = 2400;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @AutoClose
    private static LocalNiFi nifi;
    private static CleanFlow flow;

    @BeforeAll
    static void importStartAndFeedTheFlow() throws Exception {
        nifi = LocalNiFi.start("clean-flow");
        flow = CleanFlow.importFlow(nifi.client(), LocalNiFi.flowsDirectory(), CleanFlow.Folders.under(nifi.instance().home().resolve("data")));
        flow.start(Duration.ofSeconds(60));
        flow.drop(LocalNiFi.flowsDirectory().resolve(QualityGateJob.SAMPLE), SAMPLE);
        flow.awaitOutput(flow.folders().profileBefore(), SAMPLE + ".profile.json", OUTPUT_TIMEOUT);
        flow.awaitOutput(flow.folders().profileAfter(), SAMPLE + ".profile.html", OUTPUT_TIMEOUT);
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
        final JsonNode before = NiFiRestClient.json().readTree(flow.folders().reportBefore(SAMPLE).toFile());
        final ProvenanceSearch.Event after = cleanedFileSent();
        assertEquals(200, before.path("recordCount").asInt());
        assertEquals("186", after.attribute("record.count"));
        for (final String dimension : DIMENSIONS) {
            final double was = before.path("scores").path(dimension).asDouble();
            final double is = Double.parseDouble(after.attribute("dq.score." + dimension));
            assertTrue(is >= was, dimension + ": " + was + " before, " + is + " after");
        }
        assertTrue(Double.parseDouble(after.attribute("dq.score.overall")) > before.path("scores").path("overall").asDouble());
    }

    @Test
    void theBaselineOfTheFileAsItArrivedTravelsOnTheFlowFileToTheProfileAfterCleaning() throws Exception {
        final JsonNode before = NiFiRestClient.json().readTree(flow.folders().reportBefore(SAMPLE).toFile());
        final ProvenanceSearch.Event after = cleanedFileSent();
        assertEquals(before.path("baseline"), NiFiRestClient.json().readTree(after.attribute("dq.profile.baseline")));
        assertTrue(Double.parseDouble(after.attribute("dq.drift.score")) > 0.0, "the cleaning moved the label shares");
    }

    @Test
    void thePageAfterCleaningShowsTheFileBeforeAndAfterInChromium() throws Exception {
        final JsonNode before = NiFiRestClient.json().readTree(flow.folders().reportBefore(SAMPLE).toFile());
        final ProvenanceSearch.Event after = cleanedFileSent();
        final Path page = flow.folders().pageAfter(SAMPLE);
        final HeadlessChromium chromium = HeadlessChromium.find(Files.createDirectories(Path.of("target", "chromium-clean-flow")),
                PAGE_WIDTH, PAGE_HEIGHT);

        final String dom = chromium.dumpDom(page.toUri().toString(), 1_000);
        final String text = dom.replaceAll("<[^>]+>", "");
        assertTrue(dom.contains("<title>Data quality: " + SAMPLE + "</title>"), "the page's title names the file");
        assertTrue(dom.contains("data-json=\"/scores/overall\" data-value=\"" + after.attribute("dq.score.overall") + "\""),
                "the overall score after cleaning, as on the cleaned FlowFile: " + after.attribute("dq.score.overall"));
        assertTrue(text.contains("compared with: FlowFile Attribute"), "the header names the baseline");
        assertTrue(text.contains("Before and afterBaseline: 200 records; this batch: 186 records."), "the before-and-after section");
        final String overallRow = "overall" + shown(before.at("/scores/overall").asDouble()) + shown(Double.parseDouble(after.attribute("dq.score.overall")));
        assertTrue(text.contains(overallRow), "the overall score before and after: " + overallRow);
        assertTrue(text.contains("Drift score (largest PSI):"), "the drift against the file as it arrived");

        final Path png = chromium.screenshot(page.toUri().toString(), 1_000,
                Path.of(System.getProperty("dq.screenshot.dir", "target/screenshots")).resolve("profile-report.png"));
        try (InputStream in = Files.newInputStream(png); DataInputStream data = new DataInputStream(in)) {
            assertArrayEquals(PNG_SIGNATURE, data.readNBytes(PNG_SIGNATURE.length), "a PNG");
            data.skipNBytes(8); // IHDR chunk length and type
            assertEquals(List.of(PAGE_WIDTH, PAGE_HEIGHT), List.of(data.readInt(), data.readInt()), "the window's size");
        }
        assertTrue(Files.size(png) > 100_000, "not a blank page (" + Files.size(png) + " bytes)");
    }

    /** A score as the page shows it: three decimals at most, trailing zeros dropped. */
    private static String shown(final double score) {
        return String.format(Locale.ROOT, "%.3f", score).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static ProvenanceSearch.Event cleanedFileSent() throws InterruptedException {
        return new ProvenanceSearch(nifi.client()).awaitEvents(flow.processorId(CleanFlow.WRITE_CLEANED), "SEND", 1, Duration.ofSeconds(60))
                .getFirst();
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
