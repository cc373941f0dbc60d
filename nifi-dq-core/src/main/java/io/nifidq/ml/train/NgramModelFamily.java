package io.nifidq.ml.train;

import io.nifidq.ml.features.HashingFeaturizer;
import io.nifidq.ml.features.TextFeaturizer;

/** Hashed word and character n-grams into a fastText-style network or a TextCNN, trained from scratch. */
public final class NgramModelFamily implements ModelFamily<int[]> {

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
    public ClassifierTrainer<int[]> trainer(final ClassWeighting weighting) {
        return new TextClassifierTrainer(settings.toBuilder().optClassWeighting(weighting).build());
    }
}
