package io.nifidq.service.api;

import org.apache.nifi.controller.ControllerService;

import java.util.List;

/**
 * A text classifier shared by every component of a node: it holds one model in memory and predicts
 * labels for batches of texts. The model is of either family TrainClassifier trains: hashed n-grams, or a
 * head on a pretrained encoder (whose texts longer than the encoder's maximum length are cut, and counted). Signatures use plain Java types only, so that the interface could move
 * to an API NAR without changing its callers.
 */
public interface TextClassifierService extends ControllerService {

    /**
     * Classifies texts, in order. A null or blank text gets a null prediction. Thread-safe.
     *
     * @param texts the texts of one batch; the service splits larger batches itself
     * @param topK  how many of the most probable labels each prediction lists (0: none)
     * @return one prediction (or null) per text, the model version and device that made them, and how many texts were
     * truncated
     * @throws IllegalStateException when no model is loaded (the service is not enabled)
     */
    Classification classify(List<String> texts, int topK);

    /** The labels the current model predicts, by class id. */
    List<String> labels();

    /** The version of the model that serves new requests, e.g. "v0003". */
    String modelVersion();

    /**
     * Where the current model runs: the device, e.g. "cpu()" or "gpu(0)", and for an encoder model ONNX Runtime's execution
     * provider, e.g. "cpu() (CPUExecutionProvider)" or "gpu(0) (CUDAExecutionProvider)"; null when no model is loaded.
     */
    String device();

    /**
     * The predictions of one call.
     *
     * @param predictions    one prediction (or null, for a blank text) per text, in order
     * @param modelVersion   the version that made them, e.g. "v0003"
     * @param device         where it ran, as {@link #device()} says
     * @param truncatedTexts how many texts were longer than the model reads and were cut to fit (an encoder's maximum
     *                       length in tokens; always 0 for an n-gram model)
     */
    record Classification(List<Prediction> predictions, String modelVersion, String device, int truncatedTexts) {

        /** Predictions of which no text was truncated. */
        public Classification(final List<Prediction> predictions, final String modelVersion, final String device) {
            this(predictions, modelVersion, device, 0);
        }
    }

    /** A label with its probability. */
    record LabelProbability(String label, double probability) {
    }

    /** The most probable label, its probability, and the top labels when asked for. */
    record Prediction(String label, double confidence, List<LabelProbability> top) {
    }
}
