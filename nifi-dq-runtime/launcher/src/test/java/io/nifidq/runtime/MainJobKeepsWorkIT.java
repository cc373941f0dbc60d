package io.nifidq.runtime;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The main job run the way {@code ./dq run} runs it, three times on one instance home: a second run keeps the first
 * one's models and reports (the n-gram model's and the encoder model's) and trains the next version of each beside them; {@code --reset} starts from an empty instance.
 * Each run prints which it did.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MainJobKeepsWorkIT {

    private static Path home;
    private static Path models;
    private static Path reports;
    private static Path encoderModels;
    private static Path encoderReports;
    private static Path encoderClassified;

    @BeforeAll
    static void emptyHome() throws IOException {
        home = Path.of(System.getProperty("nifi.e2e.home", "target/e2e-nifi")).resolve("main-job").toAbsolutePath();
        NiFiAssembly.deleteRecursively(home);
        final Path data = EarlierWork.dataFolder(home).resolve(EarlierWork.TRAIN_AND_SERVE);
        models = TrainServeFlow.Folders.under(data).models();
        reports = TrainServeFlow.Folders.under(data).reports();
        encoderModels = TrainServeFlow.Folders.under(data).encoder().models();
        encoderReports = TrainServeFlow.Folders.under(data).encoder().reports();
        encoderClassified = TrainServeFlow.Folders.under(data).encoder().classified();
    }

    @AfterAll
    static void stopNiFi() throws Exception {
        QualityGateJob.instance(options(false), Path.of("lib-unused")).stop(Duration.ofSeconds(60));
    }

    @Test
    @Order(1)
    void aFirstRunSaysTheInstanceIsNewAndPublishesTheFirstModelOfEachKind() throws Exception {
        final String output = run(false);
        assertTrue(output.contains("A new, empty instance in " + home), output);
        // The clean-and-profile flow's page: its path printed, the page written there.
        final Path page = CleanFlow.Folders.under(EarlierWork.dataFolder(home).resolve(EarlierWork.CLEAN_AND_PROFILE))
                .pageAfter(Path.of(QualityGateJob.SAMPLE).getFileName().toString());
        assertTrue(output.contains("Page             before and after -> " + page + "\n"), output);
        assertTrue(Files.size(page) > 10_000, page + " is a page");
        assertEquals(List.of("v0001"), versions(models));
        assertEquals(1, files(reports));
        assertEquals(List.of("v0001"), versions(encoderModels));
        assertEquals(1, files(encoderReports));
        assertEquals(1, files(encoderClassified));
        // The encoder model's report beside the n-gram model's: which encoder and head, how long embedding took, per class.
        assertTrue(output.contains("== Train and serve: the encoder model (Pretrained Encoder) =="), output);
        assertTrue(output.contains("Encoder          bge-small-en-v1.5-q (384 dimensions"), output);
        assertTrue(output.contains("Embedded         "), output);
        assertTrue(output.contains("== Train and serve: side by side =="), output);
    }

    @Test
    @Order(2)
    void aSecondRunKeepsTheFirstRunsModelAndReportAndTrainsTheNextVersionBesideThem() throws Exception {
        final String output = run(false);
        assertTrue(output.contains("Kept the earlier work in " + home + ": the saved flow"), output);
        assertTrue(output.contains("1 model version, 1 encoder model version, "), output);
        assertEquals(List.of("v0001", "v0002"), versions(models));
        assertEquals(2, files(reports), "the first run's report is still there beside the second's");
        assertEquals("v0002", Files.readString(models.resolve("LATEST")).trim());
        assertEquals(List.of("v0001", "v0002"), versions(encoderModels));
        assertEquals(2, files(encoderReports));
        assertEquals(2, files(encoderClassified));
        assertEquals("v0002", Files.readString(encoderModels.resolve("LATEST")).trim());
    }

    @Test
    @Order(3)
    void aRunWithResetForgetsTheEarlierWorkAndSaysSo() throws Exception {
        final String output = run(true);
        assertTrue(output.contains("Reset (--reset): forgot the earlier work in " + home + ": the saved flow"), output);
        assertTrue(output.contains("2 model versions, 2 encoder model versions, "), output);
        assertEquals(List.of("v0001"), versions(models));
        assertEquals(1, files(reports));
        assertEquals(List.of("v0001"), versions(encoderModels));
        assertEquals(1, files(encoderReports));
    }

    private static String run(final boolean reset) throws Exception {
        QualityGateJob.instance(options(reset), Path.of("lib-unused")).stop(Duration.ofSeconds(60));
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(new Tee(captured, System.out), true, StandardCharsets.UTF_8)) {
            new QualityGateJob(options(reset), out).run();
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static Options options(final boolean reset) {
        return new Options(Integer.parseInt(System.getProperty("nifi.e2e.port", "18181")), System.getProperty("nifi.e2e.heap", "1g"),
                home, Path.of(System.getProperty("nifi.inputs.dir", "target/nifi-inputs")).toAbsolutePath(),
                LocalNiFi.flowsDirectory().toAbsolutePath(), reset);
    }

    private static List<String> versions(final Path models) throws IOException {
        try (Stream<Path> entries = Files.list(models)) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> n.startsWith("v")).sorted().toList();
        }
    }

    private static long files(final Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile).count();
        }
    }

    /** Writes to both streams: the test reads what the job printed, the build log shows it. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(final OutputStream first, final OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(final int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(final byte[] bytes, final int offset, final int length) throws IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }
    }
}
