package io.nifidq.runtime;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * NiFi is stopped while FlowFiles wait in the queue before ProfileQuality and started again: every FlowFile is
 * then profiled and written exactly once, and none is lost.
 */
class RestartSafetyIT {

    private static final int FILES = 5;
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @AutoClose
    private static LocalNiFi nifi;

    @BeforeAll
    static void startNiFi() throws Exception {
        nifi = LocalNiFi.start("restart-safety");
    }

    @Test
    void flowFilesQueuedBeforeProfileQualitySurviveARestartAndAreProcessedExactlyOnce() throws Exception {
        final QualityGateFlow.Folders folders = QualityGateFlow.Folders.under(nifi.instance().home().resolve("data"));
        QualityGateFlow flow = QualityGateFlow.importFlow(nifi.client(), LocalNiFi.flowsDirectory(), folders, "0.0");
        flow.enableServices(TIMEOUT);
        flow.awaitValidated(TIMEOUT);
        for (final String name : List.of(QualityGateFlow.READ_INPUT, QualityGateFlow.WRITE_PASSED, QualityGateFlow.WRITE_PROFILES,
                QualityGateFlow.WRITE_BELOW_THRESHOLD, QualityGateFlow.WRITE_FAILURES)) {
            nifi.client().setProcessorRunStatus(flow.processorId(name), "RUNNING");
        }
        final Map<String, String> inputs = new TreeMap<>();
        for (final int batch : IntStream.rangeClosed(1, FILES).toArray()) {
            final String name = "batch-" + batch + ".csv";
            inputs.put(name, batchOf(batch));
            flow.dropText(inputs.get(name), name);
        }
        final QualityGateFlow queued = flow;
        QualityGateFlow.await(TIMEOUT, FILES + " FlowFiles queued before ProfileQuality", () -> queued.queuedAfter(QualityGateFlow.READ_INPUT) == FILES);

        nifi.stop();
        assertFalse(nifi.instance().isRunning(), "NiFi's process has ended");
        nifi.startAndConnect();

        flow = QualityGateFlow.existing(nifi.client(), flow.groupId(), folders);
        flow.awaitValidated(TIMEOUT);
        assertEquals(FILES, flow.queuedAfter(QualityGateFlow.READ_INPUT), "every queued FlowFile is still queued after the restart");
        assertEquals(List.of(), QualityGateFlowIT.fileNames(folders.passed()), "nothing was processed while ProfileQuality was stopped");

        nifi.client().setProcessorRunStatus(flow.processorId(QualityGateFlow.PROFILE_QUALITY), "RUNNING");
        final QualityGateFlow restarted = flow;
        QualityGateFlow.await(TIMEOUT, "every batch written", () -> count(folders.passed()) == FILES && count(folders.profile()) == FILES
                && restarted.queuedInGroup() == 0);

        assertEquals(List.copyOf(inputs.keySet()), QualityGateFlowIT.fileNames(folders.passed()));
        for (final Map.Entry<String, String> input : inputs.entrySet()) {
            assertEquals(input.getValue(), Files.readString(folders.passed().resolve(input.getKey())), input.getKey() + " unchanged");
        }
        final List<ProvenanceSearch.Event> sent = new ProvenanceSearch(nifi.client())
                .awaitEvents(flow.processorId(QualityGateFlow.WRITE_PASSED), "SEND", FILES, TIMEOUT);
        assertEquals(inputs.keySet().stream().collect(Collectors.toMap(name -> name, name -> Integer.toString(recordsIn(name)))),
                sent.stream().collect(Collectors.toMap(e -> e.attribute("filename"), e -> e.attribute("record.count"))),
                "each batch was sent exactly once (a duplicate filename would fail here), with all its records");
        assertEquals(FILES, new ProvenanceSearch(nifi.client()).events(flow.processorId(QualityGateFlow.WRITE_PROFILES), "SEND").size(),
                "one profile per batch");
        assertEquals(List.of(), QualityGateFlowIT.fileNames(folders.failure()));
        assertEquals(List.of(), QualityGateFlowIT.fileNames(folders.belowThreshold()));
    }

    /** Batch n holds 10 + n records, so that each record count tells its batch. */
    private static String batchOf(final int batch) {
        final StringBuilder csv = new StringBuilder("text,label\n");
        for (int i = 0; i < recordsIn("batch-" + batch + ".csv"); i++) {
            csv.append("Batch ").append(batch).append(" message ").append(i).append(" about my order,").append(i % 2 == 0 ? "billing" : "shipping").append('\n');
        }
        return csv.toString();
    }

    private static int recordsIn(final String name) {
        return 10 + Integer.parseInt(name.replaceAll("\\D", ""));
    }

    private static long count(final Path folder) {
        try (var files = Files.list(folder)) {
            return files.count();
        } catch (final java.io.IOException e) {
            return -1;
        }
    }
}
