package io.nifidq.ml.train;

import io.nifidq.ml.eval.ClassificationReport;

import java.util.List;

/**
 * Everything a TrainClassifier run produced, before anything is written.
 *
 * @param labels         label names, index = class id
 * @param model          the final model, as its family publishes it
 * @param outcome        the final training run (weights of the best epoch)
 * @param evaluation     per-class and averaged scores on the held-out test split
 * @param evaluatedOn    "test", or "validation" when the test split came out empty
 * @param suspects       suspected label errors (empty when label-noise handling is off)
 * @param trainingReport the evaluation report
 */
public record TrainingJobResult(List<String> labels, TrainedModel model, TrainingOutcome<?> outcome,
                                ClassificationReport evaluation, String evaluatedOn, List<Suspect> suspects,
                                TrainingReport trainingReport) {
}
