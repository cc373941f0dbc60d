package io.nifidq.ml.head;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shape of a classification head on sentence vectors: a softmax regression ({@code hidden == 0}) or a small MLP with
 * one ReLU hidden layer.
 *
 * @param inputs      the length of a sentence vector
 * @param hidden      hidden units, 0 for a softmax regression
 * @param classes     number of labels
 * @param weightDecay the L2 strength it trains with (part of the candidate, chosen on validation with the shape)
 */
public record HeadSpec(int inputs, int hidden, int classes, float weightDecay) {

    public HeadSpec {
        if (inputs < 1 || hidden < 0 || classes < 2 || weightDecay < 0) {
            throw new IllegalArgumentException("a head needs inputs >= 1, hidden >= 0, classes >= 2 and weightDecay >= 0, not "
                    + inputs + ", " + hidden + ", " + classes + ", " + weightDecay);
        }
    }

    public static HeadSpec linear(final int inputs, final int classes, final float weightDecay) {
        return new HeadSpec(inputs, 0, classes, weightDecay);
    }

    public static HeadSpec mlp(final int inputs, final int hidden, final int classes, final float weightDecay) {
        return new HeadSpec(inputs, hidden, classes, weightDecay);
    }

    @JsonIgnore // derived from hidden; Jackson would otherwise write a "linear" property that reading refuses
    public boolean isLinear() {
        return hidden == 0;
    }

    /** "linear" or "mlp 256", as reports and logs name it. */
    public String describe() {
        return isLinear() ? "linear" : "mlp " + hidden;
    }

    /** Parameter names and shapes ({@code [out, in]} for weights), in a fixed order. */
    public Map<String, int[]> shapes() {
        final Map<String, int[]> shapes = new LinkedHashMap<>();
        if (isLinear()) {
            shapes.put("output_weight", new int[]{classes, inputs});
        } else {
            shapes.put("hidden_weight", new int[]{hidden, inputs});
            shapes.put("hidden_bias", new int[]{hidden});
            shapes.put("output_weight", new int[]{classes, hidden});
        }
        shapes.put("output_bias", new int[]{classes});
        return shapes;
    }
}
