package io.nifidq.ml.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifidq.ml.eval.ClassificationReport;
import io.nifidq.ml.features.FeaturizerSettings;
import io.nifidq.ml.model.ModelType;
import io.nifidq.ml.split.SplitPlan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The evaluation report of one training job, with the JSON keys TrainClassifier's usage page documents: the scores on the
 * evaluated split (at the top level), which split that was, what became of the records, how the splits came out, how
 * training went and with which settings, and what label-noise handling found. TrainClassifier adds where it wrote the
 * model and the scores as a text table ({@link #withModel}, {@link #withText}); both are left out of the JSON until then.
 *
 * @param evaluation  the scores on the evaluated split
 * @param evaluatedOn "test", or "validation" when the test split came out empty
 */
public record TrainingReport(@JsonUnwrapped ClassificationReport.Summary evaluation, String evaluatedOn, Records records,
                             Splits splits, Training training, LabelNoise labelNoise,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Model model,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String text) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What became of the input records.
     *
     * @param noUsableText records with a label and a text but no input the model can use (not a single token)
     * @param used         the records split, trained and evaluated on
     * @param augmented    of those, the ones AugmentText made
     */
    public record Records(long input, long missingLabel, long missingText, long noUsableText, long used, long augmented) {
    }

    /**
     * The sizes of the splits.
     *
     * @param train             records the final model trained on (after pruning)
     * @param augmentedLeftOut  augmented copies of validation or test records, dropped
     * @param prunedFromTrain   records Prune took out of training; null (left out of the JSON) when none
     * @param relabelledInTrain records Relabel gave the predicted label; null (left out of the JSON) when none
     */
    public record Splits(int train, long trainAugmented, int validation, int test, int augmentedLeftOut,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Integer prunedFromTrain,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Integer relabelledInTrain) {

        static Splits of(final SplitPlan plan, final int[] train, final boolean[] augmented, final int relabelled) {
            final int pruned = plan.train().length - train.length;
            return new Splits(train.length, IntStream.of(train).filter(i -> augmented[i]).count(), plan.validation().length,
                    plan.test().length, plan.excludedAugmented(), pruned != 0 ? pruned : null, relabelled > 0 ? relabelled : null);
        }
    }

    /**
     * How the final training went.
     *
     * @param bestValidationMacroF1 null without validation records
     * @param classWeights          the loss weight of each class, by class id
     * @param encoder               the pretrained encoder and the head trained on its vectors (PRETRAINED_ENCODER only; null,
     *                              left out of the JSON, otherwise)
     */
    public record Training(ModelType modelType, int epochs, int bestEpoch, Double bestValidationMacroF1, String stopReason,
                           double trainSeconds, double totalSeconds, String device, String engine, float[] classWeights,
                           Settings settings, @JsonInclude(JsonInclude.Include.NON_NULL) Encoder encoder) {

        static Training of(final JobSettings job, final ModelType modelType, final TrainingOutcome<?> outcome, final double totalSeconds,
                           final String engine, final Encoder encoder) {
            final Double bestF1 = Double.isNaN(outcome.bestValidationMacroF1()) ? null : outcome.bestValidationMacroF1();
            return new Training(modelType, outcome.epochsRun(), outcome.bestEpoch(), bestF1, outcome.stopReason(),
                    outcome.trainMillis() / 1000.0, totalSeconds, outcome.device(), engine, outcome.classWeights(), Settings.of(job),
                    encoder);
        }
    }

    /**
     * The pretrained encoder a PRETRAINED_ENCODER model embeds with, and the head chosen on the validation records.
     *
     * @param name             the encoder's name, e.g. bge-small-en-v1.5-q
     * @param fingerprint      SHA-256 over the encoder's files: the model is served only with this very encoder
     * @param dimension        the length of a sentence vector
     * @param head             the head chosen on validation, e.g. "linear" or "mlp 256"
     * @param weightDecay      the head's L2 strength chosen on validation
     * @param embeddedTexts    distinct texts run through the encoder
     * @param truncatedTexts   of those, the ones cut to the encoder's maximum length
     * @param embeddingSeconds wall time of embedding
     * @param blendShare       the encoder model's share of the probabilities when blended with another model (chosen on
     *                         validation; 1 = the encoder's alone), null when not blended
     * @param blendedWith      the model type blended with, null when not blended
     */
    public record Encoder(String name, String fingerprint, int dimension, String head, float weightDecay, long embeddedTexts,
                          long truncatedTexts, double embeddingSeconds,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Float blendShare,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String blendedWith) {

        Encoder withBlend(final float share, final String modelType) {
            return new Encoder(name, fingerprint, dimension, head, weightDecay, embeddedTexts, truncatedTexts, embeddingSeconds, share,
                    modelType);
        }
    }

    /**
     * The job's settings as configured (classWeighting AUTO stays AUTO; classWeights says what it decided).
     *
     * @param cnnFilters filters per convolution width, TEXTCNN only (null, left out of the JSON, otherwise)
     */
    public record Settings(FeaturizerSettings featurizer, int embeddingSize, int maxEpochs, int batchSize, float learningRate,
                           ClassWeighting classWeighting, int patience, double timeBudgetSeconds, long seed,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Integer cnnFilters, double trainShare, double validationShare,
                           int folds, int labelNoisePasses, int minRecordsPerClass) {

        static Settings of(final JobSettings job) {
            final TrainingSettings t = job.training();
            final Integer cnnFilters = t.modelType() == ModelType.TEXTCNN ? t.cnnFilters() : null;
            return new Settings(t.featurizer(), t.embeddingSize(), t.maxEpochs(), t.batchSize(), t.learningRate(), t.classWeighting(),
                    t.patience(), t.timeBudget().toMillis() / 1000.0, t.seed(), cnnFilters, job.trainShare(), job.validationShare(),
                    job.folds(), job.labelNoisePasses(), job.minRecordsPerClass());
        }
    }

    /** The label-noise handling and the number of suspected label errors it found. */
    public record LabelNoise(LabelNoiseHandling handling, int suspects) {
    }

    /** Where the model was written: its version folder's name ("v0003") and absolute path. */
    public record Model(String version, String path) {
    }

    /** The same report with the version the model was published as. */
    public TrainingReport withModel(final String version, final String path) {
        return new TrainingReport(evaluation, evaluatedOn, records, splits, training, labelNoise, new Model(version, path), text);
    }

    /** The same report with the scores as a text table (scikit-learn's classification_report layout). */
    public TrainingReport withText(final String table) {
        return new TrainingReport(evaluation, evaluatedOn, records, splits, training, labelNoise, model, table);
    }

    /** The report as nested maps and lists, with the same JSON as the report (for free-form metadata). */
    public Map<String, Object> toMap() {
        try {
            // Through the JSON text, so that the map writes the very JSON the report writes (floats included).
            return JSON.readValue(JSON.writeValueAsBytes(this), new TypeReference<Map<String, Object>>() { });
        } catch (final IOException e) {
            throw new UncheckedIOException("a training report is always serialisable", e);
        }
    }
}
