package io.nifidq.processors;

import io.nifidq.augment.Augmenter;
import io.nifidq.augment.CopyPlan;
import io.nifidq.augment.Language;
import io.nifidq.augment.Operation;
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
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One FlowFile through AugmentText: an optional counting pass (records per class, for rebalancing), then the
 * writing pass that streams each record followed by its copies. Only counts are held, never the records.
 */
final class AugmentRun {

    private final ProcessSession session;
    private final RecordReaderFactory readerFactory;
    private final RecordSetWriterFactory writerFactory;
    private final ComponentLog logger;
    private final Augmenter augmenter;
    private final String textField;
    private final String labelField;
    private final String augmentedField;
    private final String sourceIndexField;

    private final Map<String, Long> classesBefore = new LinkedHashMap<>();
    private final Map<String, Long> classesAfter = new LinkedHashMap<>();
    private final Map<Language, Long> languages = new EnumMap<>(Language.class);
    private final Map<Operation, Long> operations = new EnumMap<>(Operation.class);
    private long recordsIn;
    private long generated;
    private long unchanged;
    private long emptyTexts;
    private long unlabelled;

    AugmentRun(final ProcessSession session, final RecordReaderFactory readerFactory, final RecordSetWriterFactory writerFactory,
               final ComponentLog logger, final Augmenter augmenter, final String textField, final String labelField,
               final String augmentedField, final String sourceIndexField) {
        this.session = session;
        this.readerFactory = readerFactory;
        this.writerFactory = writerFactory;
        this.logger = logger;
        this.augmenter = augmenter;
        this.textField = textField;
        this.labelField = labelField;
        this.augmentedField = augmentedField;
        this.sourceIndexField = sourceIndexField;
    }

    /** The counting pass: plans copies so that every class reaches targetShare x the largest class. */
    CopyPlan planRebalancing(final FlowFile flowFile, final double targetShare, final int maxCopiesPerRecord) throws Exception {
        final Map<String, Long> records = new LinkedHashMap<>();
        final Map<String, Long> sources = new HashMap<>();
        try (InputStream in = session.read(flowFile); RecordReader reader = readerFactory.createRecordReader(flowFile, in, logger)) {
            Record record;
            while ((record = reader.nextRecord()) != null) {
                final String label = labelOf(record);
                if (label != null) {
                    records.merge(label, 1L, Long::sum);
                    if (textOf(record) != null) {
                        sources.merge(label, 1L, Long::sum);
                    }
                }
            }
        }
        return CopyPlan.rebalance(records, sources, targetShare, maxCopiesPerRecord);
    }

    /** The writing pass: every record, then its copies; returns the FlowFile with the writer's attributes. */
    FlowFile augment(final FlowFile flowFile, final CopyPlan plan) throws IOException {
        final Map<String, String> attributes = flowFile.getAttributes();
        final Map<String, String> writerAttributes = new HashMap<>();
        final Map<String, Long> ordinals = new HashMap<>();
        final FlowFile augmented = session.write(flowFile, (in, out) -> {
            try (RecordReader reader = readerFactory.createRecordReader(attributes, in, flowFile.getSize(), logger)) {
                final RecordSchema schema = writerFactory.getSchema(attributes, withMarkers(reader.getSchema()));
                try (RecordSetWriter writer = writerFactory.createWriter(logger, schema, out, attributes)) {
                    writer.beginRecordSet();
                    Record record;
                    while ((record = reader.nextRecord()) != null) {
                        final long index = recordsIn++;
                        final Map<String, Object> values = new LinkedHashMap<>(record.toMap());
                        values.putIfAbsent(augmentedField, null);
                        values.putIfAbsent(sourceIndexField, null);
                        if (values.get(augmentedField) == null) {
                            values.put(augmentedField, Boolean.FALSE);
                        }
                        if (values.get(sourceIndexField) == null) {
                            values.put(sourceIndexField, index);
                        }
                        writer.write(new MapRecord(schema, values));
                        final String label = labelOf(record);
                        tally(classesBefore, label, 1);
                        tally(classesAfter, label, 1);
                        final String text = textOf(record);
                        if (text == null) {
                            emptyTexts++;
                            continue;
                        }
                        final int copies = plan.copiesFor(label, label == null ? 0 : ordinals.merge(label, 1L, Long::sum) - 1);
                        if (copies == 0) {
                            continue;
                        }
                        final Augmenter.Result result = augmenter.augment(text, index, copies);
                        languages.merge(result.language(), 1L, Long::sum);
                        for (final Augmenter.Copy copy : result.copies()) {
                            final Map<String, Object> copyValues = new LinkedHashMap<>(values);
                            copyValues.put(textField, copy.text());
                            copyValues.put(augmentedField, Boolean.TRUE);
                            writer.write(new MapRecord(schema, copyValues));
                            generated++;
                            if (!copy.changed()) {
                                unchanged++;
                            }
                            copy.operations().forEach(operation -> operations.merge(operation, 1L, Long::sum));
                        }
                        tally(classesAfter, label, copies);
                    }
                    final WriteResult result = writer.finishRecordSet();
                    writerAttributes.putAll(result.getAttributes());
                    writerAttributes.put("record.count", String.valueOf(result.getRecordCount()));
                    writerAttributes.put(CoreAttributes.MIME_TYPE.key(), writer.getMimeType());
                }
            } catch (final IOException e) {
                throw e;
            } catch (final Exception e) {
                throw new IOException(e.getMessage(), e);
            }
        });
        return session.putAllAttributes(augmented, writerAttributes);
    }

    private void tally(final Map<String, Long> classes, final String label, final long count) {
        if (labelField == null) {
            return;
        }
        if (label == null) {
            if (classes == classesBefore) {
                unlabelled += count;
            }
            return;
        }
        classes.merge(label, count, Long::sum);
    }

    private String textOf(final Record record) {
        final Object value = record.getValue(textField);
        if (value == null) {
            return null;
        }
        final String text = value.toString();
        return text.isBlank() ? null : text;
    }

    private String labelOf(final Record record) {
        if (labelField == null) {
            return null;
        }
        final Object value = record.getValue(labelField);
        if (value == null) {
            return null;
        }
        final String label = value.toString();
        return label.isBlank() ? null : label;
    }

    private RecordSchema withMarkers(final RecordSchema schema) {
        final List<RecordField> fields = new ArrayList<>(schema.getFields());
        if (schema.getField(augmentedField).isEmpty()) {
            fields.add(new RecordField(augmentedField, RecordFieldType.BOOLEAN.getDataType(), true));
        }
        if (schema.getField(sourceIndexField).isEmpty()) {
            fields.add(new RecordField(sourceIndexField, RecordFieldType.LONG.getDataType(), true));
        }
        return fields.size() == schema.getFieldCount() ? schema : new SimpleRecordSchema(fields);
    }

    long recordsIn() {
        return recordsIn;
    }

    long generated() {
        return generated;
    }

    long unchanged() {
        return unchanged;
    }

    long emptyTexts() {
        return emptyTexts;
    }

    long unlabelled() {
        return unlabelled;
    }

    Map<String, Long> classesBefore() {
        return classesBefore;
    }

    Map<String, Long> classesAfter() {
        return classesAfter;
    }

    Map<Language, Long> languages() {
        return languages;
    }

    Map<Operation, Long> operations() {
        return operations;
    }
}
