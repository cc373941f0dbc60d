package io.nifidq.processors.classify;

import io.nifidq.processors.common.DqAttributes;
import io.nifidq.processors.common.RecordRouter;
import io.nifidq.processors.common.RecordSchemas;
import io.nifidq.service.api.TextClassifierService;
import io.nifidq.service.api.TextClassifierService.Classification;
import io.nifidq.service.api.TextClassifierService.Prediction;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ClassifyText's pass over one FlowFile: collects the records into batches, asks the service for their predictions,
 * and sends each record with the prediction fields to the classified content, or to the low-confidence child when
 * its confidence is under the threshold.
 */
final class ClassificationRouting implements RecordRouter.RecordRouting {

    /** What one run is asked to do. */
    record Settings(String textField, String predictionField, String confidenceField, int topK, String topField,
                    Double confidenceThreshold, int batchSize) {
    }

    private final TextClassifierService classifier;
    private final Settings settings;
    private final List<Record> batch = new ArrayList<>();
    private long recordsIn;
    private long recordsLow;
    private long withoutText;
    private long textsTruncated;
    private String modelVersion;
    private String device;

    ClassificationRouting(final TextClassifierService classifier, final Settings settings) {
        this.classifier = classifier;
        this.settings = settings;
    }

    @Override
    public RecordSchema mainSchema(final RecordSchema readSchema) {
        if (readSchema.getField(settings.textField()).isEmpty()) {
            throw new IllegalArgumentException("Text Field '" + settings.textField() + "' is not a field of the records; "
                    + "their fields are " + readSchema.getFieldNames());
        }
        final List<RecordField> added = new ArrayList<>();
        added.add(new RecordField(settings.predictionField(), RecordFieldType.STRING.getDataType(), true));
        added.add(new RecordField(settings.confidenceField(), RecordFieldType.DOUBLE.getDataType(), true));
        if (settings.topK() > 0) {
            added.add(new RecordField(settings.topField(), RecordFieldType.MAP.getMapDataType(RecordFieldType.DOUBLE.getDataType()), true));
        }
        return RecordSchemas.withFieldsAtTheEnd(readSchema, added);
    }

    @Override
    public void route(final Record record, final RecordRouter.Outputs outputs) throws IOException {
        batch.add(record);
        if (batch.size() == settings.batchSize()) {
            classifyBatch(outputs);
        }
    }

    @Override
    public void endOfRecords(final RecordRouter.Outputs outputs) throws IOException {
        if (!batch.isEmpty()) {
            classifyBatch(outputs);
        }
    }

    private void classifyBatch(final RecordRouter.Outputs outputs) throws IOException {
        final List<String> texts = new ArrayList<>(batch.size());
        for (final Record record : batch) {
            texts.add(record.getAsString(settings.textField()));
        }
        final Classification result = classifier.classify(texts, settings.topK());
        modelVersion = result.modelVersion();
        device = result.device();
        textsTruncated += result.truncatedTexts();
        for (int i = 0; i < batch.size(); i++) {
            recordsIn++;
            final Prediction prediction = result.predictions().get(i);
            final Map<String, Object> values = new LinkedHashMap<>(batch.get(i).toMap());
            values.put(settings.predictionField(), prediction == null ? null : prediction.label());
            values.put(settings.confidenceField(), prediction == null ? null : prediction.confidence());
            if (settings.topK() > 0) {
                values.put(settings.topField(), prediction == null ? null : topMap(prediction));
            }
            if (prediction == null) {
                withoutText++;
            }
            if (prediction != null && settings.confidenceThreshold() != null && prediction.confidence() < settings.confidenceThreshold()) {
                outputs.toChild(values);
                recordsLow++;
            } else {
                outputs.toMain(values);
            }
        }
        batch.clear();
    }

    private static Map<String, Object> topMap(final Prediction prediction) {
        final Map<String, Object> top = new LinkedHashMap<>();
        prediction.top().forEach(p -> top.put(p.label(), p.probability()));
        return top;
    }

    /** The records read, those sent to the low-confidence child, those without a text, and the texts the model cut to fit. */
    Tally tally() {
        return new Tally(recordsIn, recordsLow, withoutText, textsTruncated);
    }

    record Tally(long recordsIn, long recordsLow, long withoutText, long textsTruncated) {
    }

    /** The model that classified the records, as the service reports it when none had a text to classify. */
    Map<String, String> modelAttributes() {
        return Map.of(DqAttributes.MODEL_VERSION, modelVersion == null ? String.valueOf(classifier.modelVersion()) : modelVersion,
                DqAttributes.MODEL_DEVICE, device == null ? String.valueOf(classifier.device()) : device);
    }
}
