package io.nifidq.processors.common;

import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriterFactory;

import java.util.List;
import java.util.Set;

/**
 * The frame every nifi-dq processor shares: its descriptors and relationships, the record services it resolves when
 * scheduled, and an onTrigger that takes one FlowFile and hands it, with a {@link RecordRouter} over those services,
 * to {@link #onFlowFile}.
 */
public abstract class AbstractDqProcessor extends AbstractProcessor {

    private final List<PropertyDescriptor> descriptors;
    private final Set<Relationship> relationships;
    private volatile RecordReaderFactory readerFactory;
    private volatile RecordSetWriterFactory writerFactory;

    protected AbstractDqProcessor(final List<PropertyDescriptor> descriptors, final Set<Relationship> relationships) {
        this.descriptors = descriptors;
        this.relationships = relationships;
    }

    @Override
    protected final List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return descriptors;
    }

    @Override
    public final Set<Relationship> getRelationships() {
        return relationships;
    }

    /** For the processor's @OnScheduled: its Record Reader, and its Record Writer unless it has none or it is not set. */
    protected final void useRecordServices(final ProcessContext context, final PropertyDescriptor reader, final PropertyDescriptor writer) {
        readerFactory = context.getProperty(reader).asControllerService(RecordReaderFactory.class);
        writerFactory = writer != null && context.getProperty(writer).isSet()
                ? context.getProperty(writer).asControllerService(RecordSetWriterFactory.class) : null;
    }

    protected final boolean hasRecordWriter() {
        return writerFactory != null;
    }

    @Override
    public final void onTrigger(final ProcessContext context, final ProcessSession session) throws ProcessException {
        final FlowFile flowFile = session.get();
        if (flowFile != null) {
            onFlowFile(context, session, flowFile, new RecordRouter(session, readerFactory, writerFactory, getLogger()));
        }
    }

    /** Processes one FlowFile: reads its records through the router, transfers it and any child it made. */
    protected abstract void onFlowFile(ProcessContext context, ProcessSession session, FlowFile flowFile, RecordRouter router);
}
