package io.nifidq.ml.bert;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.internal.NDArrayEx;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;

import io.nifidq.ml.encoder.TokenBatch;
import io.nifidq.ml.model.DjlEngine;

import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * A BERT encoder with a classification head, as DJL NDArrays on the PyTorch engine, so that it can be trained (fine-tuned)
 * as well as run. The arithmetic is Hugging Face's BertModel (post-LayerNorm, exact GELU, the first token's hidden state as
 * the text's vector) and the parameters keep its names ({@code encoder.layer.0.attention.self.query.weight}), the matrices in
 * ONNX's {@code [in, out]} layout; the head is {@code classifier.weight [hidden, classes]} and {@code classifier.bias}.
 * Every array a forward pass makes lives in the caller's manager, so a pass is freed by closing it; the parameters live in
 * the network's own. Not thread-safe while training; forward passes without training may run at once.
 */
public final class BertNetwork implements AutoCloseable {

    public static final String CLASSIFIER_WEIGHT = "classifier.weight";
    public static final String CLASSIFIER_BIAS = "classifier.bias";
    /** Hugging Face's dropout for BERT's hidden states and attention probabilities, and for the classifier's input. */
    public static final float DROPOUT = 0.1f;
    /** Added to the attention scores of padding: the softmax gives them nothing. */
    private static final float MASKED = -1e9f;

    private final BertShape shape;
    private final NDManager manager;
    private final Map<String, NDArray> parameters;
    private final int classes;

    private BertNetwork(final BertShape shape, final NDManager manager, final Map<String, NDArray> parameters, final int classes) {
        this.shape = shape;
        this.manager = manager;
        this.parameters = Collections.unmodifiableMap(parameters);
        this.classes = classes;
    }

    /**
     * The network from an encoder's ONNX weights and a new head for the given classes (Hugging Face's initialisation: normal
     * with standard deviation 0.02, zero bias). {@code classes} 0 gives an encoder without a head.
     */
    public static BertNetwork fromOnnx(final OnnxTensors tensors, final int classes, final long seed, final Device device) {
        final BertShape shape = shapeOf(tensors);
        final Map<String, float[]> values = new LinkedHashMap<>();
        final Map<String, long[]> shapes = new LinkedHashMap<>();
        for (final String name : parameterNames(shape)) {
            final OnnxTensors.Tensor tensor = tensors.get(name);
            if (tensor == null) {
                throw new IllegalArgumentException("the encoder has no weight " + name + " (is it a BERT exported from Hugging Face?)");
            }
            values.put(name, tensor.data());
            shapes.put(name, tensor.shape());
        }
        if (classes > 0) {
            final Random random = new Random(seed);
            final float[] weight = new float[shape.hidden() * classes];
            for (int i = 0; i < weight.length; i++) {
                weight[i] = (float) (random.nextGaussian() * 0.02);
            }
            values.put(CLASSIFIER_WEIGHT, weight);
            shapes.put(CLASSIFIER_WEIGHT, new long[] {shape.hidden(), classes});
            values.put(CLASSIFIER_BIAS, new float[classes]);
            shapes.put(CLASSIFIER_BIAS, new long[] {classes});
        }
        return of(shape, values, shapes, device);
    }

    /** A network from named parameters (as {@link BertFile} reads them); the head's presence decides {@link #classes()}. */
    public static BertNetwork of(final BertShape shape, final Map<String, float[]> values, final Map<String, long[]> shapes,
                                 final Device device) {
        final NDManager manager = NDManager.newBaseManager(device, "PyTorch");
        try {
            final Map<String, NDArray> parameters = new LinkedHashMap<>();
            for (final Map.Entry<String, float[]> value : values.entrySet()) {
                final NDArray array = manager.create(value.getValue(), new Shape(shapes.get(value.getKey())));
                array.setName(value.getKey());
                parameters.put(value.getKey(), array);
            }
            final NDArray head = parameters.get(CLASSIFIER_BIAS);
            return new BertNetwork(shape, manager, parameters, head == null ? 0 : (int) head.getShape().get(0));
        } catch (final RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The shape the weights give: layer count, sizes, and the head count from the graph. */
    public static BertShape shapeOf(final OnnxTensors tensors) {
        final OnnxTensors.Tensor words = tensors.get("embeddings.word_embeddings.weight");
        final OnnxTensors.Tensor positions = tensors.get("embeddings.position_embeddings.weight");
        final OnnxTensors.Tensor intermediate = tensors.get("encoder.layer.0.intermediate.dense.bias");
        if (words == null || positions == null || intermediate == null) {
            throw new IllegalArgumentException("the encoder's weights are not a BERT's (no embeddings.word_embeddings.weight, "
                    + "embeddings.position_embeddings.weight or encoder.layer.0.intermediate.dense.bias)");
        }
        final int hidden = (int) words.shape()[1];
        int layers = 0;
        while (tensors.get("encoder.layer." + layers + ".output.LayerNorm.weight") != null) {
            layers++;
        }
        final int heads = tensors.attentionHeads(hidden);
        if (heads == 0) {
            throw new IllegalArgumentException("the encoder's graph does not show its attention head count (no reshape of the first "
                    + "layer's attention to [batch, length, heads, headSize])");
        }
        return new BertShape(layers, hidden, heads, (int) intermediate.shape()[0], (int) words.shape()[0], (int) positions.shape()[0]);
    }

    /** The encoder's parameter names, in the order they are stored. */
    public static List<String> parameterNames(final BertShape shape) {
        final List<String> names = new ArrayList<>();
        for (final String embedding : new String[] {"word_embeddings", "position_embeddings", "token_type_embeddings"}) {
            names.add("embeddings." + embedding + ".weight");
        }
        names.add("embeddings.LayerNorm.weight");
        names.add("embeddings.LayerNorm.bias");
        for (int layer = 0; layer < shape.layers(); layer++) {
            final String prefix = "encoder.layer." + layer + ".";
            for (final String dense : new String[] {"attention.self.query", "attention.self.key", "attention.self.value",
                    "attention.output.dense", "attention.output.LayerNorm", "intermediate.dense", "output.dense", "output.LayerNorm"}) {
                names.add(prefix + dense + ".weight");
                names.add(prefix + dense + ".bias");
            }
        }
        return names;
    }

    /**
     * The hidden states {@code [rows, length, hidden]} of a padded batch of token ids.
     *
     * @param call     the manager the pass's arrays live in
     * @param ids      row-major {@code [rows, length]} token ids, padded
     * @param mask     1 for a token, 0 for padding
     * @param training whether dropout applies
     */
    public NDArray hiddenStates(final NDManager call, final long[] ids, final long[] mask, final int rows, final int length,
                                final boolean training) {
        final Shape batch = new Shape(rows, length);
        final NDArray tokenIds = call.create(LongBuffer.wrap(ids), batch, DataType.INT64);
        final NDArray positionIds = call.arange(0, length, 1, DataType.INT64);
        final NDArray typeIds = call.zeros(batch, DataType.INT64);
        final NDArray maskBias = call.create(LongBuffer.wrap(mask), batch, DataType.INT64).toType(DataType.FLOAT32, false)
                .neg().add(1).mul(MASKED).reshape(rows, 1, 1, length);
        NDArray x = embed(tokenIds, "word_embeddings").add(embed(positionIds, "position_embeddings"))
                .add(embed(typeIds, "token_type_embeddings"));
        x = dropout(layerNorm(x, "embeddings.LayerNorm"), training);
        for (int layer = 0; layer < shape.layers(); layer++) {
            x = layer(x, maskBias, "encoder.layer." + layer + ".", rows, length, training);
        }
        return x;
    }

    /** The class logits {@code [rows, classes]}: the first token's hidden state, dropout, the classifier. */
    public NDArray logits(final NDManager call, final long[] ids, final long[] mask, final int rows, final int length,
                          final boolean training) {
        if (classes == 0) {
            throw new IllegalStateException("this network has no classification head");
        }
        final NDArray first = firstToken(hiddenStates(call, ids, mask, rows, length, training));
        return dense(dropout(first, training), "classifier");
    }

    /**
     * Class probabilities of token id sequences, without dropout, in the sequences' order, in batches of at most batchSize
     * texts of similar length.
     */
    public float[][] probabilities(final List<long[]> sequences, final int batchSize) {
        return inBatchesByLength(sequences, batchSize, this::probabilities);
    }

    /** The first token's hidden state of each sequence (not normalised), without dropout, in the sequences' order. */
    public float[][] sentenceVectors(final List<long[]> sequences, final int batchSize) {
        return inBatchesByLength(sequences, batchSize, batch -> {
            try (NoGradient off = new NoGradient(); NDManager call = manager.newSubManager()) {
                return rows(firstToken(hiddenStates(call, batch.ids(), batch.mask(), batch.rows(), batch.length(), false))
                        .toFloatArray(), batch.rows());
            }
        });
    }

    /** Sorted by length first, so that a batch pads little; the results come back in the sequences' order. */
    private static float[][] inBatchesByLength(final List<long[]> sequences, final int batchSize,
                                               final Function<TokenBatch, float[][]> run) {
        final Integer[] byLength = new Integer[sequences.size()];
        for (int i = 0; i < byLength.length; i++) {
            byLength[i] = i;
        }
        Arrays.sort(byLength, Comparator.comparingInt(i -> sequences.get(i).length));
        final float[][] out = new float[byLength.length][];
        for (int from = 0; from < byLength.length; from += batchSize) {
            final int to = Math.min(byLength.length, from + batchSize);
            final long[][] batch = new long[to - from][];
            for (int i = from; i < to; i++) {
                batch[i - from] = sequences.get(byLength[i]);
            }
            final float[][] results = run.apply(TokenBatch.of(batch));
            for (int i = from; i < to; i++) {
                out[byLength[i]] = results[i - from];
            }
        }
        return out;
    }

    private static float[][] rows(final float[] flat, final int rows) {
        final int width = flat.length / rows;
        final float[][] out = new float[rows][];
        for (int row = 0; row < rows; row++) {
            out[row] = Arrays.copyOfRange(flat, row * width, (row + 1) * width);
        }
        return out;
    }

    /** Class probabilities of one padded batch, without dropout. */
    private float[][] probabilities(final TokenBatch batch) {
        try (NoGradient off = new NoGradient(); NDManager call = manager.newSubManager()) {
            return rows(logits(call, batch.ids(), batch.mask(), batch.rows(), batch.length(), false).softmax(1).toFloatArray(),
                    batch.rows());
        }
    }

    /** The first token's ([CLS]) hidden state of each row, {@code [rows, hidden]}. */
    public static NDArray firstToken(final NDArray hiddenStates) {
        return hiddenStates.get(":, 0, :");
    }

    private NDArray layer(final NDArray input, final NDArray maskBias, final String prefix, final int rows, final int length,
                          final boolean training) {
        final NDArray query = heads(dense(input, prefix + "attention.self.query"), rows, length);
        final NDArray key = heads(dense(input, prefix + "attention.self.key"), rows, length);
        final NDArray value = heads(dense(input, prefix + "attention.self.value"), rows, length);
        final NDArray scale = DjlEngine.constant(input.getManager(), (float) Math.sqrt(shape.headSize()));
        final NDArray scores = query.matMul(key.transpose(0, 1, 3, 2)).div(scale).add(maskBias);
        final NDArray context = dropout(scores.softmax(-1), training).matMul(value)
                .transpose(0, 2, 1, 3).reshape(rows, length, shape.hidden());
        final NDArray attended = layerNorm(dropout(dense(context, prefix + "attention.output.dense"), training).add(input),
                prefix + "attention.output.LayerNorm");
        final NDArray inner = dense(attended, prefix + "intermediate.dense");
        final NDArray output = dense(ex(inner).gelu(), prefix + "output.dense");
        return layerNorm(dropout(output, training).add(attended), prefix + "output.LayerNorm");
    }

    /** {@code [rows, length, hidden]} to {@code [rows, heads, length, headSize]}. */
    private NDArray heads(final NDArray x, final int rows, final int length) {
        return x.reshape(rows, length, shape.heads(), shape.headSize()).transpose(0, 2, 1, 3);
    }

    private NDArray dense(final NDArray x, final String name) {
        return x.matMul(parameters.get(name + ".weight")).add(parameters.get(name + ".bias"));
    }

    private NDArray embed(final NDArray ids, final String table) {
        return ex(ids).embedding(ids, parameters.get("embeddings." + table + ".weight"), SparseFormat.DENSE).singletonOrThrow();
    }

    private NDArray layerNorm(final NDArray x, final String name) {
        return ex(x).layerNorm(x, new Shape(shape.hidden()), parameters.get(name + ".weight"), parameters.get(name + ".bias"),
                BertShape.LAYER_NORM_EPSILON).singletonOrThrow();
    }

    private static NDArray dropout(final NDArray x, final boolean training) {
        return training ? ex(x).dropout(x, DROPOUT, true).singletonOrThrow() : x;
    }

    private static NDArrayEx ex(final NDArray x) {
        return x.getNDArrayInternal();
    }

    public BertShape shape() {
        return shape;
    }

    /** Classes of the head, 0 without one. */
    public int classes() {
        return classes;
    }

    /** The parameters by name, in storage order (the encoder's, then the head's). */
    public Map<String, NDArray> parameters() {
        return parameters;
    }

    public Device device() {
        return manager.getDevice();
    }

    @Override
    public void close() {
        manager.close();
    }
}
