package io.nifidq.processors.augment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifidq.augment.CopyMarkers;
import io.nifidq.augment.CopyPlan;
import io.nifidq.augment.RecordAugmentation;
import io.nifidq.processors.common.DqAttributes;
import io.nifidq.processors.common.RecordRouter;
import io.nifidq.processors.common.RecordSchemas;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** AugmentText's writing pass over one FlowFile: every record, marked, then its copies; and the counts as attributes. */
record AugmentRouting(RecordAugmentation augmentation, CopyPlan plan, CopyMarkers markers) implements RecordRouter.RecordRouting {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public RecordSchema mainSchema(final RecordSchema readSchema) {
        return RecordSchemas.withMissingFields(readSchema,
                new RecordField(markers.augmentedField(), RecordFieldType.BOOLEAN.getDataType(), true),
                new RecordField(markers.sourceIndexField(), RecordFieldType.LONG.getDataType(), true));
    }

    @Override
    public void route(final Record record, final RecordRouter.Outputs outputs) throws IOException {
        augmentation.augment(record.toMap(), plan, outputs::toMain);
    }

    /** What the pass did, as attributes; the class counts only when the records are labelled. */
    static Map<String, String> attributes(final RecordAugmentation.Counts augmentation, final boolean labelled) {
        final Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(DqAttributes.RECORDS_IN, String.valueOf(augmentation.recordsIn()));
        attributes.put(DqAttributes.Augment.GENERATED, String.valueOf(augmentation.generated()));
        attributes.put(DqAttributes.Augment.UNCHANGED, String.valueOf(augmentation.unchanged()));
        attributes.put(DqAttributes.Augment.EMPTY_TEXTS, String.valueOf(augmentation.emptyTexts()));
        augmentation.languages().forEach((language, count) ->
                attributes.put(DqAttributes.Augment.LANGUAGE_PREFIX + language.name().toLowerCase(Locale.ROOT), String.valueOf(count)));
        augmentation.operations().forEach((operation, count) ->
                attributes.put(DqAttributes.Augment.OPERATION_PREFIX + operation.name().toLowerCase(Locale.ROOT), String.valueOf(count)));
        if (labelled) {
            final ObjectNode classes = JSON.createObjectNode();
            augmentation.classesBefore().forEach((label, before) -> {
                final long after = augmentation.classesAfter().getOrDefault(label, before);
                attributes.put(DqAttributes.Augment.CLASS_PREFIX + label + ".before", String.valueOf(before));
                attributes.put(DqAttributes.Augment.CLASS_PREFIX + label + ".after", String.valueOf(after));
                classes.putObject(label).put("before", before).put("after", after);
            });
            attributes.put(DqAttributes.Augment.CLASSES, classes.toString());
            attributes.put(DqAttributes.Augment.UNLABELLED, String.valueOf(augmentation.unlabelled()));
        }
        return attributes;
    }
}
