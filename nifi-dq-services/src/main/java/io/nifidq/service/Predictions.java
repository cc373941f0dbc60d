package io.nifidq.service;

import io.nifidq.ml.serving.ServedModel;
import io.nifidq.service.api.TextClassifierService;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** Turns a model's class probabilities into predictions; blank texts are not sent to the model and get null. */
final class Predictions {

    private Predictions() {
    }

    /** The predictions of one call and how many of its texts the model cut to fit. */
    record Scored(List<TextClassifierService.Prediction> predictions, int truncatedTexts) {
    }

    /** The predictions of the texts, the present ones sent to the model in forward passes of at most batchSize texts. */
    static Scored of(final ServedModel model, final List<String> texts, final int topK, final int batchSize) {
        final List<String> present = new ArrayList<>(texts.size());
        for (final String text : texts) {
            if (text != null && !text.isBlank()) {
                present.add(text);
            }
        }
        final ServedModel.Scores scores = present.isEmpty() ? new ServedModel.Scores(new float[0][], 0) : model.score(present, batchSize);
        final float[][] probabilities = scores.probabilities();
        final List<TextClassifierService.Prediction> predictions = new ArrayList<>(texts.size());
        int next = 0;
        for (final String text : texts) {
            predictions.add(text == null || text.isBlank() ? null : prediction(model.labels(), probabilities[next++], topK));
        }
        return new Scored(predictions, scores.truncatedTexts());
    }

    static TextClassifierService.Prediction prediction(final List<String> labels, final float[] probabilities, final int topK) {
        final Integer[] order = IntStream.range(0, probabilities.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer c) -> probabilities[c]).reversed().thenComparingInt(c -> c));
        final List<TextClassifierService.LabelProbability> top = new ArrayList<>();
        for (int k = 0; k < Math.min(topK, order.length); k++) {
            top.add(new TextClassifierService.LabelProbability(labels.get(order[k]), probabilities[order[k]]));
        }
        return new TextClassifierService.Prediction(labels.get(order[0]), probabilities[order[0]], List.copyOf(top));
    }
}
