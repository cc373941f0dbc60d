package io.nifidq.service;

import ai.djl.metric.Metrics;
import io.nifidq.service.api.TextClassifierService;
import io.nifidq.ml.model.ModelFiles;
import io.nifidq.ml.model.ModelStore;
import io.nifidq.ml.model.ModelType;
import io.nifidq.ml.model.TextClassifierModel;
import org.apache.nifi.util.LogMessage;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DjlTextClassifierServiceTest {

    @TempDir
    Path models;

    private TestRunner runner;
    private DjlTextClassifierService service;

    @BeforeEach
    void setUp() throws Exception {
        runner = ServiceRunners.noOpRunner();
        service = ServiceRunners.addService(runner, "classifier", models, Map.of());
    }

    @AfterEach
    void tearDown() {
        ServiceRunners.disable(runner, service);
    }

    private static String rootMessage(final Throwable thrown) {
        Throwable t = thrown;
        final StringBuilder messages = new StringBuilder();
        while (t != null) {
            messages.append(t.getMessage()).append(" | ");
            t = t.getCause();
        }
        return messages.toString();
    }

    @Test
    void enablingLoadsTheLatestVersionAndClassifiesBatchesInOrder() throws Exception {
        TrainedModels.publish(models, 1);
        runner.enableControllerService(service);
        assertEquals("v0001", service.modelVersion());
        assertEquals(TrainedModels.LABELS, service.labels());
        assertEquals("cpu()", service.device(), "this machine has no GPU, so auto means the CPU");

        final List<String> texts = Arrays.asList("refund my invoice please", "", null, "app crash on start", "love it");
        final TextClassifierService.Classification result = service.classify(texts, 2);
        assertEquals("v0001", result.modelVersion());
        assertEquals(5, result.predictions().size());
        assertNull(result.predictions().get(1), "a blank text gets no prediction");
        assertNull(result.predictions().get(2), "a missing text gets no prediction");
        assertEquals(List.of("billing", "bug", "praise"), List.of(result.predictions().get(0).label(),
                result.predictions().get(3).label(), result.predictions().get(4).label()), "a model trained on these texts knows them");
        final TextClassifierService.Prediction first = result.predictions().getFirst();
        assertEquals(2, first.top().size());
        assertEquals(first.confidence(), first.top().getFirst().probability(), 1e-9);
        assertTrue(first.top().get(0).probability() >= first.top().get(1).probability());
    }

    @Test
    void largeCallsAreSplitIntoBatchesWithTheSameAnswers() throws Exception {
        TrainedModels.publish(models, 1);
        runner.setProperty(service, DjlTextClassifierService.MAX_BATCH_SIZE, "3");
        runner.enableControllerService(service);
        final List<String> texts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            texts.addAll(TrainedModels.TEXTS);
        }
        final List<TextClassifierService.Prediction> predictions = service.classify(texts, 0).predictions();
        assertEquals(120, predictions.size());
        for (int i = 12; i < 120; i++) {
            assertEquals(predictions.get(i % 12), predictions.get(i), "text " + i);
        }
    }

    @Test
    void aMaximumBatchSizeOf1000MeansForwardPassesOf1000Texts() throws Exception {
        // The TextCNN runs forward passes; the fastText-style model computes each text on its own.
        TrainedModels.publish(models, 1, ModelType.TEXTCNN);
        runner.setProperty(service, DjlTextClassifierService.MAX_BATCH_SIZE, "1000");
        final Metrics passes = new Metrics();
        service.recordForwardPasses(passes);
        runner.enableControllerService(service);
        final List<String> texts = new ArrayList<>();
        while (texts.size() < 2_500) {
            texts.addAll(TrainedModels.TEXTS);
        }
        texts.set(7, " ");
        final List<TextClassifierService.Prediction> predictions = service.classify(texts.subList(0, 2_501), 0).predictions();
        assertEquals(2_501, predictions.size());
        assertEquals(List.of(1_000, 1_000, 500), passes.getMetric(TextClassifierModel.FORWARD_BATCH_SIZE).stream()
                .map(pass -> pass.getValue().intValue()).toList(), "2,500 texts and a blank one, which is not sent");
    }

    @Test
    void anEmptyModelDirectoryFailsTheEnableAndSaysWhy() {
        final Throwable thrown = assertThrows(Throwable.class, () -> runner.enableControllerService(service));
        assertTrue(rootMessage(thrown).contains("No model has been published"), rootMessage(thrown));
    }

    @Test
    void aCorruptModelFailsTheEnableAndSaysWhichFile() throws Exception {
        final Path version = TrainedModels.publish(models, 1);
        Files.write(version.resolve(ModelFiles.PARAMETERS), new byte[] {1, 2, 3});
        final Throwable thrown = assertThrows(Throwable.class, () -> runner.enableControllerService(service));
        assertTrue(rootMessage(thrown).contains("corrupt: " + ModelFiles.PARAMETERS), rootMessage(thrown));
    }

    @Test
    void aBrokenNewerVersionIsReportedOnceNamingTheFileAndTheCheckAndAgainOnlyWhenItChanges() throws Exception {
        TrainedModels.publish(models, 1);
        runner.setProperty(service, DjlTextClassifierService.RELOAD_INTERVAL, "0 sec");
        runner.enableControllerService(service);
        final Path broken = TrainedModels.publish(models, 2);
        final Path checksums = broken.resolve(ModelStore.CHECKSUMS);
        Files.write(checksums, new byte[] {(byte) 0xff, (byte) 0xfe, 'x'});
        for (int check = 0; check < 5; check++) {
            service.loadNewerVersion();
        }
        final List<String> warnings = warnings();
        assertEquals(1, warnings.size(), "five checks of one broken version: " + warnings);
        assertTrue(warnings.getFirst().contains("still serving v0001: The model in " + broken + " is corrupt: " + ModelStore.CHECKSUMS
                + " is not UTF-8 text"), warnings.getFirst());
        assertEquals("v0001", service.modelVersion());

        Files.writeString(checksums, "not a checksum line\n");
        service.loadNewerVersion();
        service.loadNewerVersion();
        assertEquals(2, warnings().size(), "the changed version is checked and reported again, once: " + warnings());
        assertTrue(warnings().getLast().contains("malformed " + ModelStore.CHECKSUMS + " line"), warnings().getLast());

        final Path good = TrainedModels.publish(models, 3);
        service.loadNewerVersion();
        assertEquals(good.getFileName().toString(), service.modelVersion());
        assertEquals(2, warnings().size());
    }

    private List<String> warnings() {
        return runner.getControllerServiceLogger("classifier").getWarnMessages().stream().map(LogMessage::getMsg).toList();
    }

    @Test
    void aGpuThatIsNotThereFailsTheEnable() throws Exception {
        TrainedModels.publish(models, 1);
        runner.setProperty(service, DjlTextClassifierService.DEVICE, "gpu:0");
        final Throwable thrown = assertThrows(Throwable.class, () -> runner.enableControllerService(service));
        assertTrue(rootMessage(thrown).contains("reports 0 GPU"), rootMessage(thrown));
        runner.setProperty(service, DjlTextClassifierService.DEVICE, "tpu");
        runner.assertNotValid(service);
    }

    @Test
    void aNewerVersionIsSwappedInWhileCallersKeepGettingAnswers() throws Exception {
        TrainedModels.publish(models, 1);
        runner.setProperty(service, DjlTextClassifierService.RELOAD_INTERVAL, "100 millis");
        runner.enableControllerService(service);
        final int callerCount = 3;
        final Set<String> versionsSeen = ConcurrentHashMap.newKeySet();
        final CountDownLatch answeredByV1 = new CountDownLatch(callerCount);
        final CountDownLatch answeredByV2 = new CountDownLatch(callerCount);
        final Callers callers = new Callers(callerCount, () -> service.classify(TrainedModels.TEXTS, 1), () -> {
            final Set<String> seenByThisCaller = new HashSet<>();
            return result -> {
                assertEquals(12, result.predictions().size());
                versionsSeen.add(result.modelVersion());
                if (seenByThisCaller.add(result.modelVersion())) {
                    if ("v0001".equals(result.modelVersion())) {
                        answeredByV1.countDown();
                    }
                    if ("v0002".equals(result.modelVersion())) {
                        answeredByV2.countDown();
                    }
                }
            };
        });
        assertTrue(answeredByV1.await(30, TimeUnit.SECONDS), "every caller is answered by v0001 before v0002 is published");
        TrainedModels.publish(models, 2);
        assertTrue(answeredByV2.await(30, TimeUnit.SECONDS), "every caller is answered by v0002 once the watcher swaps it in");
        final int answered = callers.stop(Duration.ofSeconds(30));
        assertEquals("v0002", service.modelVersion());
        assertEquals(Set.of("v0001", "v0002"), versionsSeen);
        assertTrue(answered > 0);
    }

    @Test
    void aPinnedVersionStaysWhenNewerOnesAppear() throws Exception {
        TrainedModels.publish(models, 1);
        TrainedModels.publish(models, 2);
        runner.setProperty(service, DjlTextClassifierService.MODEL_VERSION, "v0001");
        runner.enableControllerService(service);
        assertEquals("v0001", service.modelVersion());
        runner.disableControllerService(service);
        assertThrows(IllegalStateException.class, () -> service.classify(List.of("x"), 0));
    }

    /**
     * Resident memory of this process (from /proc, Linux) less what the JVM has committed for its heap and
     * its own non-heap areas: the native memory of libtorch and the tensors.
     */
    private static long nativeBytes() throws Exception {
        final String[] statm = Files.readString(Path.of("/proc/self/statm")).trim().split("\\s+");
        final java.lang.management.MemoryMXBean jvm = java.lang.management.ManagementFactory.getMemoryMXBean();
        return Long.parseLong(statm[1]) * 4096 - jvm.getHeapMemoryUsage().getCommitted() - jvm.getNonHeapMemoryUsage().getCommitted();
    }

    /** The n-gram families (TrainedModels trains those; an encoder model, frozen or fine-tuned, at 100k texts would take minutes on a CPU). */
    @ParameterizedTest
    @EnumSource(value = ModelType.class, mode = EnumSource.Mode.EXCLUDE, names = {"PRETRAINED_ENCODER", "FINE_TUNED_ENCODER"})
    void a100kPredictionsDoNotGrowNativeMemory(final ModelType type) throws Exception {
        TrainedModels.publish(models, 1, type);
        runner.enableControllerService(service);
        final List<String> batch = new ArrayList<>();
        while (batch.size() < 1_000) {
            batch.addAll(TrainedModels.TEXTS);
        }
        // Warm up first: the allocators of the JVM and of libtorch grow to their working size in the first 100k.
        for (int i = 0; i < 100; i++) {
            service.classify(batch, 1);
        }
        System.gc();
        final long before = nativeBytes();
        int predictions = 0;
        while (predictions < 100_000) {
            predictions += service.classify(batch, 1).predictions().size();
        }
        System.gc();
        final long grown = nativeBytes() - before;
        // A leak of the per-batch arrays (as a lookup attached to the model's manager once caused) adds about 290 MB per 100k.
        assertTrue(grown < 32L * 1024 * 1024, "native memory grew by " + grown / 1024 + " KB over " + predictions + " predictions");
    }
}
