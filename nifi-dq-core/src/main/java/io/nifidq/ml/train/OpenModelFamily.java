package io.nifidq.ml.train;

import io.nifidq.ml.encoder.EmbeddingListener;
import io.nifidq.ml.encoder.EncoderException;
import io.nifidq.ml.encoder.EncoderOptions;
import io.nifidq.ml.encoder.EncoderSource;
import io.nifidq.ml.encoder.SharedEncoders;
import io.nifidq.ml.model.ModelType;

/**
 * The model family a job's settings ask for, with what it holds open: a pretrained encoder's family holds a lease on the
 * node's shared encoder for the job's length. Close it when the job is done.
 */
public final class OpenModelFamily implements AutoCloseable {

    private final ModelFamily<?, ?> family;
    private final SharedEncoders.Lease encoder;

    private OpenModelFamily(final ModelFamily<?, ?> family, final SharedEncoders.Lease encoder) {
        this.family = family;
        this.encoder = encoder;
    }

    /**
     * @param encoder  the encoder of a PRETRAINED_ENCODER job (ignored otherwise)
     * @param progress hears the embedding of a PRETRAINED_ENCODER job's texts; it may throw to stop it
     */
    public static OpenModelFamily open(final TrainingSettings settings, final EncoderSource encoder, final EncoderOptions options,
                                       final EmbeddingListener progress) throws EncoderException {
        if (settings.modelType() != ModelType.PRETRAINED_ENCODER) {
            return new OpenModelFamily(new NgramModelFamily(settings), null);
        }
        final SharedEncoders.Lease lease = SharedEncoders.acquire(encoder, options);
        return new OpenModelFamily(new EncoderModelFamily(lease.encoder(), encoder, settings, progress), lease);
    }

    public ModelFamily<?, ?> family() {
        return family;
    }

    @Override
    public void close() {
        if (encoder != null) {
            encoder.close();
        }
    }
}
