package io.nifidq.processors;

import io.nifidq.ml.train.Suspect;
import io.nifidq.ml.train.AssignedSplit;
import io.nifidq.ml.train.TrainingData;
import org.apache.nifi.flowfile.FlowFile;
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

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** TrainClassifier's record I/O: reads a FlowFile into {@link TrainingData}, writes the suspected records. */
final class TrainingRecords {

    /** AugmentText's marker field: true on records it made. */
    static final String AUGMENTED_FIELD = "dq_augmented";
    /** AugmentText's group key: on an original its own 0-based position in AugmentText's input, on a copy its source's. */
    static final String SOURCE_INDEX_FIELD = "dq_source_index";
    static final String GIVEN_LABEL_FIELD = "dq_suspect_given_label";
    static final String PREDICTED_LABEL_FIELD = "dq_suspect_predicted_label";
    static final String CONFIDENCE_FIELD = "dq_suspect_confidence";

    private TrainingRecords() {
    }

    static TrainingData read(final ProcessSession session, final FlowFile flowFile, final RecordReaderFactory readerFactory,
                             final ComponentLog logger, final String textField, final String labelField, final String splitField)
            throws Exception {
        final TrainingData data = new TrainingData();
        try (InputStream in = session.read(flowFile); RecordReader reader = readerFactory.createRecordReader(flowFile, in, logger)) {
            Record record;
            while ((record = reader.nextRecord()) != null) {
                final Object source = record.getValue(SOURCE_INDEX_FIELD);
                final Long group = source == null || source.toString().isBlank() ? null : Long.valueOf(source.toString().trim());
                data.add(record.getAsString(textField), record.getAsString(labelField),
                        group != null && isTrue(record.getValue(AUGMENTED_FIELD)), group,
                        splitField == null ? null : AssignedSplit.parse(record.getAsString(splitField)));
            }
        }
        return data;
    }

    /** Writes the suspected records (found again by their input position) into a child of {@code parent}; returns it. */
    static FlowFile writeSuspects(final ProcessSession session, final FlowFile parent, final RecordReaderFactory readerFactory,
                                  final RecordSetWriterFactory writerFactory, final ComponentLog logger,
                                  final List<Suspect> suspects) throws Exception {
        final Map<Long, Suspect> byIndex = new HashMap<>();
        suspects.forEach(s -> byIndex.put(s.recordIndex(), s));
        final Map<String, String> attributes = parent.getAttributes();
        FlowFile child = session.create(parent);
        final Map<String, String> writerAttributes = new HashMap<>();
        try (InputStream in = session.read(parent);
             RecordReader reader = readerFactory.createRecordReader(parent, in, logger);
             OutputStream out = session.write(child)) {
            final RecordSchema schema = writerFactory.getSchema(attributes, withSuspectFields(reader.getSchema()));
            try (RecordSetWriter writer = writerFactory.createWriter(logger, schema, out, attributes)) {
                writer.beginRecordSet();
                Record record;
                long index = 0;
                while ((record = reader.nextRecord()) != null) {
                    final Suspect suspect = byIndex.get(index++);
                    if (suspect != null) {
                        final Map<String, Object> values = new LinkedHashMap<>(record.toMap());
                        values.put(GIVEN_LABEL_FIELD, suspect.givenLabel());
                        values.put(PREDICTED_LABEL_FIELD, suspect.predictedLabel());
                        values.put(CONFIDENCE_FIELD, suspect.predictedProbability());
                        writer.write(new MapRecord(schema, values));
                    }
                }
                final WriteResult result = writer.finishRecordSet();
                writerAttributes.putAll(result.getAttributes());
                writerAttributes.put("record.count", String.valueOf(result.getRecordCount()));
                writerAttributes.put("mime.type", writer.getMimeType());
            }
        } catch (final Exception e) {
            session.remove(child);
            throw e;
        }
        return session.putAllAttributes(child, writerAttributes);
    }

    private static RecordSchema withSuspectFields(final RecordSchema schema) {
        final List<RecordField> fields = new ArrayList<>(schema.getFields());
        fields.removeIf(f -> f.getFieldName().equals(GIVEN_LABEL_FIELD) || f.getFieldName().equals(PREDICTED_LABEL_FIELD)
                || f.getFieldName().equals(CONFIDENCE_FIELD));
        fields.add(new RecordField(GIVEN_LABEL_FIELD, RecordFieldType.STRING.getDataType(), true));
        fields.add(new RecordField(PREDICTED_LABEL_FIELD, RecordFieldType.STRING.getDataType(), true));
        fields.add(new RecordField(CONFIDENCE_FIELD, RecordFieldType.DOUBLE.getDataType(), true));
        return new SimpleRecordSchema(fields);
    }

    private static boolean isTrue(final Object value) {
        return value instanceof Boolean b ? b : value != null && "true".equalsIgnoreCase(value.toString().trim());
    }
}
