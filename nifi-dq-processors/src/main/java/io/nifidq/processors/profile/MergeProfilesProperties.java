package io.nifidq.processors.profile;

import io.nifidq.processors.common.DqAttributes;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.processor.util.StandardValidators;

import java.util.List;

import static io.nifidq.processors.common.Descriptors.optional;
import static io.nifidq.processors.common.Descriptors.withDefault;

/**
 * MergeProfiles' property descriptors: how partial profiles are grouped into batches, and the judging and report
 * properties it shares with ProfileQuality (the same names, kinds and defaults).
 */
public final class MergeProfilesProperties {

    public static final PropertyDescriptor BATCH_IDENTIFIER = withDefault("Batch Identifier", "${" + DqAttributes.FRAGMENT_IDENTIFIER + "}",
            StandardValidators.NON_BLANK_VALIDATOR,
            "The batch a partial profile belongs to, evaluated against its attributes: the partial profiles with the same value "
                    + "merge into one report. The default suits a batch split by SplitRecord, SplitText or PartitionRecord (their "
                    + "fragment.identifier), which ProfileQuality's partial profiles keep. A FlowFile for which it is empty goes to "
                    + "'failure'.")
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .build();

    public static final PropertyDescriptor PARTIALS_EXPECTED = withDefault("Partials Expected", "${" + DqAttributes.FRAGMENT_COUNT + "}",
            StandardValidators.NON_BLANK_VALIDATOR,
            "How many partial profiles make up the batch, evaluated against each partial's attributes (a positive whole number): "
                    + "the batch is merged once that many are queued. With the default, the number of fragments the batch was split "
                    + "into. A batch whose partials say different numbers, or with more partials than that, goes to 'failure'.")
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .build();

    public static final PropertyDescriptor PARTIAL_ORDER = optional("Partial Order", StandardValidators.NON_BLANK_VALIDATOR,
            "The position of a partial profile's records in the batch (a whole number, evaluated against its attributes): the "
                    + "partials are merged in this order, so that the report numbers the records (in its examples) as one "
                    + "ProfileQuality of the whole batch would. Empty, or not a number for some partial: the order they were queued in.")
            .defaultValue("${" + DqAttributes.FRAGMENT_INDEX + "}")
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .build();

    public static final PropertyDescriptor MAX_WAIT = withDefault("Max Wait", "10 min", StandardValidators.TIME_PERIOD_VALIDATOR,
            "How long the first partial profile of a batch waits for the others. After it, the partials that came go to "
                    + "'failure' with the number missing in dq.error (a node that failed or a partial routed elsewhere); nothing is "
                    + "merged from an incomplete batch.")
            .build();

    /** Without ProfileQuality's dependence on its Text Field and Label Field, which MergeProfiles does not have. */
    public static final PropertyDescriptor LABEL_NOISE_MODEL = ProfileProperties.labelNoiseModel("Set it as on the ProfileQuality "
            + "processors that write the partial profiles: a partial profile of another model goes to 'failure'.").build();

    public static final PropertyDescriptor MAX_IMBALANCE_RATIO = ProfileProperties.maxImbalanceRatio().build();

    static final List<PropertyDescriptor> DESCRIPTORS = List.of(BATCH_IDENTIFIER, PARTIALS_EXPECTED, PARTIAL_ORDER, MAX_WAIT,
            ProfileProperties.REPORT_FORMAT, LABEL_NOISE_MODEL, ProfileProperties.ENCODER_DIRECTORY, ProfileProperties.MIN_OVERALL_SCORE,
            ProfileProperties.MAX_MISSING_RATIO, ProfileProperties.MAX_DUPLICATE_RATIO, MAX_IMBALANCE_RATIO, ProfileProperties.DRIFT_BASELINE,
            ProfileProperties.BASELINE_FILE, ProfileProperties.MAX_DRIFT);

    private MergeProfilesProperties() {
    }
}
