package io.nifidq.ml.encoder;

import ai.djl.Model;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One padded batch of texts through the tokenizer, the ONNX graph and the pooling. Safe for concurrent use: ONNX Runtime's
 * session and the Rust tokenizer are, and each run works in its own NDManager and calls the graph's block directly (DJL's
 * Predictor would be one per thread for nothing: there is no per-run state besides the run's tensors).
 */
final class EncoderGraph {

    static final String INPUT_IDS = "input_ids";
    static final String ATTENTION_MASK = "attention_mask";
    static final String TOKEN_TYPE_IDS = "token_type_ids";
    private static final Set<String> KNOWN_INPUTS = Set.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS);

    /** The vectors of one batch, the batch's texts that were cut to the maximum length, and its real tokens. */
    record Batch(float[][] vectors, int truncated, long tokens) {
    }

    private final Path directory;
    private final EncoderDescriptor descriptor;
    private final HuggingFaceTokenizer tokenizer;
    private final Model model;
    private final List<String> inputNames;

    EncoderGraph(final Path directory, final EncoderDescriptor descriptor, final HuggingFaceTokenizer tokenizer, final Model model)
            throws EncoderException {
        this.directory = directory;
        this.descriptor = descriptor;
        this.tokenizer = tokenizer;
        this.model = model;
        this.inputNames = List.copyOf(model.describeInput().keys());
        checkInputs();
        checkOutput();
    }

    /** Tokenizes (truncating at the maximum length), pads to the batch's longest text, runs the graph and pools. */
    Batch embed(final String[] texts) {
        final TokenBatch batch = TokenBatch.of(tokenizer.batchEncode(texts));
        final int rows = batch.rows();
        final int length = batch.length();
        final long[] mask = batch.mask();
        final float[] hidden = run(rows, length, Map.of(INPUT_IDS, batch.ids(), ATTENTION_MASK, mask, TOKEN_TYPE_IDS, batch.types()));
        final int size = descriptor.hiddenSize();
        final float[][] vectors = new float[rows][];
        for (int row = 0; row < rows; row++) {
            vectors[row] = new float[size];
            descriptor.pooling().pool(hidden, row, length, mask, size, vectors[row]);
            if (descriptor.normalize()) {
                Pooling.normalize(vectors[row]);
            }
        }
        return new Batch(vectors, batch.truncated(), batch.tokens());
    }

    /** Runs the graph on one padded batch; the hidden states {@code [rows, length, hiddenSize]}, flattened. */
    private float[] run(final int rows, final int length, final Map<String, long[]> inputs) {
        final Shape shape = new Shape(rows, length);
        try (NDManager call = model.getNDManager().newSubManager()) {
            final NDList feed = new NDList(inputNames.size());
            for (final String name : inputNames) {
                final NDArray array = call.create(LongBuffer.wrap(inputs.get(name)), shape, DataType.INT64);
                array.setName(name);
                feed.add(array);
            }
            final NDList outputs = model.getBlock().forward(new ParameterStore(call, false), feed, false);
            final NDArray hidden = outputs.get(descriptor.output());
            if (hidden == null) {
                throw new IllegalStateException("The encoder " + descriptor.name() + " has no output " + descriptor.output()
                        + " (its outputs: " + outputNames(outputs) + "); set \"output\" in " + EncoderDescriptor.FILE_NAME);
            }
            final Shape expected = new Shape(rows, length, descriptor.hiddenSize());
            if (!hidden.getShape().equals(expected)) {
                throw new IllegalStateException("The encoder " + descriptor.name() + "'s output " + descriptor.output() + " has shape "
                        + hidden.getShape() + ", expected " + expected + " (hiddenSize " + descriptor.hiddenSize() + " in "
                        + EncoderDescriptor.FILE_NAME + ")");
            }
            return hidden.toFloatArray();
        }
    }

    private void checkInputs() throws EncoderException {
        if (!inputNames.contains(INPUT_IDS)) {
            throw new EncoderException("The encoder directory " + directory + " has a " + EncoderDescriptor.MODEL_FILE
                    + " without the input " + INPUT_IDS + " (its inputs: " + inputNames + ")");
        }
        for (final String name : inputNames) {
            if (!KNOWN_INPUTS.contains(name)) {
                throw new EncoderException("The encoder directory " + directory + " has a " + EncoderDescriptor.MODEL_FILE
                        + " with the input " + name + ", which a BERT-family encoder does not take (known: " + KNOWN_INPUTS + ")");
            }
        }
    }

    /** One tiny run at load: a wrong output name or hidden size fails here, naming the descriptor, not at the first record. */
    private void checkOutput() throws EncoderException {
        try {
            embed(new String[] {"ok"});
        } catch (final IllegalStateException e) {
            throw new EncoderException("The encoder directory " + directory + " does not match its " + EncoderDescriptor.FILE_NAME
                    + ": " + e.getMessage(), e);
        }
    }

    private static String outputNames(final NDList outputs) {
        final List<String> names = new ArrayList<>();
        outputs.forEach(array -> names.add(array.getName()));
        return String.join(", ", names);
    }
}
