package io.nifidq.bench.thesis;

import io.nifidq.ml.encoder.BertEncoder;
import io.nifidq.ml.encoder.BundledEncoders;
import io.nifidq.ml.encoder.EmbeddingListener;
import io.nifidq.ml.encoder.EncoderException;
import io.nifidq.ml.encoder.EncoderOptions;
import io.nifidq.ml.encoder.EncoderSource;
import io.nifidq.ml.encoder.VectorMemo;
import io.nifidq.ml.model.ModelType;
import io.nifidq.ml.train.EncoderModelFamily;
import io.nifidq.ml.train.EpochListener;
import io.nifidq.ml.train.HeadTrainer;
import io.nifidq.ml.train.JobSettings;
import io.nifidq.ml.train.TrainingData;
import io.nifidq.ml.train.TrainingJob;
import io.nifidq.ml.train.TrainingSettings;
import io.nifidq.ml.train.UntrainableInputException;
import io.nifidq.quality.profile.EncoderHeadScorer;
import io.nifidq.quality.profile.ProfileSettings;

import java.nio.file.Path;
import java.util.List;

/**
 * One family's models on one split: TrainingJob with the family's defaults (the training seed varied per run), and the
 * ProfileQuality settings whose label-noise check uses the same family. The encoder family embeds each distinct text once
 * for the whole split (a {@link VectorMemo}): label corruptions change no text, and the clean, degraded and repaired
 * trainings, their folds and ProfileQuality's check share most texts.
 */
final class ThesisModels implements AutoCloseable {

    private final ThesisFamily family;
    private final BertEncoder encoder;
    private final EncoderSource source;

    private ThesisModels(final ThesisFamily family, final BertEncoder encoder, final EncoderSource source) {
        this.family = family;
        this.encoder = encoder;
        this.source = source;
    }

    /**
     * @param texts the split's training texts: they choose the bundled encoder's language
     * @param cache where the bundled encoder and ONNX Runtime's natives are unpacked
     * @param runs  the encoder's runs at once (the cores this JVM has to itself)
     */
    static ThesisModels open(final ThesisFamily family, final List<String> texts, final Path cache, final int runs)
            throws EncoderException {
        if (family == ThesisFamily.NGRAM) {
            return new ThesisModels(family, null, null);
        }
        final EncoderSource source = EncoderSource.bundled(BundledEncoders.forTexts(texts));
        final EncoderOptions options = EncoderOptions.builder().optCacheDirectory(cache).optParallelRuns(runs)
                .optVectorMemo(VectorMemo.unbounded()).build();
        return new ThesisModels(family, source.load(options), source);
    }

    ThesisFamily family() {
        return family;
    }

    /** ProfileQuality's defaults with this family's label-noise check. */
    ProfileSettings profileSettings() {
        final ProfileSettings defaults = ProfileSettings.defaults(LabelledRows.TEXT, LabelledRows.LABEL);
        return encoder == null ? defaults
                : defaults.withLabelNoiseScorer(new EncoderHeadScorer(texts -> encoder, EncoderHeadScorer.DEFAULT_SEED));
    }

    /** Macro-F1 on the data's test records of a model trained with the settings and this training seed. */
    double macroF1(final TrainingData data, final JobSettings settings, final long seed) throws UntrainableInputException {
        final TrainingSettings.Builder builder = settings.training().toBuilder().optSeed(seed);
        if (encoder != null) {
            // TrainClassifier's learning rate for a head when Learning Rate is unset.
            builder.optModelType(ModelType.PRETRAINED_ENCODER).optLearningRate(HeadTrainer.DEFAULT_LEARNING_RATE);
        }
        final TrainingSettings training = builder.build();
        final JobSettings seeded = settings.toBuilder().optTraining(training).build();
        final TrainingJob job = encoder == null ? new TrainingJob(seeded)
                : new TrainingJob(seeded, new EncoderModelFamily(encoder, source, training, EmbeddingListener.NONE));
        return job.run(data, EpochListener.NONE).evaluation().macroF1();
    }

    @Override
    public void close() {
        if (encoder != null) {
            encoder.close();
        }
    }
}
