package io.nifidq.processors.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.nifidq.augment.CopyMarkers;
import io.nifidq.ml.train.JobSettings;
import io.nifidq.ml.train.LabelNoiseHandling;
import io.nifidq.ml.encoder.EncoderOptions;
import io.nifidq.ml.train.ModelPublisher;
import io.nifidq.ml.train.OpenModelFamily;
import io.nifidq.ml.train.TrainingData;
import io.nifidq.ml.train.TrainingJob;
import io.nifidq.ml.train.TrainingJobResult;
import io.nifidq.ml.train.TrainingReport;
import io.nifidq.ml.train.UntrainableInputException;
import io.nifidq.processors.clean.CleanRecords;
import io.nifidq.processors.common.AbstractDqProcessor;
import io.nifidq.processors.common.DqAttributes;
import io.nifidq.processors.common.RecordRouter;
import io.nifidq.processors.profile.ProfileQuality;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.SystemResource;
import org.apache.nifi.annotation.behavior.SystemResourceConsideration;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@Tags({"machine learning", "text classification", "train", "DJL", "PyTorch", "fastText", "BERT", "fine-tuning", "label noise",
        "confident learning", "dq"})
@CapabilityDescription("Trains a text classifier with DJL (PyTorch engine, on the GPU when the engine reports one) on the records "
        + "of a FlowFile, evaluates it on a held-out test split and writes it as a new version of a model directory, atomically. "
        + "The evaluation report (JSON, with a scikit-learn style text table) replaces the content on 'success'; suspected label "
        + "errors go to 'suspects' when Label Noise Handling asks for them; inputs that cannot be trained on go to 'failure' with "
        + "the reason. Put MergeRecord upstream to train on bigger batches.")
@WritesAttributes({
        @WritesAttribute(attribute = DqAttributes.Train.MACRO_F1, description = "Macro-F1 on the test split"),
        @WritesAttribute(attribute = DqAttributes.Train.ACCURACY, description = "Accuracy on the test split"),
        @WritesAttribute(attribute = DqAttributes.MODEL_VERSION, description = "The version folder written, e.g. v0003"),
        @WritesAttribute(attribute = DqAttributes.MODEL_PATH, description = "Absolute path of that folder"),
        @WritesAttribute(attribute = DqAttributes.Train.EPOCHS, description = "Epochs trained"),
        @WritesAttribute(attribute = DqAttributes.Train.DEVICE, description = "The device trained on, e.g. cpu() or gpu(0)"),
        @WritesAttribute(attribute = DqAttributes.Train.SUSPECTS, description = "Suspected label errors (with Label Noise Handling on)"),
        @WritesAttribute(attribute = DqAttributes.ERROR, description = "Why the FlowFile could not be trained on (on 'failure' only)"),
        @WritesAttribute(attribute = DqAttributes.MIME_TYPE, description = "application/json on 'success'; the Record Writer's on 'suspects'")
})
@UseCase(description = "Train a spam filter from labelled messages and keep every model version.",
        configuration = """
                Set Record Reader (CSVReader), Text Field 'text', Label Field 'label' and Model Directory, e.g. /data/models/spam.
                Keep the defaults (fastText-style model, automatic class weights, early stopping on validation macro-F1).
                Route 'success' to PutFile to keep the evaluation reports; ClassifyText's model service reads LATEST.
                """)
@UseCase(description = "Find and drop mislabelled training records.",
        configuration = """
                Set Label Noise Handling to Prune (or Flag to only report) and a Record Writer.
                Connect 'suspects' to a review queue: each record carries dq_suspect_given_label and dq_suspect_predicted_label.
                """)
@UseCase(description = "Fine-tune a BERT-family encoder on labelled texts, offline.",
        configuration = """
                Set Model Type to Fine-tuned Encoder and Encoder to English, Chinese or By Detected Language (or an admin's
                Encoder Directory holding a BERT exported to ONNX). Keep Fine-Tuning Epochs 3 and Learning Rate unset (3e-5).
                Give the Time Budget room: 15 to 45 texts per second per epoch on 2 CPU cores; watch the
                'Fine-Tuning Steps' counter. The model service serves the version with PyTorch.
                """)
@SeeAlso(value = {CleanRecords.class, ProfileQuality.class}, classNames = {"org.apache.nifi.processors.standard.MergeRecord"})
@SystemResourceConsideration(resource = SystemResource.MEMORY, description = "Holds every record's text and feature ids, and the "
        + "embedding table four times (weights, two Adam moments, the best epoch's copy): Buckets x Embedding Size x 16 bytes, "
        + "about 270 MB at the defaults. libtorch is unpacked once (about 430 MB) into ENGINE_CACHE_DIR.")
@SystemResourceConsideration(resource = SystemResource.CPU, description = "Training uses the PyTorch intra-op threads of the node "
        + "(fine-tuning an encoder: one per core while it runs); run one concurrent task. The Time Budget bounds a run.")
public class TrainClassifier extends AbstractDqProcessor {

    public static final Relationship REL_SUCCESS = new Relationship.Builder().name("success")
            .description("The FlowFile with its content replaced by the evaluation report (JSON) once the model is written").build();
    public static final Relationship REL_SUSPECTS = new Relationship.Builder().name("suspects")
            .description("The records suspected of carrying a wrong label, with the given and the predicted label "
                    + "(Label Noise Handling Flag or Prune, only when there is at least one)").build();
    public static final Relationship REL_FAILURE = new Relationship.Builder().name("failure")
            .description("A FlowFile that cannot be trained on (unreadable, one class only, too few records per class, no usable "
                    + "text) or whose model cannot be written, unchanged, with the reason in dq.error").build();

    static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_SUSPECTS, REL_FAILURE);

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Training embeds on the CPU with the node's cores, unpacking into the same fixed folder as the model service's default;
     * the model service decides where served models run.
     */
    private static final EncoderOptions ENCODER_OPTIONS = EncoderOptions.inNiFi();

    private volatile JobSettings jobSettings;
    private volatile CopyMarkers markers;

    public TrainClassifier() {
        super(TrainProperties.DESCRIPTORS, RELATIONSHIPS);
    }

    @Override
    protected Collection<ValidationResult> customValidate(final ValidationContext context) {
        final List<ValidationResult> results = new ArrayList<>();
        final double train = context.getProperty(TrainProperties.TRAIN_SHARE).asDouble();
        final double validation = context.getProperty(TrainProperties.VALIDATION_SHARE).asDouble();
        if (train <= 0 || validation <= 0 || train + validation >= 1) {
            results.add(new ValidationResult.Builder().subject(TrainProperties.TRAIN_SHARE.getDisplayName()).valid(false)
                    .explanation("Train Share and Validation Share must both be above 0 and leave a test share (sum below 1), got "
                            + train + " + " + validation).build());
        }
        return results;
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) {
        useRecordServices(context, TrainProperties.RECORD_READER, TrainProperties.RECORD_WRITER);
        jobSettings = TrainProperties.jobSettings(context);
        markers = TrainProperties.markers(context);
    }

    @Override
    protected void onFlowFile(final ProcessContext context, final ProcessSession session, final FlowFile flowFile,
                              final RecordRouter router) {
        final long start = System.nanoTime();
        final TrainingData data;
        final TrainingJobResult result;
        final Path version;
        try {
            data = TrainingRecords.read(router, flowFile, evaluated(context, TrainProperties.TEXT_FIELD, flowFile),
                    evaluated(context, TrainProperties.LABEL_FIELD, flowFile), evaluated(context, TrainProperties.SPLIT_FIELD, flowFile),
                    markers);
            final TrainingProgress progress = new TrainingProgress(session, getLogger(), flowFile, jobSettings.training().timeBudget());
            try (OpenModelFamily family = OpenModelFamily.open(jobSettings.training(), TrainProperties.encoderSource(context, data.texts()),
                    context.getProperty(TrainProperties.BLEND_WITH_NGRAMS).asBoolean(), ENCODER_OPTIONS, progress,
                    TrainProperties.maxTokens(context))) {
                result = new TrainingJob(jobSettings, family.family()).run(data, progress);
            }
            version = ModelPublisher.publish(Path.of(evaluated(context, TrainProperties.MODEL_DIRECTORY, flowFile)), result, data);
        } catch (final Exception e) {
            // An input that cannot be trained on says why in its own words; anything else gets its class and cause.
            router.toFailure(flowFile, REL_FAILURE, "train on", e instanceof UntrainableInputException ? e.getMessage()
                    : RecordRouter.describe(e), e);
            session.adjustCounter("Training Failures", 1, false);
            return;
        }
        final FlowFile suspects = suspects(router, flowFile, result, version);
        final FlowFile reported = report(session, flowFile, result, version, start);
        session.transfer(reported, REL_SUCCESS);
        if (suspects != null) {
            session.transfer(suspects, REL_SUSPECTS);
        }
        session.adjustCounter("Models Trained", 1, false);
        session.adjustCounter("Records Trained On", data.size(), false);
        session.adjustCounter("Suspected Label Errors", result.suspects().size(), false);
        getLogger().info("Trained {} on {} records of {} in {} epochs on {}: test macro-F1 {}, accuracy {}; wrote {}",
                result.model().modelType(), data.size(), reported, result.outcome().epochsRun(), result.outcome().device(),
                format(result.evaluation().macroF1()), format(result.evaluation().accuracy()), version);
        if (jobSettings.labelNoise() != LabelNoiseHandling.OFF) {
            getLogger().info("Label noise handling {} found {} suspected label errors", jobSettings.labelNoise(), result.suspects().size());
        }
    }

    /** The suspected records in a child, when there are any and a writer for them; a model already written stays written. */
    private FlowFile suspects(final RecordRouter router, final FlowFile flowFile, final TrainingJobResult result, final Path version) {
        if (result.suspects().isEmpty() || !hasRecordWriter()) {
            return null;
        }
        try {
            return TrainingRecords.writeSuspects(router, flowFile, result.suspects());
        } catch (final Exception e) {
            getLogger().error("Model {} was written but the suspected records of {} could not be", version, flowFile, e);
            return null;
        }
    }

    /** The FlowFile with its content replaced by the evaluation report, and the provenance of the model. */
    private FlowFile report(final ProcessSession session, final FlowFile flowFile, final TrainingJobResult result, final Path version,
                            final long start) {
        final TrainingReport report = result.trainingReport()
                .withModel(version.getFileName().toString(), version.toAbsolutePath().toString())
                .withText(result.evaluation().toText());
        final Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(DqAttributes.Train.MACRO_F1, format(result.evaluation().macroF1()));
        attributes.put(DqAttributes.Train.ACCURACY, format(result.evaluation().accuracy()));
        attributes.put(DqAttributes.MODEL_VERSION, version.getFileName().toString());
        attributes.put(DqAttributes.MODEL_PATH, version.toAbsolutePath().toString());
        attributes.put(DqAttributes.Train.EPOCHS, String.valueOf(result.outcome().epochsRun()));
        attributes.put(DqAttributes.Train.DEVICE, result.outcome().device());
        attributes.put(DqAttributes.Train.SUSPECTS, String.valueOf(result.suspects().size()));
        attributes.put(DqAttributes.MIME_TYPE, "application/json");
        FlowFile reported = session.write(flowFile, out -> out.write(JSON.writeValueAsString(report).getBytes(StandardCharsets.UTF_8)));
        reported = session.putAllAttributes(reported, attributes);
        session.getProvenanceReporter().modifyContent(reported, "Replaced by the evaluation report of model " + version.getFileName(),
                (System.nanoTime() - start) / 1_000_000);
        session.getProvenanceReporter().send(reported, version.toUri().toString(), "Model written");
        return reported;
    }

    private static String evaluated(final ProcessContext context, final PropertyDescriptor property, final FlowFile flowFile) {
        return context.getProperty(property).evaluateAttributeExpressions(flowFile).getValue();
    }

    private static String format(final double value) {
        return Double.isNaN(value) ? "NaN" : String.format(Locale.ROOT, "%.4f", value);
    }
}
