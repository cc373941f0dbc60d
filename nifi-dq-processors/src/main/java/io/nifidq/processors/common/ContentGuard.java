package io.nifidq.processors.common;

import io.nifidq.text.ByteValidity;
import io.nifidq.text.ContentCheck;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;

/**
 * Keeps content that is not records from being passed on as cleaned data (CleanRecords, AugmentText): more bytes than
 * allowed that are not valid in the Character Set, or bytes in which the reader found no record, send the FlowFile to
 * failure with the reason. ProfileQuality only {@link #read}s the bytes, to report them.
 */
public record ContentGuard(Charset charset, ContentCheck check) {

    /** The guard the processor's Character Set (evaluated for the FlowFile) and Maximum Invalid Byte Ratio describe. */
    public static ContentGuard of(final ProcessContext context, final FlowFile flowFile, final PropertyDescriptor characterSet,
                                  final PropertyDescriptor maxInvalidByteRatio) {
        return new ContentGuard(charset(context, characterSet, flowFile), new ContentCheck(context.getProperty(maxInvalidByteRatio).asDouble()));
    }

    /** The Character Set property's value for the FlowFile; an unknown name throws, which sends the FlowFile to failure. */
    public static Charset charset(final ProcessContext context, final PropertyDescriptor characterSet, final FlowFile flowFile) {
        return Charset.forName(context.getProperty(characterSet).evaluateAttributeExpressions(flowFile).getValue().strip());
    }

    /** Reads the whole content once and counts the bytes that are not valid in {@code charset}. */
    public static ByteValidity read(final ProcessSession session, final FlowFile flowFile, final Charset charset) throws IOException {
        try (InputStream in = session.read(flowFile)) {
            return ByteValidity.of(in, charset);
        }
    }

    /** Reads the content once and refuses it when more of its bytes than allowed are not valid in the character set. */
    public ByteValidity checkBytes(final ProcessSession session, final FlowFile flowFile) throws IOException {
        final ByteValidity validity = read(session, flowFile, charset);
        final String reason = check.refuseBytes(charset.name(), validity);
        if (reason != null) {
            throw new RefusedContentException(reason);
        }
        return validity;
    }

    /**
     * The routing, refusing content of {@code bytes} bytes in which the reader found no record once it has read them all:
     * inside the write, so the FlowFile stays as it was.
     */
    public static RecordRouter.RecordRouting requiringRecords(final RecordRouter.RecordRouting routing, final long bytes) {
        return new RecordRouter.RecordRouting() {
            private long records;

            @Override
            public RecordSchema mainSchema(final RecordSchema readSchema) {
                return routing.mainSchema(readSchema);
            }

            @Override
            public RecordSchema childSchema(final RecordSchema readSchema) {
                return routing.childSchema(readSchema);
            }

            @Override
            public void route(final Record record, final RecordRouter.Outputs outputs) throws Exception {
                records++;
                routing.route(record, outputs);
            }

            @Override
            public void endOfRecords(final RecordRouter.Outputs outputs) throws Exception {
                final String reason = ContentCheck.refuseNoRecords(bytes, records);
                if (reason != null) {
                    throw new RefusedContentException(reason);
                }
                routing.endOfRecords(outputs);
            }

            @Override
            public void mainWritten() throws IOException {
                routing.mainWritten();
            }
        };
    }
}
