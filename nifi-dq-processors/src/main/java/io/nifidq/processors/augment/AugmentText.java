package io.nifidq.processors.augment;

import io.nifidq.augment.Augmenter;
import io.nifidq.augment.CopyMarkers;
import io.nifidq.augment.CopyPlan;
import io.nifidq.augment.RecordAugmentation;
import io.nifidq.processors.augment.AugmentChoices.AugmentationModeChoice;
import io.nifidq.processors.clean.CleanRecords;
import io.nifidq.processors.common.AbstractDqProcessor;
import io.nifidq.processors.common.ContentGuard;
import io.nifidq.processors.common.DqAttributes;
import io.nifidq.processors.common.RecordRouter;
import io.nifidq.processors.profile.ProfileQuality;
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
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
        + "FlowFile goes to 'success' with its content replaced, or unchanged to 'failure' when its records cannot be read or written, "
        + "or when its content is not records (bytes not valid in the Character Set, or no record).")
@WritesAttributes({
        @WritesAttribute(attribute = DqAttributes.RECORD_COUNT, description = "Records in the outgoing FlowFile: originals plus copies"),
        @WritesAttribute(attribute = DqAttributes.RECORDS_IN, description = "Records read from the incoming FlowFile"),
        @WritesAttribute(attribute = DqAttributes.Augment.GENERATED, description = "Augmented copies written"),
        @WritesAttribute(attribute = DqAttributes.Augment.UNCHANGED, description = "Copies no enabled operation could change (identical to "
                + "their source: no word with a synonym, a single word)"),
        @WritesAttribute(attribute = DqAttributes.Augment.EMPTY_TEXTS, description = "Records whose text was missing or blank, passed through"),
        @WritesAttribute(attribute = DqAttributes.Augment.LANGUAGE_PREFIX + "<english|chinese|unknown>", description = "Records augmented per detected language"),
        @WritesAttribute(attribute = DqAttributes.Augment.OPERATION_PREFIX + "<operation>", description = "Copies per operation applied, e.g. "
                + "dq.augment.operation.random_swap"),
        @WritesAttribute(attribute = DqAttributes.Augment.CLASS_PREFIX + "<label>.before", description = "Records per class in the incoming FlowFile "
                + "(with Label Field)"),
        @WritesAttribute(attribute = DqAttributes.Augment.CLASS_PREFIX + "<label>.after", description = "Records per class in the outgoing FlowFile "
                + "(with Label Field)"),
        @WritesAttribute(attribute = DqAttributes.Augment.CLASSES, description = "The same counts as one JSON object: {\"label\": {\"before\": n, "
                + "\"after\": m}, ...} (with Label Field)"),
        @WritesAttribute(attribute = DqAttributes.Augment.UNLABELLED, description = "Records without a label (with Label Field)"),
        @WritesAttribute(attribute = DqAttributes.ERROR, description = "Why the FlowFile could not be augmented (on 'failure' only)"),
        @WritesAttribute(attribute = DqAttributes.MIME_TYPE, description = "The Record Writer's MIME type")
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
public class AugmentText extends AbstractDqProcessor {

    public static final Relationship REL_SUCCESS = new Relationship.Builder().name("success")
            .description("The FlowFile with its content replaced by the original records, each followed by its augmented copies").build();
    public static final Relationship REL_FAILURE = new Relationship.Builder().name("failure")
            .description("A FlowFile whose records cannot be read or written, or whose content is not records (too many bytes not "
                    + "valid in the Character Set, or content without a record), unchanged, with the reason in dq.error").build();

    static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_FAILURE);

    private volatile Augmenter augmenter;
    private volatile CopyMarkers markers;

    public AugmentText() {
        super(AugmentProperties.DESCRIPTORS, RELATIONSHIPS);
    }

    @Override
    protected Collection<ValidationResult> customValidate(final ValidationContext context) {
        final List<ValidationResult> results = new ArrayList<>();
        if (context.getProperty(AugmentProperties.MODE).asAllowableValue(AugmentationModeChoice.class) == AugmentationModeChoice.REBALANCE
                && !context.getProperty(AugmentProperties.LABEL_FIELD).isSet()) {
            results.add(new ValidationResult.Builder().subject(AugmentProperties.LABEL_FIELD.getDisplayName()).valid(false)
                    .explanation("rebalancing classes needs the Label Field").build());
        }
        final boolean anyOperation = AugmentProperties.RATES.values().stream().anyMatch(rate -> {
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
        if (context.getProperty(AugmentProperties.SYNONYM_FILE).isSet()) {
            final String file = context.getProperty(AugmentProperties.SYNONYM_FILE).getValue();
            try {
                AugmentProperties.readSynonymFile(Path.of(file));
            } catch (final IOException | RuntimeException e) {
                results.add(new ValidationResult.Builder().subject(AugmentProperties.SYNONYM_FILE.getDisplayName()).input(file).valid(false)
                        .explanation("cannot be read as a synonym CSV: " + e.getMessage()).build());
            }
        }
        return results;
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) throws IOException {
        useRecordServices(context, AugmentProperties.RECORD_READER, AugmentProperties.RECORD_WRITER);
        augmenter = AugmentProperties.augmenter(context);
        markers = AugmentProperties.markers(context);
    }

    @Override
    protected void onFlowFile(final ProcessContext context, final ProcessSession session, final FlowFile flowFile,
                              final RecordRouter router) {
        final String labelField = context.getProperty(AugmentProperties.LABEL_FIELD).isSet()
                ? context.getProperty(AugmentProperties.LABEL_FIELD).evaluateAttributeExpressions(flowFile).getValue() : null;
        final RecordAugmentation augmentation = new RecordAugmentation(augmenter,
                context.getProperty(AugmentProperties.TEXT_FIELD).evaluateAttributeExpressions(flowFile).getValue(), labelField, markers);
        FlowFile augmented;
        try {
            final long bytes = ContentGuard.of(context, flowFile, AugmentProperties.CHARACTER_SET, AugmentProperties.MAX_INVALID_BYTE_RATIO)
                    .checkBytes(session, flowFile).bytes();
            final CopyPlan plan = plan(context, flowFile, router, augmentation);
            augmented = router.rewrite(flowFile, ContentGuard.requiringRecords(new AugmentRouting(augmentation, plan, markers), bytes)).main();
        } catch (final Exception e) {
            router.toFailure(flowFile, REL_FAILURE, "augment", e);
            return;
        }
        final RecordAugmentation.Counts counts = augmentation.counts();
        augmented = session.putAllAttributes(augmented, AugmentRouting.attributes(counts, labelField != null));
        session.getProvenanceReporter().modifyContent(augmented, "Added " + counts.generated() + " augmented copies to "
                + counts.recordsIn() + " records");
        session.transfer(augmented, REL_SUCCESS);
        session.adjustCounter("Augmented Records Generated", counts.generated(), false);
        session.adjustCounter("Empty Texts Passed Through", counts.emptyTexts(), false);
    }

    /** A fixed number of copies, or, when rebalancing, what a counting pass over the FlowFile plans. */
    private static CopyPlan plan(final ProcessContext context, final FlowFile flowFile, final RecordRouter router,
                                 final RecordAugmentation augmentation) throws Exception {
        if (context.getProperty(AugmentProperties.MODE).asAllowableValue(AugmentationModeChoice.class) != AugmentationModeChoice.REBALANCE) {
            return CopyPlan.fixed(context.getProperty(AugmentProperties.COPIES_PER_RECORD).asInteger());
        }
        router.readEach(flowFile, record -> augmentation.count(record.toMap()));
        return augmentation.rebalancingPlan(Double.parseDouble(context.getProperty(AugmentProperties.TARGET_CLASS_SHARE).getValue().strip()),
                context.getProperty(AugmentProperties.MAX_COPIES_PER_RECORD).asInteger());
    }
}
