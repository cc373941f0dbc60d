package io.nifidq.processors;

import io.nifidq.quality.clean.RecordCleaner;
import io.nifidq.quality.profile.ValueKind;
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
import org.apache.nifi.serialization.record.DataType;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CleanRecords' reading and writing of one FlowFile: an optional first pass for statistics, then a
 * second pass that replaces the content with the cleaned records and writes the rejected ones, with
 * their reason, to a child FlowFile that exists only when something was rejected.
 */
final class CleaningRun {

    private final ProcessSession session;
    private final RecordReaderFactory readerFactory;
    private final RecordSetWriterFactory writerFactory;
    private final ComponentLog logger;
    private final String reasonField;
    private final Map<String, ValueKind> declaredTypes;
    private FlowFile rejected;
    private long recordsIn;
    private long recordsRejected;

    CleaningRun(final ProcessSession session, final RecordReaderFactory readerFactory, final RecordSetWriterFactory writerFactory,
                final ComponentLog logger, final String reasonField, final Map<String, ValueKind> declaredTypes) {
        this.session = session;
        this.readerFactory = readerFactory;
        this.writerFactory = writerFactory;
        this.logger = logger;
        this.reasonField = reasonField;
        this.declaredTypes = declaredTypes;
    }

    void learn(final FlowFile flowFile, final RecordCleaner cleaner) throws Exception {
        try (InputStream in = session.read(flowFile); RecordReader reader = readerFactory.createRecordReader(flowFile, in, logger)) {
            Record record;
            while ((record = reader.nextRecord()) != null) {
                cleaner.learn(record.toMap());
            }
        }
    }

    /** Rewrites the FlowFile with the cleaned records; returns it with the writer's attributes. */
    FlowFile clean(final FlowFile flowFile, final RecordCleaner cleaner) throws IOException {
        final Map<String, String> attributes = flowFile.getAttributes();
        final Map<String, String> writerAttributes = new HashMap<>();
        rejected = session.create(flowFile);
        final Map<String, String> rejectedAttributes = new HashMap<>();
        FlowFile cleaned;
        try (OutputStream rejectedOut = session.write(rejected)) {
            cleaned = session.write(flowFile, (in, out) -> {
                try (RecordReader reader = readerFactory.createRecordReader(attributes, in, flowFile.getSize(), logger)) {
                    final RecordSchema readSchema = reader.getSchema();
                    final RecordSchema cleanedSchema = writerFactory.getSchema(attributes, withDeclaredTypes(readSchema));
                    final RecordSchema rejectedSchema = writerFactory.getSchema(attributes, withReasonField(readSchema));
                    RecordSetWriter rejectedWriter = null;
                    try (RecordSetWriter writer = writerFactory.createWriter(logger, cleanedSchema, out, attributes)) {
                        writer.beginRecordSet();
                        Record record;
                        while ((record = reader.nextRecord()) != null) {
                            recordsIn++;
                            final RecordCleaner.Outcome outcome = cleaner.clean(record.toMap());
                            if (outcome.rejected()) {
                                if (rejectedWriter == null) {
                                    rejectedWriter = writerFactory.createWriter(logger, rejectedSchema, rejectedOut, attributes);
                                    rejectedWriter.beginRecordSet();
                                }
                                final Map<String, Object> values = new LinkedHashMap<>(outcome.values());
                                values.put(reasonField, outcome.rejection());
                                rejectedWriter.write(new MapRecord(rejectedSchema, values));
                                recordsRejected++;
                            } else {
                                writer.write(new MapRecord(cleanedSchema, outcome.values()));
                            }
                        }
                        final WriteResult result = writer.finishRecordSet();
                        // Inside the write: if the shared keys cannot be stored, the FlowFile stays untouched and goes to failure.
                        cleaner.publishKeptKeys();
                        writerAttributes.putAll(result.getAttributes());
                        writerAttributes.put("record.count", String.valueOf(result.getRecordCount()));
                        writerAttributes.put(CoreAttributes.MIME_TYPE.key(), writer.getMimeType());
                    }
                    if (rejectedWriter != null) {
                        final WriteResult result = rejectedWriter.finishRecordSet();
                        rejectedAttributes.putAll(result.getAttributes());
                        rejectedAttributes.put("record.count", String.valueOf(result.getRecordCount()));
                        rejectedAttributes.put(CoreAttributes.MIME_TYPE.key(), rejectedWriter.getMimeType());
                        rejectedWriter.close();
                    }
                } catch (final IOException e) {
                    throw e;
                } catch (final Exception e) {
                    throw new IOException(e.getMessage(), e);
                }
            });
        }
        if (recordsRejected == 0) {
            discardRejected();
        } else {
            rejected = session.putAllAttributes(rejected, rejectedAttributes);
        }
        cleaned = session.putAllAttributes(cleaned, writerAttributes);
        session.getProvenanceReporter().modifyContent(cleaned,
                "Cleaned " + (recordsIn - recordsRejected) + " records; rejected " + recordsRejected);
        return cleaned;
    }

    /** Removes the rejected child, when there is one; safe to call twice. */
    void discardRejected() {
        if (rejected != null) {
            session.remove(rejected);
            rejected = null;
        }
    }

    FlowFile rejectedFlowFile() {
        return rejected;
    }

    long recordsIn() {
        return recordsIn;
    }

    long recordsRejected() {
        return recordsRejected;
    }

    private RecordSchema withDeclaredTypes(final RecordSchema schema) {
        if (declaredTypes.isEmpty()) {
            return schema;
        }
        final List<RecordField> fields = new ArrayList<>();
        for (final RecordField field : schema.getFields()) {
            final ValueKind declared = declaredTypes.get(field.getFieldName());
            fields.add(declared == null ? field : new RecordField(field.getFieldName(), dataType(declared), field.isNullable()));
        }
        return new SimpleRecordSchema(fields);
    }

    private RecordSchema withReasonField(final RecordSchema schema) {
        if (schema.getField(reasonField).isPresent()) {
            return schema;
        }
        final List<RecordField> fields = new ArrayList<>(schema.getFields());
        fields.add(new RecordField(reasonField, RecordFieldType.STRING.getDataType(), true));
        return new SimpleRecordSchema(fields);
    }

    private static DataType dataType(final ValueKind kind) {
        return switch (kind) {
            case INTEGER -> RecordFieldType.LONG.getDataType();
            case DECIMAL -> RecordFieldType.DOUBLE.getDataType();
            case BOOLEAN -> RecordFieldType.BOOLEAN.getDataType();
            case DATE -> RecordFieldType.DATE.getDataType();
            default -> RecordFieldType.STRING.getDataType();
        };
    }
}
