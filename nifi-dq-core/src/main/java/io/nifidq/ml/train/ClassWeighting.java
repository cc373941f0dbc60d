package io.nifidq.ml.train;

/** How the loss weighs each class. */
public enum ClassWeighting {
    /** Inverse frequency when the largest class is at least {@link #AUTO_RATIO} times the smallest, none otherwise. */
    AUTO,
    /** Every record counts the same. */
    NONE,
    /** Each class weighs n / (classes * count), so every class contributes equally to the loss. */
    INVERSE;

    /** The imbalance ratio (largest / smallest class) from which AUTO turns inverse weighting on. */
    public static final double AUTO_RATIO = 3.0;

    /** Weight per class for the given training counts (mean weight over records is 1). */
    public float[] weights(final int[] counts) {
        final float[] w = new float[counts.length];
        long total = 0;
        for (final int c : counts) {
            total += c;
        }
        final boolean inverse = this == INVERSE || this == AUTO && imbalanced(counts);
        for (int i = 0; i < w.length; i++) {
            w[i] = inverse && counts[i] > 0 ? (float) ((double) total / ((double) counts.length * counts[i])) : 1f;
        }
        return w;
    }

    /** Whether AUTO weighs these class counts: the largest class at least {@link #AUTO_RATIO} times the smallest. */
    public static boolean imbalanced(final int[] counts) {
        int max = 0;
        int min = Integer.MAX_VALUE;
        for (final int c : counts) {
            max = Math.max(max, c);
            min = Math.min(min, c);
        }
        return min > 0 && (double) max / min >= AUTO_RATIO;
    }
}
