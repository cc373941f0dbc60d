package io.nifidq.ml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one class that builds every TrainClassifier network, for training and for serving alike.
 * Input: hashed feature ids {@code [batch, length]} (int64, 0 = padding). The ids are looked up in the
 * embedding table; the head then either averages the non-padding embeddings and applies a linear layer
 * (FASTTEXT) or runs convolutions of widths 2, 3 and 4, max-pools them over time, applies dropout
 * (training only) and a linear layer (TEXTCNN). Output: logits {@code [batch, classes]}.
 *
 * <p>The trainer does not run the embedding lookup through the full table: it gathers the rows a batch
 * uses into a small array and calls {@link #head} with it, which is the same arithmetic as
 * {@link #forward} on the full table.
 */
public final class HashedTextNetwork extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final float DROPOUT = 0.5f;

    private final NetworkSpec spec;
    private final Parameter embedding;
    private final Map<String, Parameter> headParameters = new LinkedHashMap<>();

    public HashedTextNetwork(final NetworkSpec spec) {
        super(VERSION);
        this.spec = spec;
        // No shapes here: the arrays come from setWeights (training) or from the parameter file (loading).
        this.embedding = addParameter(Parameter.builder().setName("embedding").setType(Parameter.Type.WEIGHT).build());
        for (final Map.Entry<String, long[]> e : spec.headShapes().entrySet()) {
            final Parameter.Type type = e.getKey().endsWith("bias") ? Parameter.Type.BIAS : Parameter.Type.WEIGHT;
            headParameters.put(e.getKey(), addParameter(Parameter.builder().setName(e.getKey()).setType(type).build()));
        }
    }

    public NetworkSpec spec() {
        return spec;
    }

    /** Sets every parameter from the Java weights (arrays are created on the manager's device). */
    public void setWeights(final NDManager manager, final NetworkWeights weights) {
        if (!weights.spec().equals(spec)) {
            throw new IllegalArgumentException("weights of " + weights.spec() + " do not fit " + spec);
        }
        embedding.setArray(manager.create(weights.embedding(), new Shape(spec.rows(), spec.dim())));
        for (final Map.Entry<String, long[]> e : spec.headShapes().entrySet()) {
            headParameters.get(e.getKey()).setArray(manager.create(weights.head().get(e.getKey()), new Shape(e.getValue())));
        }
    }

    /**
     * For FASTTEXT: the linear layer folded into the embedding table, {@code [rows * classes]} row-major,
     * followed by the bias. Because the head is the mean of the ids' embeddings then an affine map,
     * logits = mean over ids of (E W^T)[id] + b: per text, a sum of {@code classes} numbers per id
     * instead of {@code dim}. Computed on the model's device; null for other types.
     */
    public float[][] foldedLinearHead() {
        if (spec.type() != ModelType.FASTTEXT) {
            return null;
        }
        final NDArray weight = headParameters.get("linear_weight").getArray();
        try (NDManager scope = weight.getManager().newSubManager()) {
            final NDArray folded = embedding.getArray().matMul(weight.transpose());
            folded.attach(scope);
            return new float[][] {folded.toFloatArray(), headParameters.get("linear_bias").getArray().toFloatArray()};
        }
    }

    @Override
    protected NDList forwardInternal(final ParameterStore store, final NDList inputs, final boolean training,
                                     final PairList<String, Object> params) {
        final NDArray ids = inputs.singletonOrThrow();
        final NDArray table = store.getValue(embedding, ids.getDevice(), training);
        final Map<String, NDArray> head = new LinkedHashMap<>();
        headParameters.forEach((name, p) -> head.put(name, store.getValue(p, ids.getDevice(), training)));
        return new NDList(head(spec, lookup(table, ids), ids.neq(0).toType(DataType.FLOAT32, false), head, training));
    }

    /** Rows of {@code table} for each id: {@code [batch, length, dim]}. */
    public static NDArray lookup(final NDArray table, final NDArray ids) {
        final Shape shape = ids.getShape();
        final NDArray rows = table.get(ids.reshape(-1));
        // A result of an operation on the table belongs to the table's (long-lived) manager: hand it to the
        // batch's, or every call would leak its rows until the model is closed.
        rows.attach(ids.getManager());
        return rows.reshape(shape.get(0), shape.get(1), table.getShape().get(1));
    }

    /**
     * The network after the lookup.
     *
     * @param embedded {@code [batch, length, dim]}, zero rows at padding
     * @param mask {@code [batch, length]}, 1 for real ids, 0 for padding
     * @param head the head parameters by name
     * @return logits {@code [batch, classes]}
     */
    public static NDArray head(final NetworkSpec spec, final NDArray embedded, final NDArray mask,
                               final Map<String, NDArray> head, final boolean training) {
        if (spec.type() == ModelType.FASTTEXT) {
            final NDArray counts = mask.sum(new int[]{1}, true).maximum(1f);
            final NDArray mean = embedded.mul(mask.expandDims(2)).sum(new int[]{1}).div(counts);
            return Linear.linear(mean, head.get("linear_weight"), head.get("linear_bias")).singletonOrThrow();
        }
        final NDArray channels = embedded.mul(mask.expandDims(2)).transpose(0, 2, 1);
        final List<NDArray> pooled = new ArrayList<>();
        for (final int k : spec.kernels()) {
            final NDArray conv = Conv1d.conv1d(channels, head.get("conv" + k + "_weight"), head.get("conv" + k + "_bias"))
                    .singletonOrThrow();
            pooled.add(Activation.relu(conv).max(new int[]{2}));
        }
        NDArray features = NDArrays.concat(new NDList(pooled), 1);
        if (training) {
            features = Dropout.dropout(features, DROPOUT, true).singletonOrThrow();
        }
        return Linear.linear(features, head.get("linear_weight"), head.get("linear_bias")).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(final Shape[] inputShapes) {
        return new Shape[]{new Shape(inputShapes[0].get(0), spec.classes())};
    }
}
