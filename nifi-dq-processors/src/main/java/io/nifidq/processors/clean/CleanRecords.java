package io.nifidq.processors.clean;

import io.nifidq.processors.common.AbstractDqProcessor;
import io.nifidq.processors.common.ContentGuard;
import io.nifidq.processors.common.DqAttributes;
import io.nifidq.processors.common.RecordRouter;
import io.nifidq.processors.profile.ProfileQuality;
import io.nifidq.quality.clean.BatchCleaner;
import io.nifidq.quality.clean.CleaningRules;
import io.nifidq.quality.profile.ValueKind;
import org.apache.nifi.annotation.behavior.DynamicProperty;
import org.apache.nifi.annotation.behavior.InputRequirement;
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
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.util.StandardValidators;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

@SupportsBatching
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@Tags({"data quality", "clean", "cleanse", "deduplicate", "normalize", "impute", "outliers", "labels", "record", "machine learning", "dq"})
@CapabilityDescription("Repairs the records of a FlowFile in one configured step: null tokens, text repairs (mojibake, HTML, Unicode, "
        + "control characters, whitespace), label canonicalisation and conflicts, type coercion, text length bounds, missing values, "
        + "outliers, standardisation, exact and near duplicates. The cleaned records replace the FlowFile's content on 'success'; "
        + "every record a rule drops goes, unchanged and with its reason, to 'rejected'. Records in = records out + records rejected. "
        + "Content that is not records (bytes not valid in the Character Set, or no record) goes unchanged to 'failure'.")
@WritesAttributes({
        @WritesAttribute(attribute = DqAttributes.RECORD_COUNT, description = "Records in the outgoing FlowFile"),
        @WritesAttribute(attribute = DqAttributes.RECORDS_IN, description = "Records read from the incoming FlowFile (on 'success')"),
        @WritesAttribute(attribute = DqAttributes.RECORDS_REJECTED, description = "Records sent to 'rejected'"),
        @WritesAttribute(attribute = DqAttributes.Clean.PREFIX + "<step>.<what>", description = "What each step did, e.g. dq.clean.duplicates.exact, "
                + "dq.clean.html.entities.decoded, dq.clean.missing.filled (only counts above zero)"),
        @WritesAttribute(attribute = DqAttributes.Clean.STANDARDIZE_PREFIX + "<field>.<parameter>", description = "Standardisation parameters (mean and sd, "
                + "or min and max) per field, for the next FlowFile"),
        @WritesAttribute(attribute = DqAttributes.ERROR, description = "Why the FlowFile could not be cleaned (on 'failure' only)"),
        @WritesAttribute(attribute = DqAttributes.MIME_TYPE, description = "The Record Writer's MIME type")
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
public class CleanRecords extends AbstractDqProcessor {

    public static final Relationship REL_SUCCESS = new Relationship.Builder().name("success")
            .description("The FlowFile with its content replaced by the cleaned records").build();
    public static final Relationship REL_REJECTED = new Relationship.Builder().name("rejected")
            .description("A FlowFile derived from the incoming one with every rejected record, unchanged, plus the reason field; "
                    + "only when at least one record was rejected").build();
    public static final Relationship REL_FAILURE = new Relationship.Builder().name("failure")
            .description("A FlowFile whose records cannot be read or written, or whose content is not records (too many bytes not "
                    + "valid in the Character Set, or content without a record), unchanged, with the reason in dq.error").build();

    static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_REJECTED, REL_FAILURE);

    private volatile DistributedMapCacheClient duplicateCache;
    private volatile String reasonField;
    private volatile Map<String, String> fileLabelMapping;
    private volatile Map<String, ValueKind> declaredTypes;

    public CleanRecords() {
        super(CleanProperties.DESCRIPTORS, RELATIONSHIPS);
    }

    @Override
    protected PropertyDescriptor getSupportedDynamicPropertyDescriptor(final String propertyDescriptorName) {
        return new PropertyDescriptor.Builder()
                .name(propertyDescriptorName)
                .description("The type the values of field '" + propertyDescriptorName + "' are converted to")
                .dynamic(true)
                .addValidator(StandardValidators.createRegexMatchingValidator(
                        Pattern.compile("(?i)\\s*(" + String.join("|", CleanProperties.COERCIBLE_TYPES) + ")\\s*")))
                .build();
    }

    @Override
    protected Collection<ValidationResult> customValidate(final ValidationContext context) {
        final List<ValidationResult> results = new ArrayList<>();
        if (context.getProperty(CleanProperties.LABEL_MAPPING_FILE).isSet()) {
            final String file = context.getProperty(CleanProperties.LABEL_MAPPING_FILE).getValue();
            try {
                CleanProperties.readMappingFile(Path.of(file));
            } catch (final IOException | RuntimeException e) {
                results.add(new ValidationResult.Builder().subject(CleanProperties.LABEL_MAPPING_FILE.getDisplayName()).input(file)
                        .valid(false).explanation("cannot be read as a label mapping: " + e.getMessage()).build());
            }
        }
        return results;
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) throws IOException {
        useRecordServices(context, CleanProperties.RECORD_READER, CleanProperties.RECORD_WRITER);
        duplicateCache = context.getProperty(CleanProperties.DUPLICATE_CACHE).isSet()
                ? context.getProperty(CleanProperties.DUPLICATE_CACHE).asControllerService(DistributedMapCacheClient.class) : null;
        reasonField = context.getProperty(CleanProperties.REASON_FIELD).getValue();
        fileLabelMapping = context.getProperty(CleanProperties.LABEL_MAPPING_FILE).isSet()
                ? CleanProperties.readMappingFile(Path.of(context.getProperty(CleanProperties.LABEL_MAPPING_FILE).getValue())) : Map.of();
        final Map<String, ValueKind> types = new LinkedHashMap<>();
        context.getProperties().forEach((descriptor, value) -> {
            if (descriptor.isDynamic() && value != null) {
                types.put(descriptor.getName(), CleanProperties.declaredType(value));
            }
        });
        declaredTypes = types;
    }

    @Override
    protected void onFlowFile(final ProcessContext context, final ProcessSession session, final FlowFile flowFile,
                              final RecordRouter router) {
        final BatchCleaner batch;
        final RecordRouter.Routed routed;
        try {
            final long bytes = ContentGuard.of(context, flowFile, CleanProperties.CHARACTER_SET, CleanProperties.MAX_INVALID_BYTE_RATIO)
                    .checkBytes(session, flowFile).bytes();
            batch = batch(context, flowFile);
            if (batch.needsLearningPass()) {
                router.readEach(flowFile, record -> batch.learn(record.toMap()));
            }
            routed = router.rewrite(flowFile, ContentGuard.requiringRecords(new CleaningRouting(batch, reasonField, declaredTypes), bytes));
        } catch (final Exception e) {
            router.toFailure(flowFile, REL_FAILURE, "clean", e);
            return;
        }
        transfer(session, routed, batch);
        if (duplicateCache != null) {
            publishKeysAfterCommit(session, batch);
        }
    }

    /** The cleaner of one FlowFile: its rules, the standardisation parameters it carries, the shared duplicate keys. */
    private BatchCleaner batch(final ProcessContext context, final FlowFile flowFile) {
        final CleaningRules rules = CleanProperties.rules(context, flowFile, fileLabelMapping, declaredTypes);
        final BatchCleaner batch = new BatchCleaner(rules);
        batch.useStandardization(StandardizationAttributes.read(flowFile.getAttributes()));
        if (rules.duplicates().exact() && duplicateCache != null) {
            batch.useSharedKeys(new CachedRecordKeys(duplicateCache,
                    context.getProperty(CleanProperties.DUPLICATE_CACHE_PREFIX).evaluateAttributeExpressions(flowFile).getValue()));
        }
        return batch;
    }

    private void transfer(final ProcessSession session, final RecordRouter.Routed routed, final BatchCleaner batch) {
        final BatchCleaner.Tally tally = batch.tally();
        final Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(DqAttributes.RECORDS_IN, String.valueOf(tally.recordsIn()));
        attributes.put(DqAttributes.RECORDS_REJECTED, String.valueOf(tally.recordsRejected()));
        batch.counts().nonZero().forEach((counter, value) -> attributes.put(DqAttributes.Clean.PREFIX + counter, String.valueOf(value)));
        attributes.putAll(StandardizationAttributes.write(batch.standardization()));
        final FlowFile cleaned = session.putAllAttributes(routed.main(), attributes);
        session.getProvenanceReporter().modifyContent(cleaned, "Cleaned " + tally.recordsKept() + " records; rejected "
                + tally.recordsRejected());
        session.transfer(cleaned, REL_SUCCESS);
        if (routed.child() != null) {
            session.transfer(session.putAttribute(routed.child(), DqAttributes.RECORDS_REJECTED, String.valueOf(tally.recordsRejected())),
                    REL_REJECTED);
        }
        session.adjustCounter("Records Cleaned", tally.recordsKept(), false);
        session.adjustCounter("Records Rejected", tally.recordsRejected(), false);
    }

    /**
     * Shares the kept records' keys only once the cleaned FlowFile is committed: NiFi stopped before that replays the
     * FlowFile, and keys stored for records that were never written would reject them as earlier duplicates.
     */
    private void publishKeysAfterCommit(final ProcessSession session, final BatchCleaner batch) {
        final long kept = batch.tally().recordsKept();
        session.commitAsync(() -> {
            try {
                batch.publishKeptKeys();
            } catch (final IOException e) {
                getLogger().error("{} cleaned records are committed but their keys could not be stored in the Distributed Map Cache; "
                        + "later FlowFiles are not checked against them", kept, e);
            }
        }, failure -> getLogger().warn("The session was not committed, so the keys of its {} cleaned records are not shared", kept));
    }
}
