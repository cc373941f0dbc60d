package io.nifidq.processors;

import io.nifidq.quality.clean.CleaningCounts;
import io.nifidq.quality.clean.CleaningRules;
import io.nifidq.quality.clean.RecordCleaner;
import io.nifidq.quality.profile.ValueKind;
import org.apache.nifi.annotation.behavior.DynamicProperty;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.SideEffectFree;
import org.apache.nifi.annotation.behavior.SupportsBatching;
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
import org.apache.nifi.distributed.cache.client.DistributedMapCacheClient;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriterFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@SideEffectFree
@SupportsBatching
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@Tags({"data quality", "clean", "cleanse", "deduplicate", "normalize", "impute", "outliers", "labels", "record", "machine learning", "dq"})
@CapabilityDescription("Repairs the records of a FlowFile in one configured step: null tokens, text repairs (mojibake, HTML, Unicode, "
        + "control characters, whitespace), label canonicalisation and conflicts, type coercion, text length bounds, missing values, "
        + "outliers, standardisation, exact and near duplicates. The cleaned records replace the FlowFile's content on 'success'; "
        + "every record a rule drops goes, unchanged and with its reason, to 'rejected'. Records in = records out + records rejected.")
@WritesAttributes({
        @WritesAttribute(attribute = "record.count", description = "Records in the outgoing FlowFile"),
        @WritesAttribute(attribute = CleanRecords.RECORDS_IN, description = "Records read from the incoming FlowFile (on 'success')"),
        @WritesAttribute(attribute = CleanRecords.RECORDS_REJECTED, description = "Records sent to 'rejected'"),
        @WritesAttribute(attribute = "dq.clean.<step>.<what>", description = "What each step did, e.g. dq.clean.duplicates.exact, "
                + "dq.clean.html.entities.decoded, dq.clean.missing.filled (only counts above zero)"),
        @WritesAttribute(attribute = "dq.clean.standardize.<field>.<parameter>", description = "Standardisation parameters (mean and sd, "
                + "or min and max) per field, for the next FlowFile"),
        @WritesAttribute(attribute = "dq.error", description = "Why the FlowFile could not be cleaned (on 'failure' only)"),
        @WritesAttribute(attribute = "mime.type", description = "The Record Writer's MIME type")
})
@DynamicProperty(name = "A field name", value = "INTEGER, DECIMAL, BOOLEAN, DATE or STRING",
        description = "Declares the type the field's values are converted to; values that cannot be converted are handled by Uncoercible Values.")
@UseCase(description = "Clean a labelled text data set before training a classifier.",
        configuration = """
                Set Record Reader and Record Writer (for CSV: CSVReader with Trim Fields false, CSVRecordSetWriter).
                Set Text Field and Label Field. Keep the text repairs on, Minimum Text Length 1 and Remove Exact Duplicates true.
                Set Allowed Labels to the classes the model knows. Label Conflicts 'Majority' relabels identical texts.
                Connect 'rejected' to PutFile (or a review queue): each record carries dq_reject_reason.
                """)
@UseCase(description = "Impute missing numbers and tame outliers in tabular data.",
        configuration = """
                Set Missing Values to Median and Missing Value Fields to the numeric fields.
                Set Outlier Method to IQR and Outlier Action to Repair to clip values to Tukey's fences.
                Add a dynamic property per field to declare its type, e.g. age = INTEGER.
                """)
@SeeAlso(value = {ProfileQuality.class}, classNames = {"org.apache.nifi.processors.standard.ValidateRecord",
        "org.apache.nifi.processors.standard.UpdateRecord", "org.apache.nifi.processors.standard.DeduplicateRecord"})
@SystemResourceConsideration(resource = SystemResource.MEMORY, description = "Exact duplicate removal keeps up to 22 bytes per distinct "
        + "record; near-duplicate removal up to about 600 bytes per text, for at most the index limit; label conflicts about 40 bytes "
        + "per distinct text. Statistics for imputation, outliers and standardisation are sketches of constant size.")
public class CleanRecords extends AbstractProcessor {

    static final String RECORDS_IN = "dq.records.in";
    static final String RECORDS_REJECTED = "dq.records.rejected";
    static final String ATTRIBUTE_PREFIX = "dq.clean.";
    static final String STANDARDIZE_PREFIX = ATTRIBUTE_PREFIX + "standardize.";

    public static final PropertyDescriptor RECORD_READER = ProfileProperties.RECORD_READER;
    public static final PropertyDescriptor RECORD_WRITER = CleanProperties.RECORD_WRITER;
    public static final PropertyDescriptor TEXT_FIELD = CleanProperties.TEXT_FIELD;
    public static final PropertyDescriptor LABEL_FIELD = CleanProperties.LABEL_FIELD;
    public static final PropertyDescriptor NULL_TOKENS = CleanProperties.NULL_TOKENS;
    public static final PropertyDescriptor REPAIR_MOJIBAKE = CleanProperties.REPAIR_MOJIBAKE;
    public static final PropertyDescriptor DECODE_HTML = CleanProperties.DECODE_HTML;
    public static final PropertyDescriptor UNICODE_NFKC = CleanProperties.UNICODE_NFKC;
    public static final PropertyDescriptor REMOVE_CONTROL_CHARACTERS = CleanProperties.REMOVE_CONTROL_CHARACTERS;
    public static final PropertyDescriptor NORMALIZE_WHITESPACE = CleanProperties.NORMALIZE_WHITESPACE;
    public static final PropertyDescriptor LOWER_CASE = CleanProperties.LOWER_CASE;
    public static final PropertyDescriptor NORMALIZED_FIELDS = CleanProperties.NORMALIZED_FIELDS;
    public static final PropertyDescriptor CASE_INSENSITIVE_LABELS = CleanProperties.CASE_INSENSITIVE_LABELS;
    public static final PropertyDescriptor LABEL_MAPPING = CleanProperties.LABEL_MAPPING;
    public static final PropertyDescriptor LABEL_MAPPING_FILE = CleanProperties.LABEL_MAPPING_FILE;
    public static final PropertyDescriptor ALLOWED_LABELS = CleanProperties.ALLOWED_LABELS;
    public static final PropertyDescriptor LABEL_CONFLICTS = CleanProperties.LABEL_CONFLICTS;
    public static final PropertyDescriptor UNCOERCIBLE_VALUES = CleanProperties.UNCOERCIBLE_VALUES;
    public static final PropertyDescriptor MIN_TEXT_LENGTH = CleanProperties.MIN_TEXT_LENGTH;
    public static final PropertyDescriptor MAX_TEXT_LENGTH = CleanProperties.MAX_TEXT_LENGTH;
    public static final PropertyDescriptor LONG_TEXTS = CleanProperties.LONG_TEXTS;
    public static final PropertyDescriptor MISSING_VALUES = CleanProperties.MISSING_VALUES;
    public static final PropertyDescriptor FILL_VALUE = CleanProperties.FILL_VALUE;
    public static final PropertyDescriptor MISSING_VALUE_FIELDS = CleanProperties.MISSING_VALUE_FIELDS;
    public static final PropertyDescriptor OUTLIER_METHOD = CleanProperties.OUTLIER_METHOD;
    public static final PropertyDescriptor OUTLIER_THRESHOLD = CleanProperties.OUTLIER_THRESHOLD;
    public static final PropertyDescriptor OUTLIER_ACTION = CleanProperties.OUTLIER_ACTION;
    public static final PropertyDescriptor OUTLIER_FIELDS = CleanProperties.OUTLIER_FIELDS;
    public static final PropertyDescriptor STANDARDIZATION = CleanProperties.STANDARDIZATION;
    public static final PropertyDescriptor STANDARDIZED_FIELDS = CleanProperties.STANDARDIZED_FIELDS;
    public static final PropertyDescriptor REMOVE_EXACT_DUPLICATES = CleanProperties.REMOVE_EXACT_DUPLICATES;
    public static final PropertyDescriptor DUPLICATE_KEY_FIELDS = CleanProperties.DUPLICATE_KEY_FIELDS;
    public static final PropertyDescriptor DUPLICATE_CACHE = CleanProperties.DUPLICATE_CACHE;
    public static final PropertyDescriptor DUPLICATE_CACHE_PREFIX = CleanProperties.DUPLICATE_CACHE_PREFIX;
    public static final PropertyDescriptor REMOVE_NEAR_DUPLICATES = CleanProperties.REMOVE_NEAR_DUPLICATES;
    public static final PropertyDescriptor NEAR_DUPLICATE_THRESHOLD = CleanProperties.NEAR_DUPLICATE_THRESHOLD;
    public static final PropertyDescriptor NEAR_DUPLICATE_INDEX_LIMIT = CleanProperties.NEAR_DUPLICATE_INDEX_LIMIT;
    public static final PropertyDescriptor REASON_FIELD = CleanProperties.REASON_FIELD;

    static final List<PropertyDescriptor> PROPERTIES = List.of(RECORD_READER, RECORD_WRITER, TEXT_FIELD, LABEL_FIELD, NULL_TOKENS,
            REPAIR_MOJIBAKE, DECODE_HTML, UNICODE_NFKC, REMOVE_CONTROL_CHARACTERS, NORMALIZE_WHITESPACE, LOWER_CASE, NORMALIZED_FIELDS,
            CASE_INSENSITIVE_LABELS, LABEL_MAPPING, LABEL_MAPPING_FILE, ALLOWED_LABELS, LABEL_CONFLICTS, UNCOERCIBLE_VALUES,
            MIN_TEXT_LENGTH, MAX_TEXT_LENGTH, LONG_TEXTS, MISSING_VALUES, FILL_VALUE, MISSING_VALUE_FIELDS, OUTLIER_METHOD,
            OUTLIER_THRESHOLD, OUTLIER_ACTION, OUTLIER_FIELDS, STANDARDIZATION, STANDARDIZED_FIELDS, REMOVE_EXACT_DUPLICATES,
            DUPLICATE_KEY_FIELDS, DUPLICATE_CACHE, DUPLICATE_CACHE_PREFIX, REMOVE_NEAR_DUPLICATES, NEAR_DUPLICATE_THRESHOLD, NEAR_DUPLICATE_INDEX_LIMIT, REASON_FIELD);

    public static final Relationship REL_SUCCESS = new Relationship.Builder().name("success")
            .description("The FlowFile with its content replaced by the cleaned records").build();
    public static final Relationship REL_REJECTED = new Relationship.Builder().name("rejected")
            .description("A FlowFile derived from the incoming one with every rejected record, unchanged, plus the reason field; "
                    + "only when at least one record was rejected").build();
    public static final Relationship REL_FAILURE = new Relationship.Builder().name("failure")
            .description("A FlowFile whose records cannot be read or written, unchanged, with the reason in dq.error").build();

    static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_REJECTED, REL_FAILURE);

    private volatile RecordReaderFactory readerFactory;
    private volatile RecordSetWriterFactory writerFactory;
    private volatile Map<String, String> fileLabelMapping;
    private volatile Map<String, ValueKind> declaredTypes;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    @Override
    protected PropertyDescriptor getSupportedDynamicPropertyDescriptor(final String propertyDescriptorName) {
        return new PropertyDescriptor.Builder()
                .name(propertyDescriptorName)
                .description("The type the values of field '" + propertyDescriptorName + "' are converted to")
                .dynamic(true)
                .addValidator(StandardValidators.createRegexMatchingValidator(
                        java.util.regex.Pattern.compile("(?i)\\s*(" + String.join("|", CleanProperties.COERCIBLE_TYPES) + ")\\s*")))
                .build();
    }

    @Override
    protected Collection<ValidationResult> customValidate(final ValidationContext context) {
        final List<ValidationResult> results = new ArrayList<>();
        if (context.getProperty(LABEL_MAPPING_FILE).isSet()) {
            final String file = context.getProperty(LABEL_MAPPING_FILE).getValue();
            try {
                CleanProperties.readMappingFile(Path.of(file));
            } catch (final IOException | RuntimeException e) {
                results.add(new ValidationResult.Builder().subject(LABEL_MAPPING_FILE.getDisplayName()).input(file).valid(false)
                        .explanation("cannot be read as a label mapping: " + e.getMessage()).build());
            }
        }
        return results;
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) throws IOException {
        readerFactory = context.getProperty(RECORD_READER).asControllerService(RecordReaderFactory.class);
        writerFactory = context.getProperty(RECORD_WRITER).asControllerService(RecordSetWriterFactory.class);
        fileLabelMapping = context.getProperty(LABEL_MAPPING_FILE).isSet()
                ? CleanProperties.readMappingFile(Path.of(context.getProperty(LABEL_MAPPING_FILE).getValue())) : Map.of();
        final Map<String, ValueKind> types = new LinkedHashMap<>();
        context.getProperties().forEach((descriptor, value) -> {
            if (descriptor.isDynamic() && value != null) {
                types.put(descriptor.getName(), CleanProperties.declaredType(value));
            }
        });
        declaredTypes = types;
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) throws ProcessException {
        FlowFile flowFile = session.get();
        if (flowFile == null) {
            return;
        }
        final CleaningRules rules = CleanProperties.rules(context, flowFile, fileLabelMapping, declaredTypes);
        final CleaningCounts counts = new CleaningCounts();
        final RecordCleaner cleaner = new RecordCleaner(rules, counts);
        cleaner.useStandardization(StandardizationAttributes.read(flowFile.getAttributes()));
        if (rules.duplicates().exact() && context.getProperty(DUPLICATE_CACHE).isSet()) {
            cleaner.useSharedKeys(new CachedRecordKeys(context.getProperty(DUPLICATE_CACHE).asControllerService(DistributedMapCacheClient.class),
                    context.getProperty(DUPLICATE_CACHE_PREFIX).evaluateAttributeExpressions(flowFile).getValue()));
        }
        final CleaningRun run = new CleaningRun(session, readerFactory, writerFactory, getLogger(),
                context.getProperty(REASON_FIELD).getValue(), declaredTypes);
        try {
            if (rules.needsStatistics()) {
                run.learn(flowFile, cleaner);
            }
            flowFile = run.clean(flowFile, cleaner);
        } catch (final Exception e) {
            run.discardRejected();
            getLogger().error("Could not clean {}; routing to failure", flowFile, e);
            session.transfer(session.putAttribute(flowFile, "dq.error", ProfileAttributes.describe(e)), REL_FAILURE);
            return;
        }
        final Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(RECORDS_IN, String.valueOf(run.recordsIn()));
        attributes.put(RECORDS_REJECTED, String.valueOf(run.recordsRejected()));
        counts.nonZero().forEach((counter, value) -> attributes.put(ATTRIBUTE_PREFIX + counter, String.valueOf(value)));
        attributes.putAll(StandardizationAttributes.write(cleaner.standardization()));
        session.transfer(session.putAllAttributes(flowFile, attributes), REL_SUCCESS);
        final FlowFile rejected = run.rejectedFlowFile();
        if (rejected != null) {
            session.transfer(session.putAttribute(rejected, RECORDS_REJECTED, String.valueOf(run.recordsRejected())), REL_REJECTED);
        }
        session.adjustCounter("Records Cleaned", run.recordsIn() - run.recordsRejected(), false);
        session.adjustCounter("Records Rejected", run.recordsRejected(), false);
    }
}
