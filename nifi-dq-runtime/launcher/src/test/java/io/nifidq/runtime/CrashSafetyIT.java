package io.nifidq.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NiFi killed with SIGKILL in the middle of the work (no orderly shutdown, as an out-of-memory killer or a lost
 * machine would) and started again: the FlowFile being worked on is worked on again, and nothing half-done is
 * ever visible.
 */
class CrashSafetyIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(4);

    @AutoClose
    private static LocalNiFi nifi;

    @BeforeAll
    static void startNiFi() throws Exception {
        nifi = LocalNiFi.start("crash-safety");
    }

    @Test
    void aKillDuringTrainingPublishesExactlyOneWholeVersionAfterTheRestartAndNoPartialOneBefore() throws Exception {
        final TrainServeFlow.Folders folders = TrainServeFlow.Folders.under(nifi.instance().home().resolve("data"));
        // The n-gram model's branch: the encoder model would embed AG News' 10,000 texts beside it.
        final TrainServeFlow flow = TrainServeFlow.importFlow(nifi.client(), LocalNiFi.flowsDirectory(), folders,
                EnumSet.of(TrainServeFlow.Model.NGRAM));
        flow.enableServicesExcept(Set.of(TrainServeFlow.CLASSIFIER_SERVICE), Duration.ofSeconds(60));
        flow.awaitValidated(Duration.ofSeconds(60));
        flow.startProcessors();
        // AG News' 10,000 training records: long enough a training to kill it half way.
        flow.drop(LocalNiFi.datasets().resolve("ag_news/split/train.csv"), "ag-news-train.csv");
        final String train = flow.processorId(TrainServeFlow.TRAIN);
        ImportedFlow.await(TIMEOUT, "TrainClassifier at work", () -> activeThreads(train) > 0);
        Thread.sleep(2_000);

        assertTrue(nifi.instance().kill());
        assertEquals(List.of(), versionsAndTemporaryFolders(folders.models()).stream().filter(n -> n.startsWith("v")).toList(),
                "killed before its training ended: no version published");
        assertFalse(Files.exists(folders.models().resolve("LATEST")));

        nifi.startAndConnect();
        final Path report = flow.awaitOutput(folders.reports(), "ag-news-train.csv", TIMEOUT);
        final JsonNode evaluation = NiFiRestClient.json().readTree(report.toFile());
        assertEquals("v0001", evaluation.path("model").path("version").asText());
        assertEquals(List.of("v0001"), versionsAndTemporaryFolders(folders.models()).stream().filter(n -> n.startsWith("v")).toList(),
                "the queued FlowFile trained once after the restart");
        assertEquals("v0001", Files.readString(folders.models().resolve("LATEST")).trim());
        flow.enableService(TrainServeFlow.CLASSIFIER_SERVICE, TIMEOUT);
        assertEquals("ENABLED", flow.serviceState(TrainServeFlow.CLASSIFIER_SERVICE), "the service verified and loaded v0001");
    }

    @Test
    void aKillDuringCleanRecordsWithASharedCacheStoresNoKeyForRecordsThatWereNotWritten() throws Exception {
        final Path home = nifi.instance().home();
        final CleanFlow.Folders folders = CleanFlow.Folders.under(home.resolve("data-clean"));
        final CleanFlow flow = CleanFlow.importFlow(nifi.client(), LocalNiFi.flowsDirectory(), folders);
        final String port = Integer.toString(LocalPorts.anyFree());
        // A cache that outlives NiFi's process, as a cache on another machine would: kept keys survive the kill.
        nifi.client().createControllerService(flow.groupId(), "org.apache.nifi.distributed.cache.server.map.MapCacheServer", "Duplicate keys",
                Map.of("Port", port, "Persistence Directory", home.resolve("cache").toString()));
        final String client = nifi.client().createControllerService(flow.groupId(), "org.apache.nifi.distributed.cache.client.MapCacheClientService",
                "Duplicate keys client", Map.of("Server Hostname", "localhost", "Server Port", port));
        // One key space per file: the second file, the same records, must come out exactly as the first did.
        nifi.client().updateProcessorProperties(flow.processorId(CleanFlow.CLEAN_RECORDS),
                Map.of("Distributed Duplicate Cache", client, "Duplicate Cache Key Prefix", "${filename}"));
        flow.start(Duration.ofSeconds(60));
        final Path records = LocalNiFi.datasets().resolve("ag_news/split/train.csv");

        flow.drop(records, "control.csv");
        final ProvenanceSearch.Event control = cleaned(flow, folders, "control.csv");
        flow.drop(records, "killed.csv");
        final String clean = flow.processorId(CleanFlow.CLEAN_RECORDS);
        ImportedFlow.await(TIMEOUT, "CleanRecords at work on killed.csv", () -> activeThreads(clean) > 0, Duration.ofMillis(50));
        assertTrue(nifi.instance().kill());

        nifi.startAndConnect();
        final ProvenanceSearch.Event killed = cleaned(flow, folders, "killed.csv");
        assertEquals(control.attribute("record.count"), killed.attribute("record.count"), "records kept after the kill and restart");
        assertEquals(control.attribute("dq.records.rejected"), killed.attribute("dq.records.rejected"), "records rejected");
        assertTrue(Integer.parseInt(control.attribute("record.count")) > 9_000, "AG News' 10,000 training texts are mostly distinct");
    }

    private static ProvenanceSearch.Event cleaned(final CleanFlow flow, final CleanFlow.Folders folders, final String name) throws Exception {
        ImportedFlow.await(TIMEOUT, name + " cleaned", () -> Files.exists(folders.cleaned().resolve(name)));
        return new ProvenanceSearch(nifi.client()).awaitEventFor(flow.processorId(CleanFlow.WRITE_CLEANED), "SEND", name, Duration.ofSeconds(60));
    }

    private static int activeThreads(final String processorId) {
        return nifi.client().processor(processorId).path("status").path("aggregateSnapshot").path("activeThreadCount").asInt();
    }

    private static List<String> versionsAndTemporaryFolders(final Path models) throws Exception {
        if (!Files.isDirectory(models)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(models)) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
