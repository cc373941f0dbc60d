package io.nifidq.ml.train;

import io.nifidq.ml.encoder.BertEncoder;
import io.nifidq.ml.encoder.EmbeddingListener;
import io.nifidq.ml.encoder.EncoderFeaturizer;
import io.nifidq.ml.encoder.EncoderSource;
import io.nifidq.ml.features.TextFeaturizer;
import io.nifidq.ml.head.HeadFiles;
import io.nifidq.ml.head.HeadWeights;
import io.nifidq.ml.model.ModelType;

import java.nio.file.Path;
import java.util.List;

/**
 * A pretrained encoder, frozen, and a head trained on its sentence vectors ({@link HeadTrainer}): each record is embedded
 * once per job, in batches, and the folds, passes and candidate heads reuse the vectors. The published model records the
 * encoder's source and fingerprint ({@link HeadFiles}), so it is never served with another encoder.
 */
public final class EncoderModelFamily implements ModelFamily<float[], HeadWeights> {

    private final BertEncoder encoder;
    private final EncoderSource source;
    private final TrainingSettings settings;
    private final EncoderFeaturizer featurizer;

    /**
     * @param progress hears each batch of the job's embedding; it may throw to stop the job (a time budget, say)
     */
    public EncoderModelFamily(final BertEncoder encoder, final EncoderSource source, final TrainingSettings settings,
                              final EmbeddingListener progress) {
        this.encoder = encoder;
        this.source = source;
        this.settings = settings;
        this.featurizer = new EncoderFeaturizer(encoder, progress);
    }

    @Override
    public TextFeaturizer<float[]> featurizer() {
        return featurizer;
    }

    @Override
    public ClassifierTrainer<float[], HeadWeights> trainer(final ClassWeighting weighting) {
        return new HeadTrainer(settings.toBuilder().optClassWeighting(weighting).build(),
                HeadTrainer.defaultCandidates(encoder.dimension()));
    }

    @Override
    public TrainedModel trainedModel(final HeadWeights weights, final List<String> labels) {
        final HeadFiles.EncoderReference reference = new HeadFiles.EncoderReference(encoder.name(), encoder.fingerprint(),
                source.bundled(), source.directory() == null ? null : source.directory().toString());
        return new TrainedModel() {
            @Override
            public String modelType() {
                return ModelType.PRETRAINED_ENCODER.name();
            }

            @Override
            public void writeFiles(final Path directory) throws java.io.IOException {
                HeadFiles.write(directory, weights, labels, reference);
            }
        };
    }

    @Override
    public TrainingReport.Encoder encoderReport(final HeadWeights weights) {
        return new TrainingReport.Encoder(encoder.name(), encoder.fingerprint(), encoder.dimension(), weights.spec().describe(),
                weights.spec().weightDecay(), featurizer.embeddedTexts(), featurizer.truncatedTexts(), featurizer.embeddingSeconds(),
                null, null);
    }
}
