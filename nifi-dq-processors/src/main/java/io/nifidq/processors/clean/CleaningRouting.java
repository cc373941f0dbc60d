package io.nifidq.processors.clean;

import io.nifidq.processors.common.RecordRouter;
import io.nifidq.processors.common.RecordSchemas;
import io.nifidq.quality.clean.BatchCleaner;
import io.nifidq.quality.clean.RecordCleaner;
import io.nifidq.quality.profile.ValueKind;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.DataType;
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
 * CleanRecords' second pass over one FlowFile: each record cleaned goes to the new content, in the declared types;
 * each record rejected goes, unchanged and with its reason, to the rejected child.
 */
record CleaningRouting(BatchCleaner batch, String reasonField, Map<String, ValueKind> declaredTypes) implements RecordRouter.RecordRouting {

    @Override
    public RecordSchema mainSchema(final RecordSchema readSchema) {
        if (declaredTypes.isEmpty()) {
            return readSchema;
        }
        final List<RecordField> fields = new ArrayList<>();
        for (final RecordField field : readSchema.getFields()) {
            final ValueKind declared = declaredTypes.get(field.getFieldName());
            fields.add(declared == null ? field : new RecordField(field.getFieldName(), dataType(declared), field.isNullable()));
        }
        return new SimpleRecordSchema(fields);
    }

    @Override
    public RecordSchema childSchema(final RecordSchema readSchema) {
        return RecordSchemas.withMissingFields(readSchema, new RecordField(reasonField, RecordFieldType.STRING.getDataType(), true));
    }

    @Override
    public void route(final Record record, final RecordRouter.Outputs outputs) throws IOException {
        final RecordCleaner.Outcome outcome = batch.clean(record.toMap());
        if (outcome.rejected()) {
            final Map<String, Object> values = new LinkedHashMap<>(outcome.values());
            values.put(reasonField, outcome.rejection());
            outputs.toChild(values);
        } else {
            outputs.toMain(outcome.values());
        }
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
