package io.nifidq.ml.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.nifidq.ml.model.HashedTextNetwork;
import io.nifidq.ml.model.NetworkWeights;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One batch with its embedding rows gathered: the distinct ids of the batch become local ids 1..n-1
 * (0 stays padding), and only those rows of the table are copied into the batch's own small array.
 * Texts are padded to the batch's longest text, not the data set's. Not thread-safe; reused across
 * batches to avoid allocation.
 */
final class GatheredBatch {

    private final NetworkWeights weights;
    private final int dim;
    private final int[] localOf;
    private final int[] stampOf;
    private int stamp;

    int[] rows = new int[1024];
    int rowCount;
    int size;
    int length;
    long[] localIds = new long[0];
    float[] mask = new float[0];

    GatheredBatch(final NetworkWeights weights) {
        this.weights = weights;
        this.dim = weights.spec().dim();
        this.localOf = new int[weights.spec().rows()];
        this.stampOf = new int[weights.spec().rows()];
    }

    /** Gathers the given records' ids. */
    void gather(final List<int[]> features, final int[] indices, final int from, final int to) {
        stamp++;
        size = to - from;
        int longest = weights.spec().minLength();
        for (int i = from; i < to; i++) {
            longest = Math.max(longest, features.get(indices[i]).length);
        }
        length = longest;
        final int cells = size * length;
        if (localIds.length < cells) {
            localIds = new long[cells];
            mask = new float[cells];
        }
        rowCount = 1;
        rows[0] = 0;
        int cell = 0;
        for (int i = from; i < to; i++) {
            final int[] ids = features.get(indices[i]);
            for (int j = 0; j < length; j++, cell++) {
                if (j < ids.length) {
                    final int id = ids[j];
                    if (stampOf[id] != stamp) {
                        stampOf[id] = stamp;
                        if (rowCount == rows.length) {
                            rows = java.util.Arrays.copyOf(rows, rows.length * 2);
                        }
                        rows[rowCount] = id;
                        localOf[id] = rowCount++;
                    }
                    localIds[cell] = localOf[id];
                    mask[cell] = 1f;
                } else {
                    localIds[cell] = 0;
                    mask[cell] = 0f;
                }
            }
        }
    }

    /** The gathered rows as an array on the manager: {@code [rowCount, dim]}, row 0 zero. */
    NDArray subTable(final NDManager manager) {
        final float[] sub = new float[rowCount * dim];
        final float[] table = weights.embedding();
        for (int r = 1; r < rowCount; r++) {
            System.arraycopy(table, rows[r] * dim, sub, r * dim, dim);
        }
        return manager.create(sub, new Shape(rowCount, dim));
    }

    NDArray ids(final NDManager manager) {
        return manager.create(java.util.Arrays.copyOf(localIds, size * length), new Shape(size, length));
    }

    NDArray mask(final NDManager manager) {
        return manager.create(java.util.Arrays.copyOf(mask, size * length), new Shape(size, length));
    }

    Map<String, NDArray> head(final NDManager manager) {
        final Map<String, NDArray> head = new LinkedHashMap<>();
        weights.spec().headShapes().forEach((name, shape) -> head.put(name, manager.create(weights.head().get(name), new Shape(shape))));
        return head;
    }

    /** Logits {@code [size, classes]} for the gathered batch. */
    NDArray logits(final NDArray sub, final NDManager manager, final Map<String, NDArray> head, final boolean training) {
        return HashedTextNetwork.head(weights.spec(), HashedTextNetwork.lookup(sub, ids(manager)), mask(manager), head, training);
    }
}
