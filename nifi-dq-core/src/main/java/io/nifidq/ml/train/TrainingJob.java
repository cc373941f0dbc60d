package io.nifidq.ml.train;

import io.nifidq.ml.eval.ClassificationReport;
import io.nifidq.ml.model.DjlEngine;
import io.nifidq.ml.model.ModelType;
import io.nifidq.ml.split.SplitPlan;

import java.util.List;
import java.util.stream.IntStream;

/**
 * One whole TrainClassifier run without NiFi, in steps: featurize each record once and check that the records can be
 * trained on; split (stratified, augmented records stay with their source and only in training); optionally find
 * suspected label errors from k-fold out-of-fold probabilities (confident learning) and flag, prune or relabel them; train
 * the final model; evaluate it on the test split; report. The model family decides how texts become inputs and how
 * models are trained; the steps are the same for every family.
 */
public final class TrainingJob {

    private final JobSettings settings;
    private final ModelFamily<?, ?> family;

    /** A job of the n-gram family the training settings describe. */
    public TrainingJob(final JobSettings settings) {
        this(settings, new NgramModelFamily(settings.training()));
    }

    public TrainingJob(final JobSettings settings, final ModelFamily<?, ?> family) {
        this.settings = settings;
        this.family = family;
    }

    public TrainingJobResult run(final TrainingData data, final EpochListener listener) throws UntrainableInputException {
        return run(family, data, listener);
    }

    private <X, W> TrainingJobResult run(final ModelFamily<X, W> models, final TrainingData data, final EpochListener listener)
            throws UntrainableInputException {
        final long start = System.nanoTime();
        final LabelledInputs<X> records = LabelledInputs.of(data, models.featurizer());
        checkClasses(records);
        final SplitPlan plan = JobSplit.plan(settings, data, records);
        // Automatic class weights are decided on the classes as given: pruning or relabelling the noisy part of a class can
        // make it look small, and weighting up what is left of it would weigh up the noise that remains there too.
        final ClassifierTrainer<X, W> trainer = models.trainer(finalWeighting(records.labels(), plan.train(), records.classes()));
        final LabelNoisePasses.Outcome noise = LabelNoisePasses.run(models, settings, data, records, plan, listener);
        listener.stageStarted(TrainingStage.finalModel(noise.train().length));
        final TrainingOutcome<W> outcome = trainer.train(records.inputs(), noise.labels(), records.classes(), noise.train(),
                plan.validation(), listener);
        final boolean onValidation = plan.test().length == 0;
        final ClassificationReport evaluation = evaluate(trainer, outcome, records, onValidation ? plan.validation() : plan.test());
        final String evaluatedOn = onValidation ? "validation" : "test";
        final TrainedModel model = models.trainedModel(outcome.weights(), records.labelNames());
        final TrainingReport report = new TrainingReport(evaluation.summary(), evaluatedOn, records(data, records),
                TrainingReport.Splits.of(plan, noise.train(), records.augmented(), noise.relabelled()),
                TrainingReport.Training.of(settings, ModelType.valueOf(model.modelType()), outcome,
                        (System.nanoTime() - start) / 1e9, DjlEngine.describe(), models.encoderReport(outcome.weights())),
                new TrainingReport.LabelNoise(settings.labelNoise(), noise.suspects().size()), null, null);
        return new TrainingJobResult(records.labelNames(), model, outcome, evaluation, evaluatedOn, noise.suspects(), report);
    }

    private void checkClasses(final LabelledInputs<?> records) throws UntrainableInputException {
        final List<String> labelNames = records.labelNames();
        if (labelNames.size() < 2) {
            throw new UntrainableInputException("only one class (" + labelNames.get(0) + "): a classifier needs at least two labels");
        }
        final int[] originalsPerClass = records.originalsPerClass();
        for (int c = 0; c < labelNames.size(); c++) {
            if (originalsPerClass[c] < settings.minRecordsPerClass()) {
                throw new UntrainableInputException("too few records for class '" + labelNames.get(c) + "': "
                        + originalsPerClass[c] + " original records, at least " + settings.minRecordsPerClass() + " needed");
            }
        }
    }

    /** The configured weighting, except that Prune and Relabel decide AUTO on the training records before they change them. */
    private ClassWeighting finalWeighting(final int[] labels, final int[] train, final int classes) {
        final ClassWeighting configured = settings.training().classWeighting();
        final LabelNoiseHandling noise = settings.labelNoise();
        if (noise != LabelNoiseHandling.PRUNE && noise != LabelNoiseHandling.RELABEL || configured != ClassWeighting.AUTO) {
            return configured;
        }
        final boolean imbalanced = ClassWeighting.imbalanced(TextClassifierTrainer.counts(labels, train, classes));
        return imbalanced ? ClassWeighting.INVERSE : ClassWeighting.NONE;
    }

    private static <X, W> ClassificationReport evaluate(final ClassifierTrainer<X, W> trainer, final TrainingOutcome<W> outcome,
                                                     final LabelledInputs<X> records, final int[] evaluated) {
        final int[] truth = IntStream.of(evaluated).map(i -> records.labels()[i]).toArray();
        final int[] predicted = TextClassifierTrainer.argmax(trainer.probabilities(outcome.weights(), records.inputs(), evaluated));
        return ClassificationReport.of(records.labelNames(), truth, predicted);
    }

    private static TrainingReport.Records records(final TrainingData data, final LabelledInputs<?> records) {
        return new TrainingReport.Records(data.added(), data.missingLabel(), data.missingText(), records.unusable(), records.size(),
                records.augmentedCount());
    }
}
