package io.nifidq.ml.train;

import io.nifidq.ml.features.HashingFeaturizer;
import io.nifidq.ml.features.TextFeaturizer;
import io.nifidq.ml.model.ModelFiles;
import io.nifidq.ml.model.NetworkWeights;

import java.nio.file.Path;
import java.util.List;

/** Hashed word and character n-grams into a fastText-style network or a TextCNN, trained from scratch. */
public final class NgramModelFamily implements ModelFamily<int[], NetworkWeights> {

    private final TrainingSettings settings;
    private final HashingFeaturizer featurizer;

    public NgramModelFamily(final TrainingSettings settings) {
        this.settings = settings;
        this.featurizer = new HashingFeaturizer(settings.featurizer());
    }

    @Override
    public TextFeaturizer<int[]> featurizer() {
        return featurizer;
    }

    @Override
    public ClassifierTrainer<int[], NetworkWeights> trainer(final ClassWeighting weighting) {
        return new TextClassifierTrainer(settings.toBuilder().optClassWeighting(weighting).build());
    }

    @Override
    public TrainedModel trainedModel(final NetworkWeights weights, final List<String> labels) {
        return new TrainedModel() {
            @Override
            public String modelType() {
                return weights.spec().type().name();
            }

            @Override
            public void writeFiles(final Path directory) throws java.io.IOException {
                ModelFiles.write(directory, weights, settings.featurizer(), labels);
            }
        };
    }
}
