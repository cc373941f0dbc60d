package io.nifidq.processors;

import io.nifidq.service.api.TextClassifierService;
import io.nifidq.service.api.TextClassifierService.Classification;
import io.nifidq.service.api.TextClassifierService.Prediction;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.WriteResult;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One FlowFile through ClassifyText: reads its records in batches, asks the service for predictions,
 * and writes each record with the prediction fields to the classified FlowFile, or to the
 * low-confidence child when its confidence is under the threshold.
 */
final class ClassificationRun {

    /** What one run is asked to do. */
    record Settings(String textField, String predictionField, String confidenceField, int topK, String topField,
                    Double confidenceThreshold, int batchSize) {
    }

    private final ProcessSession session;
    private final RecordReaderFactory readerFactory;
    private final RecordSetWriterFactory writerFactory;
    private final TextClassifierService classifier;
    private final ComponentLog logger;
    private final Settings settings;
    private FlowFile lowConfidence;
    private long recordsIn;
    private long recordsLow;
    private long withoutText;
    private String modelVersion;
    private String device;

    ClassificationRun(final ProcessSession session, final RecordReaderFactory readerFactory, final RecordSetWriterFactory writerFactory,
                      final TextClassifierService classifier, final ComponentLog logger, final Settings settings) {
        this.session = session;
        this.readerFactory = readerFactory;
        this.writerFactory = writerFactory;
        this.classifier = classifier;
        this.logger = logger;
        this.settings = settings;
    }

    /** Rewrites the FlowFile with the classified records; returns it with the writer's attributes. */
    FlowFile classify(final FlowFile flowFile) throws IOException {
        final Map<String, String> attributes = flowFile.getAttributes();
        final Map<String, String> writerAttributes = new HashMap<>();
        final Map<String, String> lowAttributes = new HashMap<>();
        lowConfidence = session.create(flowFile);
        FlowFile classified;
        try (OutputStream lowOut = session.write(lowConfidence)) {
            classified = session.write(flowFile, (in, out) -> {
                try (RecordReader reader = readerFactory.createRecordReader(attributes, in, flowFile.getSize(), logger)) {
                    final RecordSchema readSchema = reader.getSchema();
                    if (readSchema.getField(settings.textField()).isEmpty()) {
                        throw new IllegalArgumentException("Text Field '" + settings.textField() + "' is not a field of the records; "
                                + "their fields are " + readSchema.getFieldNames());
                    }
                    final RecordSchema schema = writerFactory.getSchema(attributes, withPredictionFields(readSchema));
                    RecordSetWriter lowWriter = null;
                    try (RecordSetWriter writer = writerFactory.createWriter(logger, schema, out, attributes)) {
                        writer.beginRecordSet();
                        final List<Record> batch = new ArrayList<>(settings.batchSize());
                        Record record = reader.nextRecord();
                        while (record != null) {
                            batch.add(record);
                            record = reader.nextRecord();
                            if (batch.size() == settings.batchSize() || record == null) {
                                lowWriter = writeBatch(batch, schema, writer, lowWriter, lowOut, attributes);
                                batch.clear();
                            }
                        }
                        finish(writer, writerAttributes);
                    }
                    if (lowWriter != null) {
                        finish(lowWriter, lowAttributes);
                        lowWriter.close();
                    }
                } catch (final IOException e) {
                    throw e;
                } catch (final Exception e) {
                    throw new IOException(e.getMessage(), e);
                }
            });
        }
        if (recordsLow == 0) {
            discardLowConfidence();
        } else {
            lowConfidence = session.putAllAttributes(lowConfidence, lowAttributes);
        }
        classified = session.putAllAttributes(classified, writerAttributes);
        session.getProvenanceReporter().modifyContent(classified, "Classified " + recordsIn + " records with model " + modelVersion
                + " on " + device + "; " + recordsLow + " below the confidence threshold");
        return classified;
    }

    private RecordSetWriter writeBatch(final List<Record> batch, final RecordSchema schema, final RecordSetWriter writer,
                                       RecordSetWriter lowWriter, final OutputStream lowOut, final Map<String, String> attributes)
            throws Exception {
        final List<String> texts = new ArrayList<>(batch.size());
        for (final Record record : batch) {
            texts.add(record.getAsString(settings.textField()));
        }
        final Classification result = classifier.classify(texts, settings.topK());
        modelVersion = result.modelVersion();
        device = result.device();
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
            final MapRecord out = new MapRecord(schema, values);
            if (prediction != null && settings.confidenceThreshold() != null && prediction.confidence() < settings.confidenceThreshold()) {
                if (lowWriter == null) {
                    lowWriter = writerFactory.createWriter(logger, schema, lowOut, attributes);
                    lowWriter.beginRecordSet();
                }
                lowWriter.write(out);
                recordsLow++;
            } else {
                writer.write(out);
            }
        }
        return lowWriter;
    }

    private static Map<String, Object> topMap(final Prediction prediction) {
        final Map<String, Object> top = new LinkedHashMap<>();
        prediction.top().forEach(p -> top.put(p.label(), p.probability()));
        return top;
    }

    private RecordSchema withPredictionFields(final RecordSchema readSchema) {
        final List<RecordField> fields = new ArrayList<>();
        for (final RecordField field : readSchema.getFields()) {
            if (!field.getFieldName().equals(settings.predictionField()) && !field.getFieldName().equals(settings.confidenceField())
                    && !(settings.topK() > 0 && field.getFieldName().equals(settings.topField()))) {
                fields.add(field);
            }
        }
        fields.add(new RecordField(settings.predictionField(), RecordFieldType.STRING.getDataType(), true));
        fields.add(new RecordField(settings.confidenceField(), RecordFieldType.DOUBLE.getDataType(), true));
        if (settings.topK() > 0) {
            fields.add(new RecordField(settings.topField(), RecordFieldType.MAP.getMapDataType(RecordFieldType.DOUBLE.getDataType()), true));
        }
        return new SimpleRecordSchema(fields);
    }

    private static void finish(final RecordSetWriter writer, final Map<String, String> attributes) throws IOException {
        final WriteResult result = writer.finishRecordSet();
        attributes.putAll(result.getAttributes());
        attributes.put("record.count", String.valueOf(result.getRecordCount()));
        attributes.put(CoreAttributes.MIME_TYPE.key(), writer.getMimeType());
    }

    /** Removes the low-confidence child, when there is one; safe to call twice. */
    void discardLowConfidence() {
        if (lowConfidence != null) {
            session.remove(lowConfidence);
            lowConfidence = null;
        }
    }

    FlowFile lowConfidenceFlowFile() {
        return lowConfidence;
    }

    long recordsIn() {
        return recordsIn;
    }

    long recordsLow() {
        return recordsLow;
    }

    long withoutText() {
        return withoutText;
    }

    String modelVersion() {
        return modelVersion;
    }

    String device() {
        return device;
    }
}
