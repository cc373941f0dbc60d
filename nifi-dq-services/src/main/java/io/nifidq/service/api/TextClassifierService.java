package io.nifidq.service.api;

import org.apache.nifi.controller.ControllerService;

import java.util.List;

/**
 * A text classifier shared by every component of a node: it holds one model in memory and predicts
 * labels for batches of texts. Signatures use plain Java types only, so that the interface could move
 * to an API NAR without changing its callers.
 */
public interface TextClassifierService extends ControllerService {

    /**
     * Classifies texts, in order. A null or blank text gets a null prediction. Thread-safe.
     *
     * @param texts the texts of one batch; the service splits larger batches itself
     * @param topK  how many of the most probable labels each prediction lists (0: none)
     * @return one prediction (or null) per text, and the model version and device that made them
     * @throws IllegalStateException when no model is loaded (the service is not enabled)
     */
    Classification classify(List<String> texts, int topK);

    /** The labels the current model predicts, by class id. */
    List<String> labels();

    /** The version of the model that serves new requests, e.g. "v0003". */
    String modelVersion();

    /** Where the model runs, e.g. "cpu()" or "gpu(0)". */
    String device();

    /** The predictions of one call. */
    record Classification(List<Prediction> predictions, String modelVersion, String device) {
    }

    /** A label with its probability. */
    record LabelProbability(String label, double probability) {
    }

    /** The most probable label, its probability, and the top labels when asked for. */
    record Prediction(String label, double confidence, List<LabelProbability> top) {
    }
}
