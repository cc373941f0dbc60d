package io.nifidq.ml.train;

import io.nifidq.ml.encoder.BundledEncoders;
import io.nifidq.ml.encoder.EmbeddingListener;
import io.nifidq.ml.encoder.EncoderDescriptor;
import io.nifidq.ml.encoder.EncoderException;
import io.nifidq.ml.encoder.EncoderFiles;
import io.nifidq.ml.encoder.EncoderOptions;
import io.nifidq.ml.encoder.EncoderSource;
import io.nifidq.ml.encoder.SharedEncoders;
import io.nifidq.ml.head.HeadFiles;
import io.nifidq.ml.model.ModelType;

import java.nio.file.Path;

/**
 * The model family a job's settings ask for, with what it holds open: a pretrained encoder's family holds a lease on the
 * node's shared encoder for the job's length, a fine-tuned one its tokenizer. Close it when the job is done.
 */
public final class OpenModelFamily implements AutoCloseable {

    private final ModelFamily<?, ?> family;
    private final AutoCloseable held;

    private OpenModelFamily(final ModelFamily<?, ?> family, final AutoCloseable held) {
        this.family = family;
        this.held = held;
    }

    /**
     * @param encoder          the encoder of a PRETRAINED_ENCODER job (ignored otherwise)
     * @param blendWithNgrams  whether an encoder job (frozen or fine-tuned) also trains the fastText-style n-gram model (with
     *                         its own default learning rate) and blends the two as the validation records say
     *                         ({@link BlendedModelFamily})
     * @param progress         hears the embedding of a PRETRAINED_ENCODER job's texts; it may throw to stop it
     * @param maxTokens        a FINE_TUNED_ENCODER job's token limit per text (at most the encoder's own)
     */
    public static OpenModelFamily open(final TrainingSettings settings, final EncoderSource encoder, final boolean blendWithNgrams,
                                       final EncoderOptions options, final EmbeddingListener progress, final int maxTokens)
            throws EncoderException {
        if (settings.modelType() == ModelType.FINE_TUNED_ENCODER) {
            return fineTuned(settings, encoder, blendWithNgrams, options, maxTokens);
        }
        if (settings.modelType() != ModelType.PRETRAINED_ENCODER) {
            return new OpenModelFamily(new NgramModelFamily(settings), null);
        }
        final SharedEncoders.Lease lease = SharedEncoders.acquire(encoder, options);
        final EncoderModelFamily encoderFamily = new EncoderModelFamily(lease.encoder(), encoder, settings, progress);
        if (!blendWithNgrams) {
            return new OpenModelFamily(encoderFamily, lease);
        }
        return new OpenModelFamily(new BlendedModelFamily<>(encoderFamily, new NgramModelFamily(ngramSettings(settings))), lease);
    }

    /**
     * Fine-tuning starts from fp32 weights: the bundled English encoder's fp32 file rather than the int8 one the frozen
     * encoder runs; the bundled Chinese encoder exists only as int8, dequantised when read.
     */
    private static OpenModelFamily fineTuned(final TrainingSettings settings, final EncoderSource encoder, final boolean blendWithNgrams,
                                             final EncoderOptions options, final int maxTokens) throws EncoderException {
        final EncoderSource start = BundledEncoders.ENGLISH.equals(encoder.bundled()) ? EncoderSource.bundled(BundledEncoders.ENGLISH_FP32)
                : encoder;
        final Path directory = start.bundled() != null ? BundledEncoders.unpack(start.bundled(), options.cacheDirectory()) : start.directory();
        final EncoderDescriptor descriptor = start.bundled() != null ? BundledEncoders.descriptor(start.bundled())
                : EncoderFiles.verify(start.directory());
        final HeadFiles.EncoderReference reference = new HeadFiles.EncoderReference(descriptor.name(), descriptor.fingerprint(),
                start.bundled(), start.directory() == null ? null : start.directory().toString());
        final FineTunedModelFamily family = new FineTunedModelFamily(directory, reference, settings,
                Math.min(maxTokens, descriptor.maxLength()));
        // Fine-Tuning Epochs (a few) are the encoder's; the n-gram model keeps its own default.
        final TrainingSettings ngrams = ngramSettings(settings).toBuilder().optMaxEpochs(TrainingSettings.defaults().maxEpochs()).build();
        return new OpenModelFamily(blendWithNgrams ? new BlendedModelFamily<>(family, new NgramModelFamily(ngrams)) : family, family);
    }

    /** The n-gram model a blend trains beside an encoder model: fastText-style, with its own default learning rate. */
    private static TrainingSettings ngramSettings(final TrainingSettings settings) {
        return settings.toBuilder().optModelType(ModelType.FASTTEXT).optLearningRate(TrainingSettings.defaults().learningRate()).build();
    }

    public ModelFamily<?, ?> family() {
        return family;
    }

    @Override
    public void close() {
        if (held != null) {
            try {
                held.close();
            } catch (final Exception e) {
                throw new IllegalStateException("Closing the model family failed: " + e.getMessage(), e);
            }
        }
    }
}
