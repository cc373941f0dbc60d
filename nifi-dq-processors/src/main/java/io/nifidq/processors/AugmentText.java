package io.nifidq.processors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifidq.augment.Augmenter;
import io.nifidq.augment.CopyPlan;
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
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriterFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

@SideEffectFree
@SupportsBatching
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@Tags({"augmentation", "augment", "EDA", "synonyms", "oversampling", "rebalance", "class imbalance", "text", "chinese", "record",
        "machine learning", "dq"})
@CapabilityDescription("Adds augmented copies of the records' texts (EDA: synonym replacement, random insertion, random swap, random "
        + "deletion; keyboard typos), for English (WordNet) and Chinese (HanLP segmentation, Cilin synonyms), either a fixed number per "
        + "record or as many as it takes to rebalance the classes. Each original record is written followed by its copies, all marked "
        + "with a boolean field and the index of their source record; seeded, so the same input and seed give the same output. The "
        + "FlowFile goes to 'success' with its content replaced, or unchanged to 'failure' when its records cannot be read or written.")
@WritesAttributes({
        @WritesAttribute(attribute = "record.count", description = "Records in the outgoing FlowFile: originals plus copies"),
        @WritesAttribute(attribute = AugmentText.RECORDS_IN, description = "Records read from the incoming FlowFile"),
        @WritesAttribute(attribute = AugmentText.GENERATED, description = "Augmented copies written"),
        @WritesAttribute(attribute = AugmentText.UNCHANGED, description = "Copies no enabled operation could change (identical to "
                + "their source: no word with a synonym, a single word)"),
        @WritesAttribute(attribute = AugmentText.EMPTY_TEXTS, description = "Records whose text was missing or blank, passed through"),
        @WritesAttribute(attribute = "dq.augment.language.<english|chinese|unknown>", description = "Records augmented per detected language"),
        @WritesAttribute(attribute = "dq.augment.operation.<operation>", description = "Copies per operation applied, e.g. "
                + "dq.augment.operation.random_swap"),
        @WritesAttribute(attribute = "dq.augment.class.<label>.before", description = "Records per class in the incoming FlowFile "
                + "(with Label Field)"),
        @WritesAttribute(attribute = "dq.augment.class.<label>.after", description = "Records per class in the outgoing FlowFile "
                + "(with Label Field)"),
        @WritesAttribute(attribute = AugmentText.CLASSES, description = "The same counts as one JSON object: {\"label\": {\"before\": n, "
                + "\"after\": m}, ...} (with Label Field)"),
        @WritesAttribute(attribute = AugmentText.UNLABELLED, description = "Records without a label (with Label Field)"),
        @WritesAttribute(attribute = "dq.error", description = "Why the FlowFile could not be augmented (on 'failure' only)"),
        @WritesAttribute(attribute = "mime.type", description = "The Record Writer's MIME type")
})
@UseCase(description = "Balance the classes of a labelled text data set before training a classifier.",
        configuration = """
                Set Record Reader and Record Writer, Text Field and Label Field.
                Set Augmentation Mode to 'Rebalance Classes' and Target Class Share to 1.0.
                Keep the EDA rates at 0.1. Split train/test by dq_source_index so a record and its copies stay together,
                or augment only the training split.
                """)
@UseCase(description = "Make a text classifier robust to typos and paraphrase.",
        configuration = """
                Set Copies per Record to 4 (16 for a few hundred texts), Character Noise Rate to 0.1.
                For Chinese texts set Language to Chinese, or leave Auto to decide per text.
                Add a Synonym File with the domain's own synonyms (one group per CSV row).
                """)
@SeeAlso(value = {CleanRecords.class, ProfileQuality.class}, classNames = {"org.apache.nifi.processors.standard.ConvertRecord"})
@SystemResourceConsideration(resource = SystemResource.MEMORY, description = "Records are streamed, never held: rebalancing reads the "
        + "FlowFile twice and keeps only the counts per class. The dictionaries load once per NiFi instance on first use: WordNet "
        + "3.1, HanLP's segmenter and the Cilin synonyms take about 75 MB of heap together.")
public class AugmentText extends AbstractProcessor {

    static final String ATTRIBUTE_PREFIX = "dq.augment.";
    static final String RECORDS_IN = "dq.records.in";
    static final String GENERATED = ATTRIBUTE_PREFIX + "generated";
    static final String UNCHANGED = ATTRIBUTE_PREFIX + "unchanged";
    static final String EMPTY_TEXTS = ATTRIBUTE_PREFIX + "texts.empty";
    static final String UNLABELLED = ATTRIBUTE_PREFIX + "unlabelled";
    static final String CLASSES = ATTRIBUTE_PREFIX + "classes";
    static final String CLASS_PREFIX = ATTRIBUTE_PREFIX + "class.";

    public static final PropertyDescriptor RECORD_READER = AugmentProperties.RECORD_READER;
    public static final PropertyDescriptor RECORD_WRITER = AugmentProperties.RECORD_WRITER;
    public static final PropertyDescriptor TEXT_FIELD = AugmentProperties.TEXT_FIELD;
    public static final PropertyDescriptor LABEL_FIELD = AugmentProperties.LABEL_FIELD;
    public static final PropertyDescriptor MODE = AugmentProperties.MODE;
    public static final PropertyDescriptor COPIES_PER_RECORD = AugmentProperties.COPIES_PER_RECORD;
    public static final PropertyDescriptor TARGET_CLASS_SHARE = AugmentProperties.TARGET_CLASS_SHARE;
    public static final PropertyDescriptor MAX_COPIES_PER_RECORD = AugmentProperties.MAX_COPIES_PER_RECORD;
    public static final PropertyDescriptor OPERATIONS_PER_COPY = AugmentProperties.OPERATIONS_PER_COPY;
    public static final PropertyDescriptor SYNONYM_REPLACEMENT_RATE = AugmentProperties.SYNONYM_REPLACEMENT_RATE;
    public static final PropertyDescriptor RANDOM_INSERTION_RATE = AugmentProperties.RANDOM_INSERTION_RATE;
    public static final PropertyDescriptor RANDOM_SWAP_RATE = AugmentProperties.RANDOM_SWAP_RATE;
    public static final PropertyDescriptor RANDOM_DELETION_RATE = AugmentProperties.RANDOM_DELETION_RATE;
    public static final PropertyDescriptor CHARACTER_NOISE_RATE = AugmentProperties.CHARACTER_NOISE_RATE;
    public static final PropertyDescriptor LANGUAGE = AugmentProperties.LANGUAGE;
    public static final PropertyDescriptor CHINESE_SEGMENTER = AugmentProperties.CHINESE_SEGMENTER;
    public static final PropertyDescriptor BUILT_IN_SYNONYMS = AugmentProperties.BUILT_IN_SYNONYMS;
    public static final PropertyDescriptor SYNONYM_FILE = AugmentProperties.SYNONYM_FILE;
    public static final PropertyDescriptor RANDOM_SEED = AugmentProperties.RANDOM_SEED;
    public static final PropertyDescriptor AUGMENTED_FIELD = AugmentProperties.AUGMENTED_FIELD;
    public static final PropertyDescriptor SOURCE_INDEX_FIELD = AugmentProperties.SOURCE_INDEX_FIELD;

    static final List<PropertyDescriptor> PROPERTIES = List.of(RECORD_READER, RECORD_WRITER, TEXT_FIELD, LABEL_FIELD, MODE,
            COPIES_PER_RECORD, TARGET_CLASS_SHARE, MAX_COPIES_PER_RECORD, OPERATIONS_PER_COPY, SYNONYM_REPLACEMENT_RATE,
            RANDOM_INSERTION_RATE, RANDOM_SWAP_RATE, RANDOM_DELETION_RATE, CHARACTER_NOISE_RATE, LANGUAGE, CHINESE_SEGMENTER,
            BUILT_IN_SYNONYMS, SYNONYM_FILE, RANDOM_SEED, AUGMENTED_FIELD, SOURCE_INDEX_FIELD);

    public static final Relationship REL_SUCCESS = new Relationship.Builder().name("success")
            .description("The FlowFile with its content replaced by the original records, each followed by its augmented copies").build();
    public static final Relationship REL_FAILURE = new Relationship.Builder().name("failure")
            .description("A FlowFile whose records cannot be read or written, unchanged, with the reason in dq.error").build();

    static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_FAILURE);

    private static final ObjectMapper JSON = new ObjectMapper();

    private volatile RecordReaderFactory readerFactory;
    private volatile RecordSetWriterFactory writerFactory;
    private volatile Augmenter augmenter;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    @Override
    protected Collection<ValidationResult> customValidate(final ValidationContext context) {
        final List<ValidationResult> results = new ArrayList<>();
        if (context.getProperty(MODE).asAllowableValue(AugmentChoices.Mode.class) == AugmentChoices.Mode.REBALANCE
                && !context.getProperty(LABEL_FIELD).isSet()) {
            results.add(new ValidationResult.Builder().subject(LABEL_FIELD.getDisplayName()).valid(false)
                    .explanation("rebalancing classes needs the Label Field").build());
        }
        final boolean anyOperation = List.of(SYNONYM_REPLACEMENT_RATE, RANDOM_INSERTION_RATE, RANDOM_SWAP_RATE, RANDOM_DELETION_RATE,
                CHARACTER_NOISE_RATE).stream().anyMatch(rate -> {
                    try {
                        return Double.parseDouble(context.getProperty(rate).getValue().strip()) > 0;
                    } catch (final RuntimeException e) {
                        return true; // the rate's own validator reports it
                    }
                });
        if (!anyOperation) {
            results.add(new ValidationResult.Builder().subject("Operation Rates").valid(false)
                    .explanation("every operation rate is 0: at least one operation must be on").build());
        }
        if (context.getProperty(SYNONYM_FILE).isSet()) {
            final String file = context.getProperty(SYNONYM_FILE).getValue();
            try {
                AugmentProperties.readSynonymFile(Path.of(file));
            } catch (final IOException | RuntimeException e) {
                results.add(new ValidationResult.Builder().subject(SYNONYM_FILE.getDisplayName()).input(file).valid(false)
                        .explanation("cannot be read as a synonym CSV: " + e.getMessage()).build());
            }
        }
        return results;
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) throws IOException {
        readerFactory = context.getProperty(RECORD_READER).asControllerService(RecordReaderFactory.class);
        writerFactory = context.getProperty(RECORD_WRITER).asControllerService(RecordSetWriterFactory.class);
        augmenter = AugmentProperties.augmenter(context);
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) throws ProcessException {
        FlowFile flowFile = session.get();
        if (flowFile == null) {
            return;
        }
        final String labelField = context.getProperty(LABEL_FIELD).isSet()
                ? context.getProperty(LABEL_FIELD).evaluateAttributeExpressions(flowFile).getValue() : null;
        final AugmentRun run = new AugmentRun(session, readerFactory, writerFactory, getLogger(), augmenter,
                context.getProperty(TEXT_FIELD).evaluateAttributeExpressions(flowFile).getValue(), labelField,
                context.getProperty(AUGMENTED_FIELD).getValue(), context.getProperty(SOURCE_INDEX_FIELD).getValue());
        try {
            final CopyPlan plan = context.getProperty(MODE).asAllowableValue(AugmentChoices.Mode.class) == AugmentChoices.Mode.REBALANCE
                    ? run.planRebalancing(flowFile, Double.parseDouble(context.getProperty(TARGET_CLASS_SHARE).getValue().strip()),
                            context.getProperty(MAX_COPIES_PER_RECORD).asInteger())
                    : CopyPlan.fixed(context.getProperty(COPIES_PER_RECORD).asInteger());
            flowFile = run.augment(flowFile, plan);
        } catch (final Exception e) {
            getLogger().error("Could not augment {}; routing to failure", flowFile, e);
            session.transfer(session.putAttribute(flowFile, "dq.error", ProfileAttributes.describe(e)), REL_FAILURE);
            return;
        }
        flowFile = session.putAllAttributes(flowFile, attributes(run, labelField != null));
        session.getProvenanceReporter().modifyContent(flowFile, "Added " + run.generated() + " augmented copies to " + run.recordsIn() + " records");
        session.transfer(flowFile, REL_SUCCESS);
        session.adjustCounter("Augmented Records Generated", run.generated(), false);
        session.adjustCounter("Empty Texts Passed Through", run.emptyTexts(), false);
    }

    private static Map<String, String> attributes(final AugmentRun run, final boolean labelled) {
        final Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(RECORDS_IN, String.valueOf(run.recordsIn()));
        attributes.put(GENERATED, String.valueOf(run.generated()));
        attributes.put(UNCHANGED, String.valueOf(run.unchanged()));
        attributes.put(EMPTY_TEXTS, String.valueOf(run.emptyTexts()));
        run.languages().forEach((language, count) ->
                attributes.put(ATTRIBUTE_PREFIX + "language." + language.name().toLowerCase(Locale.ROOT), String.valueOf(count)));
        run.operations().forEach((operation, count) ->
                attributes.put(ATTRIBUTE_PREFIX + "operation." + operation.name().toLowerCase(Locale.ROOT), String.valueOf(count)));
        if (labelled) {
            final ObjectNode classes = JSON.createObjectNode();
            run.classesBefore().forEach((label, before) -> {
                final long after = run.classesAfter().getOrDefault(label, before);
                attributes.put(CLASS_PREFIX + label + ".before", String.valueOf(before));
                attributes.put(CLASS_PREFIX + label + ".after", String.valueOf(after));
                classes.putObject(label).put("before", before).put("after", after);
            });
            attributes.put(CLASSES, classes.toString());
            attributes.put(UNLABELLED, String.valueOf(run.unlabelled()));
        }
        return attributes;
    }
}
