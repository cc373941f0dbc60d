package io.nifidq.processors.common;

import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.WriteResult;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The record loop of every nifi-dq processor. It reads each record of a FlowFile and hands it to a {@link RecordRouting},
 * which sends values to the main output (the FlowFile's new content) or to one child FlowFile (rejected, low
 * confidence, suspects) whose writer opens with its first record. It sets record.count and mime.type on both, closes
 * every writer whatever happens, removes the child on error or when no record went to it, and routes a FlowFile that
 * failed to failure with dq.error.
 *
 * @param writerFactory null for a processor that only reads
 */
public record RecordRouter(ProcessSession session, RecordReaderFactory readerFactory, RecordSetWriterFactory writerFactory,
                           ComponentLog logger) {

    /** What a processor does with the records of one FlowFile. */
    public interface RecordRouting {

        /** The main output's schema, from the schema of the records read (the writer's own schema strategy applies on top). */
        default RecordSchema mainSchema(final RecordSchema readSchema) {
            return readSchema;
        }

        /** The child's schema; the main output's unless the child adds fields of its own. */
        default RecordSchema childSchema(final RecordSchema readSchema) {
            return mainSchema(readSchema);
        }

        void route(Record record, Outputs outputs) throws Exception;

        /** After the last record: for routings that hold some back (batches). */
        default void endOfRecords(final Outputs outputs) throws Exception {
        }

        /** The main output is complete but not yet committed: a failure here still leaves the FlowFile untouched. */
        default void mainWritten() throws IOException {
        }
    }

    /** Where a routing sends a record's values. */
    public interface Outputs {
        void toMain(Map<String, Object> values) throws IOException;

        void toChild(Map<String, Object> values) throws IOException;
    }

    /** One record at a time, for a pass that only reads. */
    @FunctionalInterface
    public interface RecordConsumer {
        void accept(Record record) throws Exception;
    }

    /** One record at a time, for a pass that only reads and may stop early. */
    @FunctionalInterface
    public interface RecordCondition {
        /** Returns false when no later record is wanted. */
        boolean accept(Record record) throws Exception;
    }

    /** The rewritten FlowFile, and its child (null when no record went to it). */
    public record Routed(FlowFile main, FlowFile child) {
    }

    /** Reads every record of the FlowFile, which stays as it is. */
    public void readEach(final FlowFile flowFile, final RecordConsumer consumer) throws Exception {
        try (InputStream in = session.read(flowFile); RecordReader reader = readerFactory.createRecordReader(flowFile, in, logger)) {
            Record record;
            while ((record = reader.nextRecord()) != null) {
                consumer.accept(record);
            }
        }
    }

    /** Reads the FlowFile's records, which stay as they are, until the condition returns false or the records end. */
    public void readWhile(final FlowFile flowFile, final RecordCondition condition) throws Exception {
        try (InputStream in = session.read(flowFile); RecordReader reader = readerFactory.createRecordReader(flowFile, in, logger)) {
            Record record = reader.nextRecord();
            while (record != null && condition.accept(record)) {
                record = reader.nextRecord();
            }
        }
    }

    /** Replaces the FlowFile's content with the records the routing sends to the main output; the others go to the child. */
    public Routed rewrite(final FlowFile flowFile, final RecordRouting routing) throws IOException {
        final Map<String, String> attributes = flowFile.getAttributes();
        final Writers writers = new Writers(attributes);
        // The child and its stream exist before the parent's write callback starts, not from inside it; only the child's
        // record writer waits for a first record, and the child is removed again when none comes.
        final FlowFile child = session.create(flowFile);
        final FlowFile main;
        try {
            try (OutputStream childOut = session.write(child)) {
                main = session.write(flowFile, (in, out) -> {
                    try (RecordReader reader = readerFactory.createRecordReader(attributes, in, flowFile.getSize(), logger)) {
                        writers.route(reader, routing, out, childOut);
                    } catch (final IOException e) {
                        throw e;
                    } catch (final Exception e) {
                        throw new IOException(e.getMessage(), e);
                    }
                });
            }
        } catch (final IOException | RuntimeException e) {
            session.remove(child);
            throw e;
        }
        return new Routed(session.putAllAttributes(main, writers.mainAttributes), keepIfWritten(child, writers));
    }

    /** Leaves the FlowFile as it is and writes the records the routing sends to the child; returns the child or null. */
    public FlowFile extract(final FlowFile parent, final RecordRouting routing) throws Exception {
        final Writers writers = new Writers(parent.getAttributes());
        final FlowFile child = session.create(parent);
        try (InputStream in = session.read(parent);
             RecordReader reader = readerFactory.createRecordReader(parent, in, logger);
             OutputStream childOut = session.write(child)) {
            writers.route(reader, routing, null, childOut);
        } catch (final Exception e) {
            session.remove(child);
            throw e;
        }
        return keepIfWritten(child, writers);
    }

    /** Logs why and sends the FlowFile, unchanged, to failure with the reason in dq.error. */
    public void toFailure(final FlowFile flowFile, final Relationship failure, final String action, final Exception error) {
        toFailure(flowFile, failure, action, describe(error), error);
    }

    public void toFailure(final FlowFile flowFile, final Relationship failure, final String action, final String reason,
                          final Exception error) {
        logger.error("Could not {} {}: {}; routing to failure", action, flowFile, reason, error);
        session.transfer(session.putAttribute(flowFile, DqAttributes.ERROR, reason), failure);
    }

    /**
     * A one-line reason for dq.error: the exception's message and the first cause that says more; for refused content,
     * wherever NiFi wrapped it, the refusal's own words.
     */
    public static String describe(final Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof RefusedContentException refused) {
                return refused.getMessage();
            }
        }
        final StringBuilder reason = new StringBuilder(error.getClass().getSimpleName());
        if (error.getMessage() != null) {
            reason.append(": ").append(error.getMessage());
        }
        final Throwable cause = error.getCause();
        if (cause != null && cause.getMessage() != null && !cause.getMessage().equals(error.getMessage())) {
            reason.append(" (caused by ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage()).append(')');
        }
        return reason.length() > 1000 ? reason.substring(0, 1000) + "\u2026" : reason.toString();
    }

    private FlowFile keepIfWritten(final FlowFile child, final Writers writers) {
        if (writers.childAttributes.isEmpty()) {
            session.remove(child);
            return null;
        }
        return session.putAllAttributes(child, writers.childAttributes);
    }

    /** The two writers of one FlowFile and the attributes they leave. */
    private final class Writers implements Outputs {

        private final Map<String, String> attributes;
        private final Map<String, String> mainAttributes = new HashMap<>();
        private final Map<String, String> childAttributes = new HashMap<>();
        private OutputStream childOut;
        private RecordSchema mainSchema;
        private RecordSchema childSchema;
        private RecordSetWriter main;
        private RecordSetWriter child;

        Writers(final Map<String, String> attributes) {
            this.attributes = attributes;
        }

        void route(final RecordReader reader, final RecordRouting routing, final OutputStream mainOut, final OutputStream childOut)
                throws Exception {
            this.childOut = childOut;
            final RecordSchema readSchema = reader.getSchema();
            try {
                if (mainOut != null) {
                    mainSchema = writerFactory.getSchema(attributes, routing.mainSchema(readSchema));
                    main = writerFactory.createWriter(logger, mainSchema, mainOut, attributes);
                    main.beginRecordSet();
                }
                childSchema = writerFactory.getSchema(attributes, routing.childSchema(readSchema));
                Record record;
                while ((record = reader.nextRecord()) != null) {
                    routing.route(record, this);
                }
                routing.endOfRecords(this);
                if (main != null) {
                    finish(main, mainAttributes);
                    routing.mainWritten();
                }
                if (child != null) {
                    finish(child, childAttributes);
                }
            } catch (final Exception e) {
                closeAll(e);
                throw e;
            }
            closeAll(null);
        }

        @Override
        public void toMain(final Map<String, Object> values) throws IOException {
            if (main == null) {
                throw new IllegalStateException("This routing only writes a child FlowFile");
            }
            main.write(new MapRecord(mainSchema, values));
        }

        @Override
        public void toChild(final Map<String, Object> values) throws IOException {
            if (child == null) {
                try {
                    child = writerFactory.createWriter(logger, childSchema, childOut, attributes);
                } catch (final org.apache.nifi.schema.access.SchemaNotFoundException e) {
                    throw new IOException(e.getMessage(), e);
                }
                child.beginRecordSet();
            }
            child.write(new MapRecord(childSchema, values));
        }

        private static void finish(final RecordSetWriter writer, final Map<String, String> into) throws IOException {
            final WriteResult result = writer.finishRecordSet();
            into.putAll(result.getAttributes());
            into.put(DqAttributes.RECORD_COUNT, String.valueOf(result.getRecordCount()));
            into.put(DqAttributes.MIME_TYPE, writer.getMimeType());
        }

        /** Closes both writers; a close that fails after an earlier failure is added to it rather than hiding it. */
        private void closeAll(final Exception earlier) throws IOException {
            IOException failure = null;
            for (final RecordSetWriter writer : new RecordSetWriter[] {main, child}) {
                if (writer == null) {
                    continue;
                }
                try {
                    writer.close();
                } catch (final IOException e) {
                    if (earlier != null) {
                        earlier.addSuppressed(e);
                    } else if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
