package io.nifidq.ml.encoder;

import java.util.HashMap;
import java.util.Map;

/**
 * One encoder instance per source in a JVM (a NiFi node), shared by every TrainClassifier task and model service that
 * asks for it: an encoder holds about 100 MB of graph and tokenizer, and its run threads are sized for the whole node. The
 * first caller's options decide how it runs; it is closed when the last lease is. A lease is what a caller holds; close it
 * when the encoder is no longer needed.
 */
public final class SharedEncoders {

    private static final Map<EncoderSource, Shared> OPEN = new HashMap<>();

    private SharedEncoders() {
    }

    /** The node's encoder of that source, loaded now when no one holds it. */
    public static synchronized Lease acquire(final EncoderSource source, final EncoderOptions options) throws EncoderException {
        Shared shared = OPEN.get(source);
        if (shared == null) {
            shared = new Shared(source.load(options));
            OPEN.put(source, shared);
        }
        shared.leases++;
        return new Lease(source, shared.encoder);
    }

    /** How many sources have an encoder loaded now (for tests and diagnosis). */
    public static synchronized int loaded() {
        return OPEN.size();
    }

    private static synchronized void release(final EncoderSource source, final BertEncoder encoder) {
        final Shared shared = OPEN.get(source);
        if (shared == null || shared.encoder != encoder) {
            return;
        }
        if (--shared.leases == 0) {
            OPEN.remove(source);
            encoder.close();
        }
    }

    private static final class Shared {
        private final BertEncoder encoder;
        private int leases;

        private Shared(final BertEncoder encoder) {
            this.encoder = encoder;
        }
    }

    /** A hold on a shared encoder; closing it twice releases it once. */
    public static final class Lease implements AutoCloseable {
        private final EncoderSource source;
        private final BertEncoder encoder;
        private boolean closed;

        private Lease(final EncoderSource source, final BertEncoder encoder) {
            this.source = source;
            this.encoder = encoder;
        }

        public BertEncoder encoder() {
            return encoder;
        }

        public EncoderSource source() {
            return source;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                release(source, encoder);
            }
        }
    }
}
