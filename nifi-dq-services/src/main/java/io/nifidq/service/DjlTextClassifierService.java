package io.nifidq.service;

import ai.djl.metric.Metrics;
import io.nifidq.ml.encoder.EncoderOptions;
import io.nifidq.ml.model.ModelStore;
import io.nifidq.ml.model.ModelVersion;
import io.nifidq.ml.serving.DeviceChoice;
import io.nifidq.ml.serving.EncoderClassifierModel;
import io.nifidq.ml.serving.ModelHolder;
import io.nifidq.ml.serving.ServedModel;
import io.nifidq.ml.serving.ServedModels;
import io.nifidq.ml.serving.ServingPlacement;
import io.nifidq.service.api.TextClassifierService;
import org.apache.nifi.annotation.behavior.SystemResource;
import org.apache.nifi.annotation.behavior.SystemResourceConsideration;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.lifecycle.OnDisabled;
import org.apache.nifi.annotation.lifecycle.OnEnabled;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.resource.ResourceCardinality;
import org.apache.nifi.components.resource.ResourceType;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.controller.ConfigurationContext;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.reporting.InitializationException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

@Tags({"machine learning", "text classification", "inference", "model", "djl", "pytorch", "onnx", "bert", "transformer", "gpu", "dq"})
@CapabilityDescription("Holds one text classifier trained by TrainClassifier in memory and classifies texts for every ClassifyText "
        + "of the node: an n-gram model (PyTorch engine) or a head on a pretrained BERT-family encoder (ONNX Runtime engine; the "
        + "encoder is loaded once per node and shared), on a GPU when its engine has one and on the CPU otherwise. Enabling it "
        + "loads and verifies the model (metadata, format version, checksums, the encoder's fingerprint); with Model Version "
        + "'latest' it watches the model directory and swaps in a newer version, of either family, without failing or holding up "
        + "a request.")
@SeeAlso(classNames = {"io.nifidq.processors.classify.ClassifyText", "io.nifidq.processors.train.TrainClassifier"})
@SystemResourceConsideration(resource = SystemResource.MEMORY, description = "The model stays in native memory while the service "
        + "is enabled: an n-gram model's parameters (about buckets x embedding size x 4 bytes: 4 MB at the defaults); an encoder "
        + "model's head (under 1 MB) and its encoder (about 100 MB for a bundled int8 encoder, loaded once per node and shared with "
        + "every service and TrainClassifier that uses it). During a swap the old and the new model are held together until the "
        + "old one's requests finish.")
@SystemResourceConsideration(resource = SystemResource.CPU, description = "An encoder model costs far more per text than an n-gram "
        + "model: on a CPU about 100 to 350 short English texts per second on 2 cores (35 to 55 Chinese reviews), against hundreds "
        + "of thousands for an n-gram model. Inference Threads bounds the cores it takes.")
public class DjlTextClassifierService extends AbstractControllerService implements TextClassifierService {

    public static final PropertyDescriptor MODEL_DIRECTORY = new PropertyDescriptor.Builder()
            .name("Model Directory")
            .description("The directory TrainClassifier publishes into (its Model Directory): versions v0001, v0002, ... and a "
                    + "LATEST file.")
            .required(true)
            .identifiesExternalResource(ResourceCardinality.SINGLE, ResourceType.DIRECTORY)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .build();

    public static final PropertyDescriptor MODEL_VERSION = new PropertyDescriptor.Builder()
            .name("Model Version")
            .description("'latest' to serve the newest version and switch to newer ones as they appear, or a version such as "
                    + "v0003 to pin one.")
            .required(true)
            .defaultValue("latest")
            .addValidator(StandardValidators.createRegexMatchingValidator(java.util.regex.Pattern.compile("(?i)latest|v\\d{4,}")))
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .build();

    public static final PropertyDescriptor DEVICE = new PropertyDescriptor.Builder()
            .name("Device")
            .description("auto (a GPU when the model's engine can use one, else the CPU), cpu, gpu or gpu:<index>. n-gram models "
                    + "run on PyTorch: a GPU needs a CUDA build of libtorch supplied by the admin. Encoder models run on ONNX "
                    + "Runtime: a GPU needs the onnxruntime_gpu jar in place of onnxruntime and the CUDA 12 and cuDNN 9 libraries "
                    + "(see the usage page); gpu without them fails the enable, auto falls back to the CPU. nifi-dq bundles the "
                    + "CPU builds only.")
            .required(true)
            .defaultValue("auto")
            .addValidator(StandardValidators.createRegexMatchingValidator(DeviceChoice.SYNTAX))
            .build();

    public static final PropertyDescriptor INFERENCE_THREADS = new PropertyDescriptor.Builder()
            .name("Inference Threads")
            .description("How many classification calls run at the same time; further callers wait their turn. For an "
                    + "encoder model also how many runs of the encoder's graph go at once (one core each on a CPU); an encoder "
                    + "already loaded on this node by another service or TrainClassifier keeps the settings it was loaded with.")
            .required(true)
            .defaultValue("2")
            .addValidator(StandardValidators.POSITIVE_INTEGER_VALIDATOR)
            .build();

    public static final PropertyDescriptor MAX_BATCH_SIZE = new PropertyDescriptor.Builder()
            .name("Maximum Batch Size")
            .description("The most texts in one forward pass of the model; larger calls are split. (The fastText-style model "
                    + "computes each text on its own, without forward passes; an encoder runs one text per run on a CPU and at "
                    + "most 64, or this if smaller, on a GPU.)")
            .required(true)
            .defaultValue("512")
            .addValidator(StandardValidators.createLongValidator(1, 65_536, true))
            .build();

    public static final PropertyDescriptor RELOAD_INTERVAL = new PropertyDescriptor.Builder()
            .name("New Version Check Interval")
            .description("How often to look for a newer version when Model Version is 'latest'; 0 sec turns the check off.")
            .required(true)
            .defaultValue("30 sec")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    public static final PropertyDescriptor ENCODER_CACHE_DIRECTORY = new PropertyDescriptor.Builder()
            .name("Encoder Cache Directory")
            .description("A fixed folder where, for encoder models, ONNX Runtime's native libraries and the bundled encoders are "
                    + "unpacked once and reused at every start (20 MB, and 24 to 34 MB per bundled encoder); created when "
                    + "missing. A relative path is resolved against NiFi's working directory. Nothing is downloaded.")
            .required(true)
            .defaultValue(EncoderOptions.NIFI_CACHE_DIRECTORY)
            .addValidator(WritableDirectory.VALIDATOR)
            .build();

    static final List<PropertyDescriptor> PROPERTIES = List.of(MODEL_DIRECTORY, MODEL_VERSION, DEVICE, INFERENCE_THREADS,
            MAX_BATCH_SIZE, RELOAD_INTERVAL, ENCODER_CACHE_DIRECTORY);

    private final ModelHolder<ServedModel> holder = new ModelHolder<>();
    private volatile ModelStore store;
    private volatile ServingPlacement placement;
    /** Where the current model runs, as {@link ServedModel#runsOn()} says. */
    private volatile String runsOn;
    private volatile Semaphore permits;
    private volatile int maxBatchSize;
    private volatile ScheduledExecutorService watcher;
    private volatile List<String> labels = List.of();
    private volatile int currentNumber;
    /** The fingerprint of the newer version that failed to load, reported once; null when none did. */
    private volatile String brokenVersion;
    private volatile Metrics forwardPasses;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @OnEnabled
    public void onEnabled(final ConfigurationContext context) throws InitializationException {
        store = new ModelStore(Path.of(context.getProperty(MODEL_DIRECTORY).evaluateAttributeExpressions().getValue()));
        permits = new Semaphore(context.getProperty(INFERENCE_THREADS).asInteger(), true);
        maxBatchSize = context.getProperty(MAX_BATCH_SIZE).asInteger();
        brokenVersion = null;
        final String version = context.getProperty(MODEL_VERSION).evaluateAttributeExpressions().getValue();
        try {
            placement = new ServingPlacement(DeviceChoice.parse(context.getProperty(DEVICE).getValue()),
                    Path.of(context.getProperty(ENCODER_CACHE_DIRECTORY).getValue()).toAbsolutePath().normalize(),
                    context.getProperty(INFERENCE_THREADS).asInteger(), maxBatchSize);
            load(store.resolve(version));
        } catch (final IOException | RuntimeException e) {
            throw new InitializationException("Cannot serve the model '" + version + "' of " + store.root() + ": " + e.getMessage(), e);
        }
        final long interval = context.getProperty(RELOAD_INTERVAL).asTimePeriod(TimeUnit.MILLISECONDS);
        if (version.equalsIgnoreCase("latest") && interval > 0) {
            watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
                final Thread thread = new Thread(runnable, "nifi-dq model watcher " + getIdentifier());
                thread.setDaemon(true);
                return thread;
            });
            watcher.scheduleWithFixedDelay(this::loadNewerVersion, interval, interval, TimeUnit.MILLISECONDS);
        }
    }

    @OnDisabled
    public void onDisabled() {
        final ScheduledExecutorService running = watcher;
        watcher = null;
        if (running != null) {
            running.shutdownNow();
            try {
                running.awaitTermination(30, TimeUnit.SECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        holder.close();
    }

    /**
     * Looks for a version newer than the served one and swaps it in. A broken new version is reported once (a warning,
     * hence a bulletin, saying which file failed which check) and skipped until its files change or LATEST names another.
     */
    void loadNewerVersion() {
        String seen = null;
        try {
            final ModelVersion latest = store.latestVersion().orElse(null);
            if (latest == null || latest.number() <= currentNumber) {
                return;
            }
            seen = ModelStore.fingerprint(latest);
            if (seen.equals(brokenVersion)) {
                return;
            }
            load(latest);
            brokenVersion = null;
        } catch (final IOException | RuntimeException e) {
            if (seen == null || !seen.equals(brokenVersion)) {
                getLogger().warn("A newer model in {} could not be loaded; still serving {}: {}", store.root(), holder.version(),
                        e.getMessage());
            }
            brokenVersion = seen;
        }
    }

    private synchronized void load(final ModelVersion version) throws IOException {
        final ServedModel model = ServedModels.load(version.path(), placement);
        model.setMetrics(forwardPasses);
        labels = model.labels();
        runsOn = model.runsOn();
        holder.swap(model, version.name());
        currentNumber = version.number();
        getLogger().info("Serving model {} ({}, {} labels) from {} on {}", version.name(), family(model), labels.size(),
                version.path(), model.runsOn());
    }

    private static String family(final ServedModel model) {
        return model instanceof EncoderClassifierModel encoderModel ? "a head on the encoder " + encoderModel.encoderName()
                : "an n-gram model";
    }

    /** Every model loaded from now on records its forward passes into the metrics (for tests and diagnosis). */
    void recordForwardPasses(final Metrics metrics) {
        forwardPasses = metrics;
    }

    @Override
    public Classification classify(final List<String> texts, final int topK) {
        final Semaphore gate = permits;
        if (gate == null) {
            throw new IllegalStateException("The model service is not enabled");
        }
        gate.acquireUninterruptibly();
        try (ModelHolder<ServedModel>.Lease lease = holder.lease()) {
            final ServedModel model = lease.model();
            final Predictions.Scored scored = Predictions.of(model, texts, topK, maxBatchSize);
            return new Classification(scored.predictions(), lease.version(), model.runsOn(), scored.truncatedTexts());
        } finally {
            gate.release();
        }
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public String modelVersion() {
        return holder.version();
    }

    /** Where the current model runs: "cpu()", or for an encoder model with its execution provider, "cpu() (CPUExecutionProvider)". */
    @Override
    public String device() {
        return runsOn;
    }
}
