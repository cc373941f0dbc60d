package io.nifidq.processors.profile;

import io.nifidq.ml.encoder.BundledEncoders;
import io.nifidq.ml.encoder.EncoderLeases;
import io.nifidq.ml.encoder.EncoderSource;
import io.nifidq.processors.common.DqAttributes;
import io.nifidq.processors.common.SharedDescriptors;
import io.nifidq.processors.profile.ProfileChoices.DriftBaselineChoice;
import io.nifidq.processors.profile.ProfileChoices.LabelNoiseModelChoice;
import io.nifidq.processors.profile.ProfileChoices.ReportFormatChoice;
import io.nifidq.quality.profile.EncoderHeadScorer;
import io.nifidq.quality.profile.OutOfFoldScorer;
import io.nifidq.quality.profile.ProfileSettings;
import io.nifidq.quality.profile.WordNaiveBayesScorer;
import io.nifidq.quality.profile.QualityGate;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.resource.ResourceCardinality;
import org.apache.nifi.components.resource.ResourceType;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.util.StandardValidators;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static io.nifidq.processors.common.Descriptors.choice;
import static io.nifidq.processors.common.Descriptors.flag;
import static io.nifidq.processors.common.Descriptors.optional;
import static io.nifidq.processors.common.Descriptors.withDefault;
import static io.nifidq.processors.common.PropertyValues.blankToNull;
import static io.nifidq.processors.common.PropertyValues.commaSeparated;

/** ProfileQuality's property descriptors, and the settings and gate they describe. */
public final class ProfileProperties {

    public static final PropertyDescriptor RECORD_READER = SharedDescriptors.recordReader(
            "Reads the records to profile (CSVReader, JsonTreeReader, AvroReader...).").build();

    public static final PropertyDescriptor CHARACTER_SET = SharedDescriptors.characterSet("The character set of the content: set it "
            + "to the Record Reader's. The report's content section counts the bytes that are not valid in it (random or binary "
            + "bytes, or another character set), which the reader hides; any such byte is the invalid_bytes finding.").build();

    public static final PropertyDescriptor TEXT_FIELD = SharedDescriptors.textField("The field holding free text. When set, the "
            + "report measures text noise (control characters, mojibake, HTML remnants, very short and very long texts), tokens, "
            + "scripts, near-duplicate texts and label conflicts.").build();

    public static final PropertyDescriptor LABEL_FIELD = SharedDescriptors.labelField("The field holding the class label. When "
            + "set, the report measures class counts, imbalance, entropy, spelling variants of one label and (with Text Field) "
            + "identical texts carrying different labels.").build();

    public static final PropertyDescriptor DUPLICATE_KEY_FIELDS = SharedDescriptors.duplicateKeyFields().build();

    public static final PropertyDescriptor NULL_TOKENS = SharedDescriptors.nullTokens("Comma-separated values that mean "
            + "'missing', compared trimmed and ignoring case. Empty strings, whitespace-only strings and nulls are always missing.")
            .build();

    public static final PropertyDescriptor NEAR_DUPLICATE_THRESHOLD = SharedDescriptors.nearDuplicateThreshold()
            .dependsOn(TEXT_FIELD)
            .build();

    public static final PropertyDescriptor NEAR_DUPLICATE_INDEX_LIMIT = SharedDescriptors.nearDuplicateIndexLimit()
            .dependsOn(TEXT_FIELD)
            .build();

    public static final PropertyDescriptor SHORT_TEXT_LENGTH = withDefault("Short Text Length", "3",
            StandardValidators.NON_NEGATIVE_INTEGER_VALIDATOR,
            "Texts with fewer characters than this, after trimming, count as very short (noise).")
            .dependsOn(TEXT_FIELD)
            .build();

    public static final PropertyDescriptor LONG_TEXT_LENGTH = withDefault("Long Text Length", "5000",
            StandardValidators.POSITIVE_INTEGER_VALIDATOR,
            "Texts with more characters than this count as very long (noise).")
            .dependsOn(TEXT_FIELD)
            .build();

    public static final PropertyDescriptor LABEL_NOISE_MODEL = labelNoiseModel("")
            .dependsOn(TEXT_FIELD)
            .dependsOn(LABEL_FIELD)
            .build();

    public static final PropertyDescriptor ENCODER_DIRECTORY = SharedDescriptors.encoderDirectory("Empty: the bundled encoder "
            + "of the texts' language (Chinese when Han characters are more than 30% of the letters of the first 200 sampled texts, "
            + "else English).")
            .required(false)
            .dependsOn(LABEL_NOISE_MODEL, LabelNoiseModelChoice.PRETRAINED_ENCODER)
            .build();

    public static final PropertyDescriptor TOP_VALUE_COUNT = withDefault("Top Values", "10",
            StandardValidators.createLongValidator(0, 1000, true),
            "How many of the most frequent values the report lists per field.")
            .build();

    public static final PropertyDescriptor REPORT_FORMAT = choice("Report Format", ReportFormatChoice.JSON,
            "How the report is written: JSON for programs, CSV for spreadsheets, HTML for people. The example records (at most 5 "
                    + "per kind, each cut to 300 characters) are kept whatever the format. Where each node of a cluster profiles only "
                    + "part of a batch: 'Partial Profile (to merge)', for a MergeProfiles that writes the report of the whole batch.")
            .build();

    public static final PropertyDescriptor MIN_OVERALL_SCORE = optional("Minimum Overall Score",
            StandardValidators.createNonNegativeFloatingPointValidator(1.0),
            "Quality gate: a batch whose overall score is lower goes to 'below threshold'. Empty: not checked.")
            .build();

    public static final PropertyDescriptor MAX_MISSING_RATIO = optional("Maximum Missing Ratio",
            StandardValidators.createNonNegativeFloatingPointValidator(1.0),
            "Quality gate: a batch in which any field has a larger share of missing values goes to 'below threshold'.")
            .build();

    public static final PropertyDescriptor MAX_DUPLICATE_RATIO = optional("Maximum Duplicate Ratio",
            StandardValidators.createNonNegativeFloatingPointValidator(1.0),
            "Quality gate: a batch with a larger share of duplicate records (exact, or near-duplicate texts) goes to 'below "
                    + "threshold'.")
            .build();

    public static final PropertyDescriptor MAX_IMBALANCE_RATIO = maxImbalanceRatio()
            .dependsOn(LABEL_FIELD)
            .build();

    public static final PropertyDescriptor DRIFT_BASELINE = choice("Drift Baseline", DriftBaselineChoice.NONE,
            "What each batch is compared with to measure drift (population stability index per field and for labels).")
            .build();

    public static final PropertyDescriptor BASELINE_FILE = new PropertyDescriptor.Builder()
            .name("Baseline File")
            .description("A profile report (JSON) written earlier by ProfileQuality, used as the drift baseline.")
            .required(true)
            .identifiesExternalResource(ResourceCardinality.SINGLE, ResourceType.FILE)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .dependsOn(DRIFT_BASELINE, DriftBaselineChoice.FILE)
            .build();

    public static final PropertyDescriptor MAX_DRIFT = optional("Maximum Drift",
            StandardValidators.createNonNegativeFloatingPointValidator(Double.MAX_VALUE),
            "Quality gate: a batch whose drift score (largest PSI) is higher goes to 'below threshold'. 0.1 is a common bound "
                    + "for 'stable', 0.25 for 'major shift'.")
            .dependsOn(DRIFT_BASELINE, DriftBaselineChoice.LAST_ACCEPTED, DriftBaselineChoice.FILE, DriftBaselineChoice.FLOW_FILE_ATTRIBUTE)
            .build();

    public static final PropertyDescriptor WRITE_BASELINE_ATTRIBUTE = flag("Write Baseline Attribute", "false",
            "Whether the FlowFile going on (to 'success' or 'below threshold') carries this batch's baseline summary, as compact "
                    + "JSON in the " + DqAttributes.Profile.BASELINE + " attribute, for a ProfileQuality downstream whose Drift "
                    + "Baseline is 'FlowFile Attribute' (to show the same data before and after a cleaning step). Costs a few KB "
                    + "per FlowFile in the FlowFile and provenance repositories, growing with the number of fields (numeric "
                    + "deciles and the 20 most frequent values of each categorical field). A summary over "
                    + BaselineAttribute.MAX_BYTES / 1024 + " KB (a wide table, long category values) is not written: a warning "
                    + "is logged and any " + DqAttributes.Profile.BASELINE + " from upstream is removed.")
            .build();

    static final List<PropertyDescriptor> DESCRIPTORS = List.of(RECORD_READER, CHARACTER_SET, TEXT_FIELD, LABEL_FIELD, DUPLICATE_KEY_FIELDS,
            NULL_TOKENS, NEAR_DUPLICATE_THRESHOLD, NEAR_DUPLICATE_INDEX_LIMIT, SHORT_TEXT_LENGTH, LONG_TEXT_LENGTH, LABEL_NOISE_MODEL,
            ENCODER_DIRECTORY, TOP_VALUE_COUNT, REPORT_FORMAT, MIN_OVERALL_SCORE, MAX_MISSING_RATIO, MAX_DUPLICATE_RATIO,
            MAX_IMBALANCE_RATIO, DRIFT_BASELINE, BASELINE_FILE, MAX_DRIFT, WRITE_BASELINE_ATTRIBUTE);

    private ProfileProperties() {
    }

    /** The label-noise check's model, in ProfileQuality (which adds its dependence on the text and label fields) and MergeProfiles. */
    static PropertyDescriptor.Builder labelNoiseModel(final String more) {
        return choice("Label Noise Model", LabelNoiseModelChoice.WORD_NAIVE_BAYES,
                "The model whose out-of-fold probabilities the label-noise check (the report's labels.labelNoise section and the "
                        + "label_noise finding) reads: for each of five folds of a sample of the labelled texts, a model trained on the "
                        + "other four scores it, and confident learning counts the texts whose probabilities point to another class. "
                        + "A baseline and the batches compared with it should use the same model: their floors of suspects differ."
                        + (more.isEmpty() ? "" : " " + more));
    }

    /** The gate's imbalance rule, in ProfileQuality (which adds its dependence on the label field) and MergeProfiles. */
    static PropertyDescriptor.Builder maxImbalanceRatio() {
        return optional("Maximum Imbalance Ratio", StandardValidators.createNonNegativeFloatingPointValidator(Double.MAX_VALUE),
                "Quality gate: a batch whose largest class has more than this many times the records of its smallest goes to "
                        + "'below threshold'. Needs Label Field.");
    }

    static ProfileSettings settings(final ProcessContext context, final FlowFile flowFile) {
        final String textField = context.getProperty(TEXT_FIELD).evaluateAttributeExpressions(flowFile).getValue();
        final String labelField = context.getProperty(LABEL_FIELD).evaluateAttributeExpressions(flowFile).getValue();
        final List<String> keyFields = commaSeparated(context.getProperty(DUPLICATE_KEY_FIELDS).evaluateAttributeExpressions(flowFile).getValue());
        final Set<String> nullTokens = Set.copyOf(commaSeparated(context.getProperty(NULL_TOKENS).getValue()));
        return new ProfileSettings(nullTokens, blankToNull(textField), blankToNull(labelField), keyFields,
                context.getProperty(NEAR_DUPLICATE_THRESHOLD).asDouble(),
                context.getProperty(NEAR_DUPLICATE_INDEX_LIMIT).asInteger(),
                context.getProperty(SHORT_TEXT_LENGTH).asInteger(),
                context.getProperty(LONG_TEXT_LENGTH).asInteger(),
                context.getProperty(TOP_VALUE_COUNT).asInteger());
    }

    /**
     * The label-noise check's model: a Pretrained Encoder's scorer takes its encoder from the leases (the Encoder Directory's,
     * or the bundled one of each sample's language), which load it on first use.
     */
    static OutOfFoldScorer labelNoiseScorer(final ProcessContext context, final EncoderLeases encoders) {
        if (context.getProperty(LABEL_NOISE_MODEL).asAllowableValue(LabelNoiseModelChoice.class) == LabelNoiseModelChoice.WORD_NAIVE_BAYES) {
            return WordNaiveBayesScorer.INSTANCE;
        }
        final String directory = context.getProperty(ENCODER_DIRECTORY).evaluateAttributeExpressions().getValue();
        final EncoderSource fixed = directory == null || directory.isBlank() ? null : EncoderSource.directory(Path.of(directory));
        return new EncoderHeadScorer(texts -> encoders.encoder(fixed != null ? fixed : EncoderSource.bundled(BundledEncoders.forTexts(texts))),
                EncoderHeadScorer.DEFAULT_SEED);
    }

    static QualityGate gate(final ProcessContext context, final DriftBaselineChoice baselineSource) {
        return new QualityGate(context.getProperty(MIN_OVERALL_SCORE).asDouble(), context.getProperty(MAX_MISSING_RATIO).asDouble(),
                context.getProperty(MAX_DUPLICATE_RATIO).asDouble(), context.getProperty(MAX_IMBALANCE_RATIO).asDouble(),
                baselineSource == DriftBaselineChoice.NONE ? null : context.getProperty(MAX_DRIFT).asDouble());
    }
}
