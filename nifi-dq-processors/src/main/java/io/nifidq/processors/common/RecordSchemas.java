package io.nifidq.processors.common;

import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordSchema;

import java.util.ArrayList;
import java.util.List;

/** The fields a processor adds to the schema of the records it read. */
public final class RecordSchemas {

    private RecordSchemas() {
    }

    /** The schema with each field it does not have yet added at the end; fields it has stay as they are. */
    public static RecordSchema withMissingFields(final RecordSchema schema, final RecordField... added) {
        final List<RecordField> fields = new ArrayList<>(schema.getFields());
        for (final RecordField field : added) {
            if (schema.getField(field.getFieldName()).isEmpty()) {
                fields.add(field);
            }
        }
        return fields.size() == schema.getFieldCount() ? schema : new SimpleRecordSchema(fields);
    }

    /** The schema with these fields at the end, replacing fields of the same name wherever they were. */
    public static RecordSchema withFieldsAtTheEnd(final RecordSchema schema, final List<RecordField> added) {
        final List<RecordField> fields = new ArrayList<>();
        for (final RecordField field : schema.getFields()) {
            if (added.stream().noneMatch(a -> a.getFieldName().equals(field.getFieldName()))) {
                fields.add(field);
            }
        }
        fields.addAll(added);
        return new SimpleRecordSchema(fields);
    }
}
