package io.nifidq.ml.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shape of a {@link HashedTextNetwork}: enough to rebuild it before loading its parameters.
 *
 * @param type architecture
 * @param rows embedding rows (hash buckets + the padding row 0)
 * @param dim embedding size
 * @param classes number of labels
 * @param filters convolution filters per width (TEXTCNN only)
 * @param kernels convolution widths (TEXTCNN only)
 */
public record NetworkSpec(ModelType type, int rows, int dim, int classes, int filters, int[] kernels) {

    public NetworkSpec {
        if (rows < 2 || dim < 1 || classes < 2) {
            throw new IllegalArgumentException("a network needs rows >= 2, dim >= 1, classes >= 2");
        }
        kernels = kernels == null ? new int[0] : kernels.clone();
    }

    public static NetworkSpec fastText(final int rows, final int dim, final int classes) {
        return new NetworkSpec(ModelType.FASTTEXT, rows, dim, classes, 0, new int[0]);
    }

    public static NetworkSpec textCnn(final int rows, final int dim, final int classes, final int filters) {
        return new NetworkSpec(ModelType.TEXTCNN, rows, dim, classes, filters, new int[]{2, 3, 4});
    }

    /** The shortest padded length the network accepts (a convolution needs at least its width). */
    public int minLength() {
        return Arrays.stream(kernels).max().orElse(1);
    }

    /** The head's parameter names and shapes, in a fixed order (the embedding is not part of the head). */
    public Map<String, long[]> headShapes() {
        final Map<String, long[]> shapes = new LinkedHashMap<>();
        if (type == ModelType.FASTTEXT) {
            shapes.put("linear_weight", new long[]{classes, dim});
            shapes.put("linear_bias", new long[]{classes});
        } else {
            for (final int k : kernels) {
                shapes.put("conv" + k + "_weight", new long[]{filters, dim, k});
                shapes.put("conv" + k + "_bias", new long[]{filters});
            }
            shapes.put("linear_weight", new long[]{classes, (long) filters * kernels.length});
            shapes.put("linear_bias", new long[]{classes});
        }
        return shapes;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof NetworkSpec s && s.type == type && s.rows == rows && s.dim == dim && s.classes == classes
                && s.filters == filters && Arrays.equals(s.kernels, kernels);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Objects.hash(type, rows, dim, classes, filters) + Arrays.hashCode(kernels);
    }

    @Override
    public String toString() {
        return type + "[rows=" + rows + ", dim=" + dim + ", classes=" + classes + ", filters=" + filters
                + ", kernels=" + Arrays.toString(kernels) + "]";
    }
}
