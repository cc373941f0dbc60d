package io.nifidq.service;

import io.nifidq.ml.encoder.BundledEncoders;
import io.nifidq.ml.encoder.SharedEncoders;
import io.nifidq.service.api.TextClassifierService;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The model service serving a head on the real bundled English encoder, alone and swapped with n-gram models. */
class EncoderModelServiceTest {

    private static final String ON_THE_CPU = "cpu() (CPUExecutionProvider)";
    private static final String NGRAM_ON_THE_CPU = "cpu()";

    @TempDir
    Path models;

    private final TestRunner runner = ServiceRunners.noOpRunner();
    private DjlTextClassifierService service;

    @BeforeEach
    void setUp() throws Exception {
        service = addService("classifier");
    }

    private DjlTextClassifierService addService(final String id) throws Exception {
        return ServiceRunners.addService(runner, id, models,
                Map.of(DjlTextClassifierService.ENCODER_CACHE_DIRECTORY, TrainedEncoderModels.CACHE.toString()));
    }

    @AfterEach
    void tearDown() {
        ServiceRunners.disable(runner, service);
    }

    @Test
    void anEncoderModelIsServedOnTheCpuAndPredictsTheObviousLabels() throws Exception {
        TrainedEncoderModels.publish(models);
        runner.enableControllerService(service);

        assertEquals("v0001", service.modelVersion());
        assertEquals(TrainedEncoderModels.LABELS, service.labels());
        assertEquals(ON_THE_CPU, service.device(), "this machine has no GPU, so auto means ONNX Runtime's CPU provider");
        final List<String> unseen = Arrays.asList("This is a lovely, wonderful product and I am delighted",
                " ", "A horrible, disgusting mess that ruined my day", null, "Fantastic, I really love it");
        final TextClassifierService.Classification result = service.classify(unseen, 2);
        assertEquals("v0001", result.modelVersion());
        assertEquals(ON_THE_CPU, result.device());
        assertEquals(0, result.truncatedTexts());
        assertEquals(Arrays.asList("positive", null, "negative", null, "positive"), result.predictions().stream()
                .map(prediction -> prediction == null ? null : prediction.label()).toList());
        final TextClassifierService.Prediction first = result.predictions().getFirst();
        assertEquals(2, first.top().size());
        assertEquals(1.0, first.top().get(0).probability() + first.top().get(1).probability(), 1e-6);
    }

    @Test
    void textsLongerThanTheEncoderReadsAreCutAndCounted() throws Exception {
        TrainedEncoderModels.publish(models);
        runner.enableControllerService(service);
        final String longerThan512Tokens = "wonderful ".repeat(600);

        final TextClassifierService.Classification result = service.classify(List.of("short and great", longerThan512Tokens,
                longerThan512Tokens + "day", "awful"), 0);

        assertEquals(2, result.truncatedTexts());
        assertEquals(4, result.predictions().size());
    }

    @Test
    void aHotSwapFromAnNgramModelToAnEncoderModelAndBackAnswersEveryRequest() throws Exception {
        TrainedModels.publish(models, 1);
        runner.setProperty(service, DjlTextClassifierService.RELOAD_INTERVAL, "100 millis");
        runner.enableControllerService(service);
        final int callerCount = 3;
        final Map<String, String> deviceOfVersion = new ConcurrentHashMap<>();
        final Map<String, CountDownLatch> answeredBy = Map.of("v0001", new CountDownLatch(callerCount),
                "v0002", new CountDownLatch(callerCount), "v0003", new CountDownLatch(callerCount));
        final Callers callers = new Callers(callerCount, () -> service.classify(TrainedModels.TEXTS, 1), () -> {
            final List<String> versionsSeen = new ArrayList<>();
            return result -> {
                assertEquals(TrainedModels.TEXTS.size(), result.predictions().size());
                assertTrue(result.predictions().stream().allMatch(p -> p != null && p.top().size() == 1));
                deviceOfVersion.merge(result.modelVersion(), result.device(),
                        (known, now) -> known.equals(now) ? known : known + " AND " + now);
                if (!versionsSeen.contains(result.modelVersion())) {
                    versionsSeen.add(result.modelVersion());
                    answeredBy.get(result.modelVersion()).countDown();
                }
            };
        });
        assertTrue(answeredBy.get("v0001").await(60, TimeUnit.SECONDS), "every caller is answered by the n-gram v0001");
        TrainedEncoderModels.publish(models);
        assertTrue(answeredBy.get("v0002").await(60, TimeUnit.SECONDS), "every caller is answered by the encoder v0002");
        assertEquals(ON_THE_CPU, service.device());
        TrainedModels.publish(models, 3);
        assertTrue(answeredBy.get("v0003").await(60, TimeUnit.SECONDS), "every caller is answered by the n-gram v0003");
        final int answered = callers.stop(Duration.ofSeconds(60));

        assertEquals("v0003", service.modelVersion());
        assertEquals(NGRAM_ON_THE_CPU, service.device());
        assertEquals(Map.of("v0001", NGRAM_ON_THE_CPU, "v0002", ON_THE_CPU, "v0003", NGRAM_ON_THE_CPU), deviceOfVersion,
                "each answer names where its own version ran");
        assertTrue(answered >= 3 * callerCount, "answered " + answered);
        assertEquals(TrainedModels.LABELS, service.labels());
    }

    @Test
    void aModelWhoseHeadWasTrainedOnAnotherEncoderIsRefusedAtEnableNamingBothFingerprints() throws Exception {
        final Path version = TrainedEncoderModels.publish(models);
        final String otherFingerprint = "0123456789abcdef".repeat(4);
        TrainedEncoderModels.claimAnotherEncoder(version, otherFingerprint);

        final Throwable thrown = assertThrows(Throwable.class, () -> runner.enableControllerService(service));

        final String bundledFingerprint = BundledEncoders.descriptor(BundledEncoders.ENGLISH).fingerprint();
        assertTrue(messages(thrown).contains("was trained on the encoder " + BundledEncoders.ENGLISH + " with fingerprint "
                + otherFingerprint + ", but bundled " + BundledEncoders.ENGLISH + " now has fingerprint " + bundledFingerprint),
                messages(thrown));
        assertNull(service.modelVersion());
    }

    @Test
    void aGpuAskedForAnEncoderModelWithoutOnnxRuntimeGpuFailsTheEnableSayingWhatToSupply() throws Exception {
        TrainedEncoderModels.publish(models);
        runner.setProperty(service, DjlTextClassifierService.DEVICE, "gpu");

        final Throwable thrown = assertThrows(Throwable.class, () -> runner.enableControllerService(service));

        final String message = messages(thrown);
        assertTrue(message.contains("GPU 0 was asked for, but ONNX Runtime on this node has no CUDA execution provider"), message);
        assertTrue(message.contains("com.microsoft.onnxruntime:onnxruntime_gpu"), message);
        assertTrue(message.contains("CUDA 12 and cuDNN 9"), message);
    }

    @Test
    void twoServicesOfOneNodeShareOneEncoderWhichClosesWithTheLastOfThem() throws Exception {
        TrainedEncoderModels.publish(models);
        final DjlTextClassifierService second = addService("second");
        runner.enableControllerService(service);
        runner.enableControllerService(second);
        assertEquals(1, SharedEncoders.loaded(), "one encoder for the node");
        assertEquals(service.classify(TrainedEncoderModels.POSITIVE, 0).predictions(), second.classify(TrainedEncoderModels.POSITIVE, 0)
                .predictions());

        runner.disableControllerService(second);
        assertEquals(1, SharedEncoders.loaded(), "still held by the first service");
        runner.disableControllerService(service);
        assertEquals(0, SharedEncoders.loaded(), "closed with the last service that used it");
    }

    @Test
    void theEncoderCacheDirectoryMustBeAWritableFolderOrCreatableInOne(@TempDir final Path work) throws Exception {
        runner.setProperty(service, DjlTextClassifierService.ENCODER_CACHE_DIRECTORY, work.resolve("nifi-dq/cache").toString());
        runner.assertValid(service);
        final Path file = Files.writeString(work.resolve("a-file"), "x");
        runner.setProperty(service, DjlTextClassifierService.ENCODER_CACHE_DIRECTORY, file.resolve("cache").toString());
        runner.assertNotValid(service);
        assertFalse(Files.exists(work.resolve("nifi-dq")), "validation creates nothing");
    }

    private static String messages(final Throwable thrown) {
        final StringBuilder messages = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append(" | ");
        }
        return messages.toString();
    }
}
