package io.nifidq.processors.train;

import io.nifidq.augment.CopyMarkers;
import io.nifidq.ml.encoder.BundledEncoders;
import io.nifidq.ml.encoder.EncoderSource;
import io.nifidq.ml.features.FeaturizerSettings;
import io.nifidq.ml.model.ModelType;
import io.nifidq.ml.train.FineTuneTrainer;
import io.nifidq.ml.train.FineTunedModelFamily;
import io.nifidq.ml.train.HeadTrainer;
import io.nifidq.ml.train.JobSettings;
import io.nifidq.ml.train.TrainingSettings;
import io.nifidq.processors.common.SharedDescriptors;
import io.nifidq.processors.train.TrainChoices.ClassWeightsChoice;
import io.nifidq.processors.train.TrainChoices.EncoderChoice;
import io.nifidq.processors.train.TrainChoices.LabelNoiseChoice;
import io.nifidq.processors.train.TrainChoices.ModelTypeChoice;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.util.StandardValidators;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.nifidq.processors.common.Descriptors.choice;
import static io.nifidq.processors.common.Descriptors.flag;
import static io.nifidq.processors.common.Descriptors.optional;
import static io.nifidq.processors.common.Descriptors.withDefault;

/** TrainClassifier's property descriptors and the job settings they describe. */
public final class TrainProperties {

    private static final TrainingSettings DEFAULTS = TrainingSettings.defaults();
    private static final JobSettings JOB_DEFAULTS = JobSettings.defaults();

    public static final PropertyDescriptor RECORD_READER = SharedDescriptors.recordReader(
            "Reads the records to train on (CSVReader, JsonTreeReader, AvroReader...).").build();

    public static final PropertyDescriptor TEXT_FIELD = SharedDescriptors.textField(
            "The field holding the text to classify (any language; Chinese is split into characters).").required(true).build();

    public static final PropertyDescriptor LABEL_FIELD = SharedDescriptors.labelField(
            "The field holding the class label. Records with an empty label are left out and counted in the report.")
            .required(true)
            .build();

    public static final PropertyDescriptor SPLIT_FIELD = optional("Split Field", StandardValidators.NON_BLANK_VALIDATOR,
            "Optional: a field that assigns records to a side of the split, as data sets with fixed splits do (train, "
                    + "validation or dev, test; any case). Records marked test are the test split and records marked "
                    + "validation the validation split; the others are split into training and validation by the shares. "
                    + "Unset, or a record with another value: the stratified random split by Train Share and Validation Share.")
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .build();

    public static final PropertyDescriptor MODEL_DIRECTORY = new PropertyDescriptor.Builder()
            .name("Model Directory")
            .description("Where models are kept: each run adds a version folder (v0001, v0002, ...) written atomically and then "
                    + "points LATEST at it. A failed run leaves the earlier versions and LATEST untouched. On a cluster, use a "
                    + "directory every node can read.")
            .required(true)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor MODEL_TYPE = choice("Model Type", ModelTypeChoice.FASTTEXT,
            "The network to train.")
            .build();

    public static final PropertyDescriptor ENCODER = choice("Encoder", EncoderChoice.DETECTED,
            "The pretrained encoder whose sentence vectors the head is trained on, or that fine-tuning starts from. A Pretrained "
                    + "Encoder model records the encoder and its checksum and is served only with that very encoder; a "
                    + "Fine-tuned Encoder model carries its whole network.")
            .dependsOn(MODEL_TYPE, ModelTypeChoice.PRETRAINED_ENCODER, ModelTypeChoice.FINE_TUNED_ENCODER)
            .build();

    public static final PropertyDescriptor BLEND_WITH_NGRAMS = flag("Blend With N-gram Model", "true",
            "Also train the fastText-style n-gram model on the same records (seconds, against the minutes of embedding or "
                    + "fine-tuning) and "
                    + "blend the two models' probabilities with the encoder's share chosen on the validation records (1, 0.75, "
                    + "0.5, 0.25 or 0): where words carry the classes the n-gram model helps, where meaning does the share "
                    + "stays 1. The report's training.encoder.blendShare says what was chosen.")
            .dependsOn(MODEL_TYPE, ModelTypeChoice.PRETRAINED_ENCODER, ModelTypeChoice.FINE_TUNED_ENCODER)
            .build();

    public static final PropertyDescriptor FINE_TUNING_EPOCHS = integerBuilder("Fine-Tuning Epochs", FineTuneTrainer.DEFAULT_EPOCHS, 1, 20,
            "Passes over the training records when fine-tuning (BERT's usual 2 to 4; the learning rate decays to 0 at the last "
                    + "step). Each costs the same time: 15 to 45 texts per second on 2 CPU cores (3,000 texts: 1 to 3.5 minutes).")
            .dependsOn(MODEL_TYPE, ModelTypeChoice.FINE_TUNED_ENCODER)
            .build();

    public static final PropertyDescriptor MAX_TOKENS = integerBuilder("Max Tokens", FineTunedModelFamily.DEFAULT_MAX_TOKENS, 8, 512,
            "Word pieces per text when fine-tuning and when the model classifies, [CLS] and [SEP] included; longer texts are cut "
                    + "(the report and ClassifyText count them). Time and memory grow faster than the length.")
            .dependsOn(MODEL_TYPE, ModelTypeChoice.FINE_TUNED_ENCODER)
            .build();

    public static final PropertyDescriptor ENCODER_DIRECTORY = SharedDescriptors.encoderDirectory("")
            .required(true)
            .dependsOn(ENCODER, EncoderChoice.DIRECTORY)
            .build();

    public static final PropertyDescriptor TRAIN_SHARE = share("Train Share", JOB_DEFAULTS.trainShare(),
            "Share of the original records used for training (stratified by label). Augmented records always train, with their source.");
    public static final PropertyDescriptor VALIDATION_SHARE = share("Validation Share", JOB_DEFAULTS.validationShare(),
            "Share of the original records used for early stopping. The records in neither share form the test split the report is about.");

    public static final PropertyDescriptor SEED = withDefault("Seed", String.valueOf(DEFAULTS.seed()),
            StandardValidators.LONG_VALIDATOR,
            "Seeds the split, the initial weights and the shuffling: the same input and settings give the same model.")
            .build();

    public static final PropertyDescriptor BUCKETS = integer("Buckets", DEFAULTS.featurizer().buckets(), 16, 1 << 24,
            "Hash buckets for words, word bigrams and character n-grams (the rows of the embedding table). More buckets, fewer "
                    + "collisions, more memory: rows x embedding size x 4 bytes, four times during training (weights, two Adam moments, the best epoch's copy).");
    public static final PropertyDescriptor EMBEDDING_SIZE = integer("Embedding Size", DEFAULTS.embeddingSize(), 1, 1024,
            "Dimensions of each embedding row.");
    public static final PropertyDescriptor MAX_EPOCHS = integer("Max Epochs", DEFAULTS.maxEpochs(), 1, 10_000,
            "At most this many passes over the training records.");
    public static final PropertyDescriptor BATCH_SIZE = integer("Batch Size", DEFAULTS.batchSize(), 1, 65_536,
            "Records per optimizer step.");

    public static final PropertyDescriptor LEARNING_RATE = optional("Learning Rate", StandardValidators.NUMBER_VALIDATOR,
            "Adam's step size. Unset: " + DEFAULTS.learningRate() + " for the n-gram models, " + HeadTrainer.DEFAULT_LEARNING_RATE
                    + " for a pretrained encoder's head (chosen on validation records; 0.01 overshoots on sentence vectors), "
                    + FineTuneTrainer.DEFAULT_LEARNING_RATE + " as the peak of a fine-tuning's warm-up and decay (BERT's usual "
                    + "2e-5 to 5e-5; much more forgets what pretraining learnt).")
            .build();

    public static final PropertyDescriptor CLASS_WEIGHTS = choice("Class Weights", ClassWeightsChoice.AUTO,
            "How the loss weighs the classes, against class imbalance.")
            .build();

    public static final PropertyDescriptor PATIENCE = integer("Early Stopping Patience", DEFAULTS.patience(), 1, 1000,
            "Stop after this many epochs without a better validation macro-F1; the best epoch's model is kept.");

    public static final PropertyDescriptor TIME_BUDGET = withDefault("Time Budget", "10 min",
            StandardValidators.TIME_PERIOD_VALIDATOR,
            "Training stops after this long and keeps the best model so far (the label-noise pass has its own budget of the "
                    + "same length per fold). A Pretrained Encoder's embedding of the texts gets a budget of the same length "
                    + "before training starts: when it runs out the FlowFile goes to failure with the reason.")
            .build();

    public static final PropertyDescriptor LABEL_NOISE = choice("Label Noise Handling", LabelNoiseChoice.OFF,
            "Whether to look for mislabelled training records, and what to do with them. Costs one extra training per fold.")
            .build();

    public static final PropertyDescriptor FOLDS = withDefault("Folds", String.valueOf(JOB_DEFAULTS.folds()),
            StandardValidators.createLongValidator(2, 20, true),
            "Folds for the out-of-fold probabilities of the label-noise pass.")
            .dependsOn(LABEL_NOISE, LabelNoiseChoice.FLAG, LabelNoiseChoice.PRUNE, LabelNoiseChoice.RELABEL)
            .build();

    public static final PropertyDescriptor LABEL_NOISE_PASSES = withDefault("Label Noise Passes",
            String.valueOf(JOB_DEFAULTS.labelNoisePasses()), StandardValidators.createLongValidator(1, 5, true),
            "How many times Prune or Relabel look for suspects: each pass trains the fold models again on what the previous "
                    + "passes left, which finds label errors the first pass's noisier models missed. Each pass costs Folds "
                    + "trainings. Flag makes one pass.")
            .dependsOn(LABEL_NOISE, LabelNoiseChoice.PRUNE, LabelNoiseChoice.RELABEL)
            .build();

    public static final PropertyDescriptor RECORD_WRITER = SharedDescriptors.recordWriter("Writes the suspected records to "
                    + "'suspects', each with dq_suspect_given_label, dq_suspect_predicted_label and dq_suspect_confidence.")
            .dependsOn(LABEL_NOISE, LabelNoiseChoice.FLAG, LabelNoiseChoice.PRUNE, LabelNoiseChoice.RELABEL)
            .build();

    public static final PropertyDescriptor AUGMENTED_FIELD = SharedDescriptors.augmentedField("AugmentText's Augmented Field: "
            + "true on the copies it made. A copy trains with its source record and is never evaluated on.").build();

    public static final PropertyDescriptor SOURCE_INDEX_FIELD = SharedDescriptors.sourceIndexField("AugmentText's Source Index "
            + "Field: the position of the record a copy was made from. A record and its copies stay on the same side of the "
            + "split.").build();

    static final List<PropertyDescriptor> DESCRIPTORS = List.of(RECORD_READER, TEXT_FIELD, LABEL_FIELD, MODEL_DIRECTORY, MODEL_TYPE,
            ENCODER, ENCODER_DIRECTORY, BLEND_WITH_NGRAMS, FINE_TUNING_EPOCHS, MAX_TOKENS, SPLIT_FIELD, TRAIN_SHARE, VALIDATION_SHARE, SEED, BUCKETS, EMBEDDING_SIZE, MAX_EPOCHS, BATCH_SIZE, LEARNING_RATE, CLASS_WEIGHTS,
            PATIENCE, TIME_BUDGET, LABEL_NOISE, FOLDS, LABEL_NOISE_PASSES, RECORD_WRITER, AUGMENTED_FIELD, SOURCE_INDEX_FIELD);

    private TrainProperties() {
    }

    /** The encoder a PRETRAINED_ENCODER job embeds with; By Detected Language looks at the job's texts. */
    static EncoderSource encoderSource(final ProcessContext context, final List<String> texts) {
        return switch (context.getProperty(ENCODER).asAllowableValue(EncoderChoice.class)) {
            case ENGLISH -> EncoderSource.bundled(BundledEncoders.ENGLISH);
            case CHINESE -> EncoderSource.bundled(BundledEncoders.CHINESE);
            case DETECTED -> EncoderSource.bundled(BundledEncoders.forTexts(texts));
            case DIRECTORY -> EncoderSource.directory(Path.of(context.getProperty(ENCODER_DIRECTORY).evaluateAttributeExpressions().getValue()));
        };
    }

    private static float defaultLearningRate(final ModelType type) {
        return switch (type) {
            case PRETRAINED_ENCODER -> HeadTrainer.DEFAULT_LEARNING_RATE;
            case FINE_TUNED_ENCODER -> FineTuneTrainer.DEFAULT_LEARNING_RATE;
            default -> DEFAULTS.learningRate();
        };
    }

    /** A Fine-tuned Encoder job's token limit per text. */
    static int maxTokens(final ProcessContext context) {
        return context.getProperty(MAX_TOKENS).asInteger();
    }

    /** The marker fields of AugmentText's copies, as the properties name them. */
    static CopyMarkers markers(final ProcessContext context) {
        return new CopyMarkers(context.getProperty(AUGMENTED_FIELD).getValue(), context.getProperty(SOURCE_INDEX_FIELD).getValue());
    }

    static JobSettings jobSettings(final ProcessContext context) {
        // Only the buckets are a property; the n-gram ranges and the id limit keep their defaults.
        final FeaturizerSettings featurizer = FeaturizerSettings.builder().optBuckets(context.getProperty(BUCKETS).asInteger()).build();
        final ModelType type = context.getProperty(MODEL_TYPE).asAllowableValue(ModelTypeChoice.class).type;
        final Float rate = context.getProperty(LEARNING_RATE).isSet() ? context.getProperty(LEARNING_RATE).asFloat() : null;
        final TrainingSettings training = TrainingSettings.builder()
                .optModelType(type)
                .optFeaturizer(featurizer)
                .optEmbeddingSize(context.getProperty(EMBEDDING_SIZE).asInteger())
                .optMaxEpochs(context.getProperty(type == ModelType.FINE_TUNED_ENCODER ? FINE_TUNING_EPOCHS : MAX_EPOCHS).asInteger())
                .optBatchSize(context.getProperty(BATCH_SIZE).asInteger())
                .optLearningRate(rate != null ? rate
                        : defaultLearningRate(type))
                .optClassWeighting(context.getProperty(CLASS_WEIGHTS).asAllowableValue(ClassWeightsChoice.class).weighting)
                .optPatience(context.getProperty(PATIENCE).asInteger())
                .optTimeBudget(Duration.ofMillis(context.getProperty(TIME_BUDGET).asTimePeriod(TimeUnit.MILLISECONDS)))
                .optSeed(context.getProperty(SEED).asLong())
                .build();
        final LabelNoiseChoice noise = context.getProperty(LABEL_NOISE).asAllowableValue(LabelNoiseChoice.class);
        final JobSettings.Builder job = JobSettings.builder()
                .optTraining(training)
                .optShares(context.getProperty(TRAIN_SHARE).asDouble(), context.getProperty(VALIDATION_SHARE).asDouble())
                .optLabelNoise(noise.handling);
        // Folds and passes depend on the label-noise choice: hidden (and left at their defaults) when it does not use them.
        if (noise != LabelNoiseChoice.OFF) {
            job.optFolds(context.getProperty(FOLDS).asInteger());
        }
        if (noise == LabelNoiseChoice.PRUNE || noise == LabelNoiseChoice.RELABEL) {
            job.optLabelNoisePasses(context.getProperty(LABEL_NOISE_PASSES).asInteger());
        }
        return job.build();
    }

    private static PropertyDescriptor share(final String name, final double value, final String description) {
        return withDefault(name, String.valueOf(value),
                StandardValidators.createRegexMatchingValidator(java.util.regex.Pattern.compile("0?\\.\\d+|0|1(\\.0+)?")),
                description + " Between 0 and 1; Train Share + Validation Share must stay below 1.").build();
    }

    private static PropertyDescriptor integer(final String name, final int value, final int min, final int max, final String description) {
        return integerBuilder(name, value, min, max, description).build();
    }

    /** An integer property from min to max, to be given dependencies before it is built. */
    private static PropertyDescriptor.Builder integerBuilder(final String name, final int value, final int min, final int max,
                                                             final String description) {
        return withDefault(name, String.valueOf(value), StandardValidators.createLongValidator(min, max, true), description);
    }
}
