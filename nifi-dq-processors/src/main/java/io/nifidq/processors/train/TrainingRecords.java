package io.nifidq.processors.train;

import io.nifidq.augment.CopyMarkers;
import io.nifidq.ml.train.AssignedSplit;
import io.nifidq.ml.train.Suspect;
import io.nifidq.ml.train.TrainingData;
import io.nifidq.processors.common.RecordRouter;
import io.nifidq.processors.common.RecordSchemas;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** TrainClassifier's record I/O: reads a FlowFile into {@link TrainingData}, writes the suspected records. */
final class TrainingRecords {

    static final String GIVEN_LABEL_FIELD = "dq_suspect_given_label";
    static final String PREDICTED_LABEL_FIELD = "dq_suspect_predicted_label";
    static final String CONFIDENCE_FIELD = "dq_suspect_confidence";

    private TrainingRecords() {
    }

    /** Every record as a training example; AugmentText's copies, found by their markers, keep to their source's side. */
    static TrainingData read(final RecordRouter router, final FlowFile flowFile, final String textField, final String labelField,
                             final String splitField, final CopyMarkers markers) throws Exception {
        final TrainingData data = new TrainingData();
        router.readEach(flowFile, record -> {
            final Map<String, Object> values = record.toMap();
            data.add(record.getAsString(textField), record.getAsString(labelField), markers.isCopy(values), markers.sourceIndex(values),
                    splitField == null ? null : AssignedSplit.parse(record.getAsString(splitField)));
        });
        return data;
    }

    /** Writes the suspected records (found again by their input position) into a child of {@code parent}; returns it. */
    static FlowFile writeSuspects(final RecordRouter router, final FlowFile parent, final List<Suspect> suspects) throws Exception {
        final Map<Long, Suspect> byIndex = new HashMap<>();
        suspects.forEach(s -> byIndex.put(s.recordIndex(), s));
        return router.extract(parent, new RecordRouter.RecordRouting() {
            private long index;

            @Override
            public RecordSchema childSchema(final RecordSchema readSchema) {
                return RecordSchemas.withFieldsAtTheEnd(readSchema, List.of(
                        new RecordField(GIVEN_LABEL_FIELD, RecordFieldType.STRING.getDataType(), true),
                        new RecordField(PREDICTED_LABEL_FIELD, RecordFieldType.STRING.getDataType(), true),
                        new RecordField(CONFIDENCE_FIELD, RecordFieldType.DOUBLE.getDataType(), true)));
            }

            @Override
            public void route(final Record record, final RecordRouter.Outputs outputs) throws IOException {
                final Suspect suspect = byIndex.get(index++);
                if (suspect != null) {
                    final Map<String, Object> values = new LinkedHashMap<>(record.toMap());
                    values.put(GIVEN_LABEL_FIELD, suspect.givenLabel());
                    values.put(PREDICTED_LABEL_FIELD, suspect.predictedLabel());
                    values.put(CONFIDENCE_FIELD, suspect.predictedProbability());
                    outputs.toChild(values);
                }
            }
        });
    }
}
