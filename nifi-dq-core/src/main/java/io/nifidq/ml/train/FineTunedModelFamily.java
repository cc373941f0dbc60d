package io.nifidq.ml.train;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.nifidq.ml.bert.BertNetwork;
import io.nifidq.ml.bert.BertShape;
import io.nifidq.ml.bert.BertWeights;
import io.nifidq.ml.bert.FineTunedFiles;
import io.nifidq.ml.bert.OnnxTensors;
import io.nifidq.ml.encoder.BertEncoder;
import io.nifidq.ml.encoder.EncoderDescriptor;
import io.nifidq.ml.encoder.EncoderException;
import io.nifidq.ml.encoder.Pooling;
import io.nifidq.ml.encoder.TokenFeaturizer;
import io.nifidq.ml.features.TextFeaturizer;
import io.nifidq.ml.head.HeadFiles;
import io.nifidq.ml.head.HeadWeights;
import io.nifidq.ml.model.DjlEngine;
import io.nifidq.ml.model.ModelType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A pretrained encoder fine-tuned end to end with a classification head ({@link FineTuneTrainer}), its weights read from the
 * encoder's ONNX file ({@link OnnxTensors}) into a DJL copy ({@link BertNetwork}). Records are tokenized once per job. The
 * label-noise passes train their fold models on the pretrained encoder's frozen sentence vectors (k fine-tunings per pass
 * cost k times the final model's minutes): a head per fold ({@link HeadTrainer}), as the Pretrained Encoder model does.
 */
public final class FineTunedModelFamily implements ModelFamily<long[], BertWeights>, AutoCloseable {

    /** Texts are cut at this many tokens by default: a CPU's cost grows with the length, most labelled texts are shorter. */
    public static final int DEFAULT_MAX_TOKENS = 128;

    private final Path encoderDirectory;
    private final HeadFiles.EncoderReference reference;
    private final OnnxTensors pretrained;
    private final BertShape shape;
    private final TrainingSettings settings;
    private final int maxTokens;
    private final HuggingFaceTokenizer tokenizer;
    private final TokenFeaturizer featurizer;

    /**
     * @param encoderDirectory a verified encoder directory (model.onnx of a BERT, tokenizer.json)
     * @param reference        what the model records of the encoder
     */
    public FineTunedModelFamily(final Path encoderDirectory, final HeadFiles.EncoderReference reference,
                                final TrainingSettings settings, final int maxTokens) throws EncoderException {
        this.encoderDirectory = encoderDirectory;
        this.reference = reference;
        this.settings = settings;
        this.maxTokens = maxTokens;
        try {
            this.pretrained = OnnxTensors.read(encoderDirectory.resolve(EncoderDescriptor.MODEL_FILE));
            this.shape = BertNetwork.shapeOf(pretrained);
        } catch (final IOException | IllegalArgumentException e) {
            throw new EncoderException("The encoder " + reference.name() + " cannot be fine-tuned: " + e.getMessage(), e);
        }
        this.tokenizer = BertEncoder.openTokenizer(encoderDirectory, maxTokens);
        this.featurizer = new TokenFeaturizer(tokenizer);
    }

    @Override
    public TextFeaturizer<long[]> featurizer() {
        return featurizer;
    }

    @Override
    public ClassifierTrainer<long[], BertWeights> trainer(final ClassWeighting weighting) {
        return new FineTuneTrainer(settings.toBuilder().optClassWeighting(weighting).build(),
                (classes, seed, device) -> BertNetwork.fromOnnx(pretrained, classes, seed, device));
    }

    @Override
    public ClassifierTrainer<long[], ?> foldTrainer(final ClassWeighting weighting) {
        final TrainingSettings head = settings.toBuilder().optClassWeighting(weighting)
                .optLearningRate(HeadTrainer.DEFAULT_LEARNING_RATE).optMaxEpochs(TrainingSettings.defaults().maxEpochs()).build();
        return new MappedInputTrainer<>(this::frozenVectors,
                new HeadTrainer(head, HeadTrainer.defaultCandidates(shape.hidden())));
    }

    /** The pretrained encoder's sentence vectors (first token, unit length), as the bundled encoder gives them. */
    private List<float[]> frozenVectors(final List<long[]> inputs) {
        try (AllCores cores = new AllCores();
             BertNetwork network = BertNetwork.fromOnnx(pretrained, 0, settings.seed(), DjlEngine.preferredDevice())) {
            final List<float[]> vectors = new ArrayList<>(inputs.size());
            for (final float[] vector : network.sentenceVectors(inputs, FineTuneTrainer.SCORING_BATCH)) {
                Pooling.normalize(vector);
                vectors.add(vector);
            }
            return vectors;
        }
    }

    @Override
    public TrainedModel trainedModel(final BertWeights weights, final List<String> labels) {
        return new TrainedModel() {
            @Override
            public String modelType() {
                return ModelType.FINE_TUNED_ENCODER.name();
            }

            @Override
            public void writeFiles(final Path directory) throws IOException {
                FineTunedFiles.write(directory, weights, new FineTunedFiles.Settings(labels, maxTokens, reference),
                        encoderDirectory.resolve(EncoderDescriptor.TOKENIZER_FILE));
            }
        };
    }

    @Override
    public TrainingReport.Encoder encoderReport(final BertWeights weights) {
        return new TrainingReport.Encoder(reference.name(), reference.fingerprint(), weights.shape().hidden(),
                "fine-tuned " + weights.shape() + ", " + maxTokens + " tokens at most", FineTuneTrainer.WEIGHT_DECAY,
                0, featurizer.truncatedTexts(), 0, null, null);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
