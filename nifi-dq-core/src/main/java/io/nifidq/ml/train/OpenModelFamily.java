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
     * @param encoder          the encoder of a PRETRAINED_ENCODER job (ignored otherwise)
     * @param blendWithNgrams  whether a PRETRAINED_ENCODER job also trains the fastText-style n-gram model (with its own
     *                         default learning rate) and blends the two as the validation records say
     *                         ({@link BlendedModelFamily})
     * @param progress         hears the embedding of a PRETRAINED_ENCODER job's texts; it may throw to stop it
     */
    public static OpenModelFamily open(final TrainingSettings settings, final EncoderSource encoder, final boolean blendWithNgrams,
                                       final EncoderOptions options, final EmbeddingListener progress) throws EncoderException {
        if (settings.modelType() != ModelType.PRETRAINED_ENCODER) {
            return new OpenModelFamily(new NgramModelFamily(settings), null);
        }
        final SharedEncoders.Lease lease = SharedEncoders.acquire(encoder, options);
        final EncoderModelFamily encoderFamily = new EncoderModelFamily(lease.encoder(), encoder, settings, progress);
        if (!blendWithNgrams) {
            return new OpenModelFamily(encoderFamily, lease);
        }
        final TrainingSettings ngrams = settings.toBuilder().optModelType(ModelType.FASTTEXT)
                .optLearningRate(TrainingSettings.defaults().learningRate()).build();
        return new OpenModelFamily(new BlendedModelFamily<>(encoderFamily, new NgramModelFamily(ngrams)), lease);
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
