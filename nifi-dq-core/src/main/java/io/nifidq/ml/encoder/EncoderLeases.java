package io.nifidq.ml.encoder;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Leases on the node's shared encoders ({@link SharedEncoders}), taken on first use, one per source, and held until
 * {@link #close()}: what a processor keeps between its FlowFiles when it needs an encoder only for some of them (and may
 * not know which one before it has seen their texts). Thread-safe; a caller that asks while another loads an encoder waits.
 */
public final class EncoderLeases implements AutoCloseable {

    private final EncoderOptions options;
    private final Map<EncoderSource, SharedEncoders.Lease> leases = new LinkedHashMap<>();

    /** @param options how an encoder runs when this holder is the first on the node to load it */
    public EncoderLeases(final EncoderOptions options) {
        this.options = options;
    }

    /** The encoder of that source, leased now when this holder has no lease on it yet. */
    public synchronized BertEncoder encoder(final EncoderSource source) throws EncoderException {
        SharedEncoders.Lease lease = leases.get(source);
        if (lease == null) {
            lease = SharedEncoders.acquire(source, options);
            leases.put(source, lease);
        }
        return lease.encoder();
    }

    /** How many encoders this holder leases now. */
    public synchronized int held() {
        return leases.size();
    }

    /** Releases every lease; the holder can lease again afterwards. */
    @Override
    public synchronized void close() {
        leases.values().forEach(SharedEncoders.Lease::close);
        leases.clear();
    }
}
