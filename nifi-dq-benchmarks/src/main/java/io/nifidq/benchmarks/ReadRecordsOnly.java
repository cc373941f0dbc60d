package io.nifidq.benchmarks;

import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.serialization.RecordReaderFactory;

import java.io.InputStream;
import java.util.List;
import java.util.Set;

/**
 * A benchmark-only processor that reads every record and does nothing with it: the floor under any record
 * processor with the same reader. ProfileQuality minus this is the cost of profiling; ConvertRecord minus this
 * is the cost of writing.
 */
public class ReadRecordsOnly extends AbstractProcessor {

    static final PropertyDescriptor RECORD_READER = new PropertyDescriptor.Builder()
            .name("Record Reader")
            .description("Reads the records.")
            .identifiesControllerService(RecordReaderFactory.class)
            .required(true)
            .build();

    static final Relationship REL_SUCCESS = new Relationship.Builder().name("success").description("Every FlowFile, unchanged").build();

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return List.of(RECORD_READER);
    }

    @Override
    public Set<Relationship> getRelationships() {
        return Set.of(REL_SUCCESS);
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) throws ProcessException {
        final FlowFile flowFile = session.get();
        if (flowFile == null) {
            return;
        }
        final RecordReaderFactory factory = context.getProperty(RECORD_READER).asControllerService(RecordReaderFactory.class);
        long records = 0;
        try (InputStream in = session.read(flowFile);
             RecordReader reader = factory.createRecordReader(flowFile, in, getLogger())) {
            while (reader.nextRecord() != null) {
                records++;
            }
        } catch (final Exception e) {
            throw new ProcessException("Could not read " + flowFile, e);
        }
        session.transfer(session.putAttribute(flowFile, "record.count", Long.toString(records)), REL_SUCCESS);
    }
}
