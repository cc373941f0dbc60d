package io.nifidq.processors.profile;

import io.nifidq.quality.profile.RecordView;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordSchema;

import java.util.List;

/** Shows NiFi records to the plain-Java quality code; one instance is reused for every record of a FlowFile. */
final class NiFiRecordView implements RecordView {

    private Record record;
    private RecordSchema schema;
    private List<String> fieldNames;

    NiFiRecordView wrap(final Record next) {
        this.record = next;
        // Readers usually share one schema object across records: list its names once.
        if (next.getSchema() != schema) {
            schema = next.getSchema();
            fieldNames = schema.getFieldNames();
        }
        return this;
    }

    @Override
    public List<String> fieldNames() {
        return fieldNames;
    }

    @Override
    public Object value(final String field) {
        return record.getValue(field);
    }
}
