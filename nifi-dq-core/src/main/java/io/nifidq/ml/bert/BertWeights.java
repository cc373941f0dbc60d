package io.nifidq.ml.bert;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fine-tuned network's parameters copied off the device: what early stopping keeps of the best epoch, what a model version
 * stores ({@link BertFile}), and what a served model loads.
 *
 * @param shape  the encoder's size
 * @param values each parameter's values, row-major, by name, in {@link BertNetwork#parameters()} order
 * @param shapes each parameter's shape
 */
public record BertWeights(BertShape shape, Map<String, float[]> values, Map<String, long[]> shapes) {

    /** A copy of the network's current parameters. */
    public static BertWeights of(final BertNetwork network) {
        final Map<String, float[]> values = new LinkedHashMap<>();
        final Map<String, long[]> shapes = new LinkedHashMap<>();
        for (final Map.Entry<String, NDArray> parameter : network.parameters().entrySet()) {
            values.put(parameter.getKey(), parameter.getValue().toFloatArray());
            shapes.put(parameter.getKey(), parameter.getValue().getShape().getShape());
        }
        return new BertWeights(network.shape(), values, shapes);
    }

    /** A network on the device with these parameters. */
    public BertNetwork network(final Device device) {
        return BertNetwork.of(shape, values, shapes, device);
    }

    /** Classes of the head. */
    public int classes() {
        return (int) shapes.get(BertNetwork.CLASSIFIER_BIAS)[0];
    }
}
