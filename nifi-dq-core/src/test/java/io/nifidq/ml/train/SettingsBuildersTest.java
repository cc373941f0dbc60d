package io.nifidq.ml.train;

import io.nifidq.ml.features.FeaturizerSettings;
import io.nifidq.ml.model.ModelType;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SettingsBuildersTest {

    @Test
    void anUntouchedBuilderGivesTrainClassifiersDocumentedDefaults() {
        assertEquals(new FeaturizerSettings(1 << 18, 2, 3, 4, 1000), FeaturizerSettings.builder().build());
        assertEquals(new TrainingSettings(ModelType.FASTTEXT, FeaturizerSettings.defaults(), 64, 30, 32, 0.01f, ClassWeighting.AUTO, 3,
                Duration.ofMinutes(10), 42L, 100), TrainingSettings.builder().build());
        assertEquals(new JobSettings(TrainingSettings.defaults(), 0.8, 0.1, LabelNoiseHandling.OFF, 5, 3, 2),
                JobSettings.builder().build());
    }

    @Test
    void eachOptionSetsItsOwnSettingOnly() {
        final FeaturizerSettings featurizer = FeaturizerSettings.builder().optBuckets(64).optWordNgramMax(1).optCharNgrams(0, 0)
                .optMaxIds(10).build();
        assertEquals(new FeaturizerSettings(64, 1, 0, 0, 10), featurizer);
        final TrainingSettings settings = TrainingSettings.builder().optModelType(ModelType.TEXTCNN).optFeaturizer(featurizer)
                .optEmbeddingSize(8).optMaxEpochs(5).optBatchSize(4).optLearningRate(0.05f).optClassWeighting(ClassWeighting.NONE)
                .optPatience(7).optTimeBudget(Duration.ofSeconds(9)).optSeed(11L).optCnnFilters(12).build();
        assertEquals(new TrainingSettings(ModelType.TEXTCNN, featurizer, 8, 5, 4, 0.05f, ClassWeighting.NONE, 7, Duration.ofSeconds(9),
                11L, 12), settings);
        final JobSettings job = JobSettings.builder().optTraining(settings).optShares(0.6, 0.2).optLabelNoise(LabelNoiseHandling.PRUNE)
                .optFolds(3).optMinRecordsPerClass(1).optLabelNoisePasses(4).build();
        assertEquals(new JobSettings(settings, 0.6, 0.2, LabelNoiseHandling.PRUNE, 3, 1, 4), job);
    }

    @Test
    void toBuilderStartsFromTheSettingsItIsCalledOn() {
        final TrainingSettings settings = TrainingSettings.builder().optSeed(5L).optMaxEpochs(2).build();
        assertEquals(settings, settings.toBuilder().build());
        assertEquals(new TrainingSettings(ModelType.FASTTEXT, FeaturizerSettings.defaults(), 64, 2, 32, 0.01f, ClassWeighting.NONE, 3,
                Duration.ofMinutes(10), 5L, 100), settings.toBuilder().optClassWeighting(ClassWeighting.NONE).build());
        final JobSettings job = JobSettings.builder().optFolds(4).build();
        assertEquals(job, job.toBuilder().build());
    }

    @Test
    void buildRejectsWhatTheSettingsCannotMean() {
        assertThrows(IllegalArgumentException.class, () -> TrainingSettings.builder().optBatchSize(0).build());
        assertThrows(IllegalArgumentException.class, () -> TrainingSettings.builder().optLearningRate(0f).build());
        assertThrows(IllegalArgumentException.class, () -> JobSettings.builder().optShares(0.9, 0.2).build());
        assertThrows(IllegalArgumentException.class, () -> JobSettings.builder().optFolds(1).build());
        assertThrows(IllegalArgumentException.class, () -> JobSettings.builder().optLabelNoisePasses(0).build());
    }
}
