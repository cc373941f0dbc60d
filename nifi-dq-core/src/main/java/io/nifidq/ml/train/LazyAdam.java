package io.nifidq.ml.train;

import java.util.HashMap;
import java.util.Map;

/**
 * Adam on Java arrays. The embedding table is updated row-sparse ("lazy Adam"): only the rows a batch
 * used, with their own rows of the two moment tables; the head is updated densely. Updating the whole
 * table every step is what made DJL's own Trainer slow (docs/benchmarks.md). Not thread-safe.
 */
final class LazyAdam {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final float learningRate;
    private final float[] tableM;
    private final float[] tableV;
    private final Map<String, float[][]> headMoments = new HashMap<>();
    private int step;
    private float stepSize;

    LazyAdam(final float learningRate, final int tableSize) {
        this.learningRate = learningRate;
        this.tableM = new float[tableSize];
        this.tableV = new float[tableSize];
    }

    /** Starts an optimizer step (bias correction uses the global step count). */
    void nextStep() {
        step++;
        final double c1 = 1 - Math.pow(BETA1, step);
        final double c2 = 1 - Math.pow(BETA2, step);
        stepSize = (float) (learningRate * Math.sqrt(c2) / c1);
    }

    /**
     * Updates the rows {@code rows[1..count)} of the table; {@code grad} holds their gradients row by
     * row at the same local positions (local row 0 is padding and is skipped).
     */
    void updateRows(final float[] table, final int dim, final int[] rows, final int count, final float[] grad) {
        for (int local = 1; local < count; local++) {
            final int base = rows[local] * dim;
            final int g = local * dim;
            for (int d = 0; d < dim; d++) {
                update(table, tableM, tableV, base + d, grad[g + d]);
            }
        }
    }

    void updateDense(final String name, final float[] param, final float[] grad) {
        final float[][] moments = headMoments.computeIfAbsent(name, k -> new float[][]{new float[param.length], new float[param.length]});
        for (int i = 0; i < param.length; i++) {
            update(param, moments[0], moments[1], i, grad[i]);
        }
    }

    private void update(final float[] p, final float[] m, final float[] v, final int i, final float g) {
        final float mi = BETA1 * m[i] + (1 - BETA1) * g;
        final float vi = BETA2 * v[i] + (1 - BETA2) * g * g;
        m[i] = mi;
        v[i] = vi;
        p[i] -= stepSize * mi / ((float) Math.sqrt(vi) + EPSILON);
    }
}
