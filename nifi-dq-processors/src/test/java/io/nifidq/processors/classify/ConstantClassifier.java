package io.nifidq.processors.classify;

import io.nifidq.service.api.TextClassifierService;
import org.apache.nifi.controller.AbstractControllerService;

import java.util.ArrayList;
import java.util.List;

/** A text classifier service that gives every text the same label with full confidence: tells which service classified. */
final class ConstantClassifier extends AbstractControllerService implements TextClassifierService {

    private final String label;

    ConstantClassifier(final String label) {
        this.label = label;
    }

    @Override
    public Classification classify(final List<String> texts, final int topK) {
        final List<Prediction> predictions = new ArrayList<>();
        for (final String text : texts) {
            predictions.add(text == null || text.isBlank() ? null : new Prediction(label, 1.0, List.of()));
        }
        return new Classification(predictions, "constant", "none");
    }

    @Override
    public List<String> labels() {
        return List.of(label);
    }

    @Override
    public String modelVersion() {
        return "constant";
    }

    @Override
    public String device() {
        return "none";
    }
}
