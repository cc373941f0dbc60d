package io.nifidq.processors;

import io.nifidq.service.api.TextClassifierService;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.SupportsBatching;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriterFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@SupportsBatching
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@Tags({"machine learning", "text classification", "inference", "predict", "djl", "record", "dq"})
@CapabilityDescription("Adds a predicted label and its confidence (and optionally the top-k labels with their probabilities) to each "
        + "record, classifying the Text Field in batches through a text classifier service that holds the model. Records whose "
        + "confidence is under the threshold go, in their own FlowFile, to 'low confidence'; the rest to 'success'.")
@SeeAlso(classNames = {"io.nifidq.service.DjlTextClassifierService", "io.nifidq.processors.TrainClassifier"})
@WritesAttributes({
        @WritesAttribute(attribute = "record.count", description = "Records in the outgoing FlowFile"),
        @WritesAttribute(attribute = ClassifyText.RECORDS_IN, description = "Records read from the incoming FlowFile"),
        @WritesAttribute(attribute = ClassifyText.RECORDS_LOW_CONFIDENCE, description = "Records sent to 'low confidence'"),
        @WritesAttribute(attribute = ClassifyText.RECORDS_WITHOUT_TEXT, description = "Records with a null or blank text: passed on "
                + "with a null prediction"),
        @WritesAttribute(attribute = ClassifyText.MODEL_VERSION, description = "The model version that classified the records"),
        @WritesAttribute(attribute = ClassifyText.MODEL_DEVICE, description = "Where the model ran, e.g. cpu() or gpu(0)"),
        @WritesAttribute(attribute = "dq.error", description = "Why the FlowFile could not be classified (on 'failure' only)"),
        @WritesAttribute(attribute = "mime.type", description = "The Record Writer's MIME type")
})
@UseCase(description = "Label incoming support messages with the classifier TrainClassifier trained, and send the uncertain ones "
        + "to people.", configuration = """
        Add a DjlTextClassifierService with Model Directory set to TrainClassifier's Model Directory and enable it.
        Set Record Reader and Record Writer, Text Field to the field with the text, Text Classifier to the service,
        and Confidence Threshold to, for example, 0.8.
        Route 'success' onward and 'low confidence' to a review queue.
        """)
public class ClassifyText extends AbstractProcessor {

    static final String RECORDS_IN = "dq.records.in";
    static final String RECORDS_LOW_CONFIDENCE = "dq.classify.records.low.confidence";
    static final String RECORDS_WITHOUT_TEXT = "dq.classify.records.without.text";
    static final String MODEL_VERSION = "dq.model.version";
    static final String MODEL_DEVICE = "dq.model.device";

    public static final PropertyDescriptor RECORD_READER = ProfileProperties.RECORD_READER;
    public static final PropertyDescriptor RECORD_WRITER = CleanProperties.RECORD_WRITER;

    public static final PropertyDescriptor CLASSIFIER = new PropertyDescriptor.Builder()
            .name("Text Classifier")
            .description("The service that holds the model (DjlTextClassifierService).")
            .identifiesControllerService(TextClassifierService.class)
            .required(true)
            .build();

    public static final PropertyDescriptor TEXT_FIELD = new PropertyDescriptor.Builder()
            .name("Text Field")
            .description("The field whose text is classified.")
            .required(true)
            .defaultValue("text")
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor PREDICTION_FIELD = new PropertyDescriptor.Builder()
            .name("Prediction Field")
            .description("The field that receives the predicted label (replaced when the records already have it).")
            .required(true)
            .defaultValue("prediction")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor CONFIDENCE_FIELD = new PropertyDescriptor.Builder()
            .name("Confidence Field")
            .description("The field that receives the predicted label's probability, in [0, 1].")
            .required(true)
            .defaultValue("confidence")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor TOP_K = new PropertyDescriptor.Builder()
            .name("Top K")
            .description("How many of the most probable labels to write, with their probabilities, into the Top Labels Field "
                    + "(a map from label to probability); 0 writes none.")
            .required(true)
            .defaultValue("0")
            .addValidator(StandardValidators.NON_NEGATIVE_INTEGER_VALIDATOR)
            .build();

    public static final PropertyDescriptor TOP_FIELD = new PropertyDescriptor.Builder()
            .name("Top Labels Field")
            .description("The field that receives the top labels when Top K is above 0.")
            .required(true)
            .defaultValue("top_labels")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor CONFIDENCE_THRESHOLD = new PropertyDescriptor.Builder()
            .name("Confidence Threshold")
            .description("Records whose confidence is below this go to 'low confidence' (records without text never do). "
                    + "Unset: every record goes to 'success'.")
            .required(false)
            .addValidator(ClassifyText::validateProbability)
            .build();

    public static final PropertyDescriptor BATCH_SIZE = new PropertyDescriptor.Builder()
            .name("Batch Size")
            .description("Records sent to the service per call; the service splits them further by its Maximum Batch Size.")
            .required(true)
            .defaultValue("1000")
            .addValidator(StandardValidators.createLongValidator(1, 100_000, true))
            .build();

    private static ValidationResult validateProbability(final String subject, final String input, final ValidationContext context) {
        boolean valid;
        try {
            final double value = Double.parseDouble(input);
            valid = value >= 0 && value <= 1;
        } catch (final NumberFormatException e) {
            valid = false;
        }
        return new ValidationResult.Builder().subject(subject).input(input).valid(valid)
                .explanation(valid ? null : "must be a number from 0 to 1").build();
    }

    static final List<PropertyDescriptor> PROPERTIES = List.of(RECORD_READER, RECORD_WRITER, CLASSIFIER, TEXT_FIELD, PREDICTION_FIELD,
            CONFIDENCE_FIELD, TOP_K, TOP_FIELD, CONFIDENCE_THRESHOLD, BATCH_SIZE);

    public static final Relationship REL_SUCCESS = new Relationship.Builder().name("success")
            .description("The FlowFile with its records classified (all of them, or those at or above the confidence threshold)").build();
    public static final Relationship REL_LOW_CONFIDENCE = new Relationship.Builder().name("low confidence")
            .description("A FlowFile derived from the incoming one with the classified records under the confidence threshold").build();
    public static final Relationship REL_FAILURE = new Relationship.Builder().name("failure")
            .description("A FlowFile that could not be read or classified, untouched, with the reason in dq.error").build();

    static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_LOW_CONFIDENCE, REL_FAILURE);

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) throws ProcessException {
        FlowFile flowFile = session.get();
        if (flowFile == null) {
            return;
        }
        final TextClassifierService classifier = context.getProperty(CLASSIFIER).asControllerService(TextClassifierService.class);
        if (flowFile.getSize() == 0) {
            // Nothing to read (a CSV reader would fail on the missing header): pass it on as zero records.
            session.transfer(session.putAllAttributes(flowFile, Map.of("record.count", "0", RECORDS_IN, "0")), REL_SUCCESS);
            return;
        }
        final ClassificationRun run = new ClassificationRun(session,
                context.getProperty(RECORD_READER).asControllerService(RecordReaderFactory.class),
                context.getProperty(RECORD_WRITER).asControllerService(RecordSetWriterFactory.class),
                classifier, getLogger(), settings(context, flowFile));
        try {
            flowFile = run.classify(flowFile);
        } catch (final Exception e) {
            run.discardLowConfidence();
            getLogger().error("Could not classify {}; routing to failure", flowFile, e);
            session.transfer(session.putAttribute(flowFile, "dq.error", ProfileAttributes.describe(e)), REL_FAILURE);
            return;
        }
        final Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(RECORDS_IN, String.valueOf(run.recordsIn()));
        attributes.put(RECORDS_LOW_CONFIDENCE, String.valueOf(run.recordsLow()));
        attributes.put(RECORDS_WITHOUT_TEXT, String.valueOf(run.withoutText()));
        attributes.put(MODEL_VERSION, run.modelVersion() == null ? String.valueOf(classifier.modelVersion()) : run.modelVersion());
        attributes.put(MODEL_DEVICE, run.device() == null ? String.valueOf(classifier.device()) : run.device());
        session.transfer(session.putAllAttributes(flowFile, attributes), REL_SUCCESS);
        final FlowFile low = run.lowConfidenceFlowFile();
        if (low != null) {
            session.transfer(session.putAllAttributes(low, Map.of(MODEL_VERSION, attributes.get(MODEL_VERSION),
                    MODEL_DEVICE, attributes.get(MODEL_DEVICE))), REL_LOW_CONFIDENCE);
        }
        session.adjustCounter("Records Classified", run.recordsIn(), false);
        session.adjustCounter("Records Below Confidence Threshold", run.recordsLow(), false);
        session.adjustCounter("Records Without Text", run.withoutText(), false);
    }

    private static ClassificationRun.Settings settings(final ProcessContext context, final FlowFile flowFile) {
        return new ClassificationRun.Settings(
                context.getProperty(TEXT_FIELD).evaluateAttributeExpressions(flowFile).getValue(),
                context.getProperty(PREDICTION_FIELD).getValue(),
                context.getProperty(CONFIDENCE_FIELD).getValue(),
                context.getProperty(TOP_K).asInteger(),
                context.getProperty(TOP_FIELD).getValue(),
                context.getProperty(CONFIDENCE_THRESHOLD).isSet() ? context.getProperty(CONFIDENCE_THRESHOLD).asDouble() : null,
                context.getProperty(BATCH_SIZE).asInteger());
    }
}
