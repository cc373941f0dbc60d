package io.nifidq.processors.classify;

import io.nifidq.processors.common.AbstractDqProcessor;
import io.nifidq.processors.common.DqAttributes;
import io.nifidq.processors.common.RecordRouter;
import io.nifidq.processors.train.TrainClassifier;
import io.nifidq.service.api.TextClassifierService;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.SupportsBatching;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

@SupportsBatching
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@Tags({"machine learning", "text classification", "inference", "predict", "djl", "record", "dq"})
@CapabilityDescription("Adds a predicted label and its confidence (and optionally the top-k labels with their probabilities) to each "
        + "record, classifying the Text Field in batches through a text classifier service that holds the model. Records whose "
        + "confidence is under the threshold go, in their own FlowFile, to 'low confidence'; the rest to 'success'. The model may "
        + "be an n-gram model or a head on a pretrained encoder; texts longer than an encoder reads are classified on their "
        + "beginning and counted.")
@SeeAlso(value = {TrainClassifier.class}, classNames = {"io.nifidq.service.DjlTextClassifierService"})
@WritesAttributes({
        @WritesAttribute(attribute = DqAttributes.RECORD_COUNT, description = "Records in the outgoing FlowFile"),
        @WritesAttribute(attribute = DqAttributes.RECORDS_IN, description = "Records read from the incoming FlowFile"),
        @WritesAttribute(attribute = DqAttributes.Classify.RECORDS_LOW_CONFIDENCE, description = "Records sent to 'low confidence'"),
        @WritesAttribute(attribute = DqAttributes.Classify.RECORDS_WITHOUT_TEXT, description = "Records with a null or blank text: passed on "
                + "with a null prediction"),
        @WritesAttribute(attribute = DqAttributes.MODEL_VERSION, description = "The model version that classified the records"),
        @WritesAttribute(attribute = DqAttributes.MODEL_DEVICE, description = "Where the model ran: cpu() or gpu(0) for an n-gram "
                + "model; for an encoder model with ONNX Runtime's execution provider, e.g. cpu() (CPUExecutionProvider)"),
        @WritesAttribute(attribute = DqAttributes.ERROR, description = "Why the FlowFile could not be classified (on 'failure' only)"),
        @WritesAttribute(attribute = DqAttributes.MIME_TYPE, description = "The Record Writer's MIME type")
})
@UseCase(description = "Label incoming support messages with the classifier TrainClassifier trained, and send the uncertain ones "
        + "to people.", configuration = """
        Add a DjlTextClassifierService with Model Directory set to TrainClassifier's Model Directory and enable it.
        Set Record Reader and Record Writer, Text Field to the field with the text, Text Classifier to the service,
        and Confidence Threshold to, for example, 0.8.
        Route 'success' onward and 'low confidence' to a review queue.
        """)
public class ClassifyText extends AbstractDqProcessor {

    public static final Relationship REL_SUCCESS = new Relationship.Builder().name("success")
            .description("The FlowFile with its records classified (all of them, or those at or above the confidence threshold)").build();
    public static final Relationship REL_LOW_CONFIDENCE = new Relationship.Builder().name("low confidence")
            .description("A FlowFile derived from the incoming one with the classified records under the confidence threshold").build();
    public static final Relationship REL_FAILURE = new Relationship.Builder().name("failure")
            .description("A FlowFile that could not be read or classified, untouched, with the reason in dq.error").build();

    static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_LOW_CONFIDENCE, REL_FAILURE);

    /** The counter of texts longer than an encoder model reads (its maximum length in tokens), classified on their beginning. */
    public static final String TEXTS_TRUNCATED_COUNTER = "Texts Truncated";

    private volatile TextClassifierService classifier;

    public ClassifyText() {
        super(ClassifyProperties.DESCRIPTORS, RELATIONSHIPS);
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) {
        useRecordServices(context, ClassifyProperties.RECORD_READER, ClassifyProperties.RECORD_WRITER);
        classifier = context.getProperty(ClassifyProperties.CLASSIFIER).asControllerService(TextClassifierService.class);
    }

    @Override
    protected void onFlowFile(final ProcessContext context, final ProcessSession session, final FlowFile flowFile,
                              final RecordRouter router) {
        if (flowFile.getSize() == 0) {
            // Nothing to read (a CSV reader would fail on the missing header): pass it on as zero records.
            session.transfer(session.putAllAttributes(flowFile, Map.of(DqAttributes.RECORD_COUNT, "0", DqAttributes.RECORDS_IN, "0")),
                    REL_SUCCESS);
            return;
        }
        final ClassificationRouting routing = new ClassificationRouting(classifier, ClassifyProperties.settings(context, flowFile));
        final RecordRouter.Routed routed;
        try {
            routed = router.rewrite(flowFile, routing);
        } catch (final Exception e) {
            router.toFailure(flowFile, REL_FAILURE, "classify", e);
            return;
        }
        transfer(session, routed, routing);
    }

    private void transfer(final ProcessSession session, final RecordRouter.Routed routed, final ClassificationRouting routing) {
        final Map<String, String> model = routing.modelAttributes();
        final ClassificationRouting.Tally tally = routing.tally();
        final Map<String, String> attributes = new LinkedHashMap<>(model);
        attributes.put(DqAttributes.RECORDS_IN, String.valueOf(tally.recordsIn()));
        attributes.put(DqAttributes.Classify.RECORDS_LOW_CONFIDENCE, String.valueOf(tally.recordsLow()));
        attributes.put(DqAttributes.Classify.RECORDS_WITHOUT_TEXT, String.valueOf(tally.withoutText()));
        final FlowFile classified = session.putAllAttributes(routed.main(), attributes);
        session.getProvenanceReporter().modifyContent(classified, "Classified " + tally.recordsIn() + " records with model "
                + model.get(DqAttributes.MODEL_VERSION) + " on " + model.get(DqAttributes.MODEL_DEVICE) + "; " + tally.recordsLow()
                + " below the confidence threshold");
        session.transfer(classified, REL_SUCCESS);
        if (routed.child() != null) {
            session.transfer(session.putAllAttributes(routed.child(), model), REL_LOW_CONFIDENCE);
        }
        session.adjustCounter("Records Classified", tally.recordsIn(), false);
        session.adjustCounter("Records Below Confidence Threshold", tally.recordsLow(), false);
        session.adjustCounter("Records Without Text", tally.withoutText(), false);
        session.adjustCounter(TEXTS_TRUNCATED_COUNTER, tally.textsTruncated(), false);
    }
}
