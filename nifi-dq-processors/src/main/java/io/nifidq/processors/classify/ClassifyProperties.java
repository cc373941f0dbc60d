package io.nifidq.processors.classify;

import io.nifidq.processors.common.SharedDescriptors;
import io.nifidq.service.api.TextClassifierService;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.util.StandardValidators;

import java.util.List;

import static io.nifidq.processors.common.Descriptors.optional;
import static io.nifidq.processors.common.Descriptors.withDefault;

/** ClassifyText's property descriptors, and the settings of one run they describe. */
public final class ClassifyProperties {

    public static final PropertyDescriptor RECORD_READER = SharedDescriptors.recordReader(
            "Reads the records to classify (CSVReader, JsonTreeReader, AvroReader...).").build();

    public static final PropertyDescriptor RECORD_WRITER = SharedDescriptors.recordWriter(
            "Writes the classified records, with the prediction fields added, to 'success' and to 'low confidence'.").build();

    public static final PropertyDescriptor CLASSIFIER = new PropertyDescriptor.Builder()
            .name("Text Classifier")
            .description("The service that holds the model (DjlTextClassifierService).")
            .identifiesControllerService(TextClassifierService.class)
            .required(true)
            .build();

    public static final PropertyDescriptor TEXT_FIELD = SharedDescriptors.textField("The field whose text is classified.")
            .required(true)
            .defaultValue("text")
            .build();

    public static final PropertyDescriptor PREDICTION_FIELD = withDefault("Prediction Field", "prediction",
            StandardValidators.NON_BLANK_VALIDATOR,
            "The field that receives the predicted label (replaced when the records already have it).")
            .build();

    public static final PropertyDescriptor CONFIDENCE_FIELD = withDefault("Confidence Field", "confidence",
            StandardValidators.NON_BLANK_VALIDATOR,
            "The field that receives the predicted label's probability, in [0, 1].")
            .build();

    public static final PropertyDescriptor TOP_K = withDefault("Top K", "0", StandardValidators.NON_NEGATIVE_INTEGER_VALIDATOR,
            "How many of the most probable labels to write, with their probabilities, into the Top Labels Field (a map from "
                    + "label to probability); 0 writes none.")
            .build();

    public static final PropertyDescriptor TOP_FIELD = withDefault("Top Labels Field", "top_labels",
            StandardValidators.NON_BLANK_VALIDATOR,
            "The field that receives the top labels when Top K is above 0.")
            .build();

    public static final PropertyDescriptor CONFIDENCE_THRESHOLD = optional("Confidence Threshold",
            ClassifyProperties::validateProbability,
            "Records whose confidence is below this go to 'low confidence' (records without text never do). Unset: every "
                    + "record goes to 'success'.")
            .build();

    public static final PropertyDescriptor BATCH_SIZE = withDefault("Batch Size", "1000",
            StandardValidators.createLongValidator(1, 100_000, true),
            "Records sent to the service per call; the service splits them further by its Maximum Batch Size. The "
                    + "records of a call are held in memory until the call returns: an encoder model on a CPU takes about a "
                    + "second per 100 to 350 short texts.")
            .build();

    static final List<PropertyDescriptor> DESCRIPTORS = List.of(RECORD_READER, RECORD_WRITER, CLASSIFIER, TEXT_FIELD, PREDICTION_FIELD,
            CONFIDENCE_FIELD, TOP_K, TOP_FIELD, CONFIDENCE_THRESHOLD, BATCH_SIZE);

    private ClassifyProperties() {
    }

    /** What one FlowFile's classification is asked to do; the text field is evaluated against it. */
    static ClassificationRouting.Settings settings(final ProcessContext context, final FlowFile flowFile) {
        return new ClassificationRouting.Settings(
                context.getProperty(TEXT_FIELD).evaluateAttributeExpressions(flowFile).getValue(),
                context.getProperty(PREDICTION_FIELD).getValue(),
                context.getProperty(CONFIDENCE_FIELD).getValue(),
                context.getProperty(TOP_K).asInteger(),
                context.getProperty(TOP_FIELD).getValue(),
                context.getProperty(CONFIDENCE_THRESHOLD).isSet() ? context.getProperty(CONFIDENCE_THRESHOLD).asDouble() : null,
                context.getProperty(BATCH_SIZE).asInteger());
    }

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
}
