package io.nifidq.ml.train;

import java.util.function.DoubleSupplier;

/**
 * The epoch loop every trainer of a job runs: each epoch runs its batches until its order ends or the time budget does,
 * is scored on validation and reported, and training stops at max epochs, on early stopping or at the time budget.
 */
final class EpochLoop {

    private EpochLoop() {
    }

    /** One step on the batch order[from, to): its loss. */
    @FunctionalInterface
    interface BatchStep {
        double run(int[] order, int from, int to);
    }

    /** One epoch's training: one or more {@link Batches#pass passes} over an order of the training records. */
    @FunctionalInterface
    interface Epoch {
        void run(Batches batches);
    }

    /** The batches of one epoch: their summed loss, their count, and whether the time budget ran out. */
    static final class Batches {

        private final int batchSize;
        private final long start;
        private final long budgetNanos;
        private double lossSum;
        private int steps;
        private boolean outOfTime;

        private Batches(final TrainingSettings settings, final long start) {
            this.batchSize = settings.batchSize();
            this.budgetNanos = settings.timeBudget().toNanos();
            this.start = start;
        }

        /** Steps through the order batch by batch, stopping after the batch that runs past the time budget. */
        void pass(final int[] order, final BatchStep step) {
            for (int from = 0; from < order.length; from += batchSize) {
                final int to = Math.min(order.length, from + batchSize);
                lossSum += step.run(order, from, to);
                steps++;
                if (System.nanoTime() - start > budgetNanos) {
                    outOfTime = true;
                    return;
                }
            }
        }

        int steps() {
            return steps;
        }

        boolean outOfTime() {
            return outOfTime;
        }
    }

    /**
     * Runs the epochs.
     *
     * @param start when training started ({@link System#nanoTime()}), for the time budget and the reported times
     * @param weights the weights the epochs train, offered to early stopping after each
     * @param validationF1 the current weights' validation macro-F1, NaN without validation records
     */
    static <W> TrainingOutcome<W> run(final TrainingSettings settings, final long start, final W weights,
                                      final EarlyStopping<W> stopping, final Epoch epochBody, final DoubleSupplier validationF1,
                                      final EpochListener listener, final String device, final float[] classWeights) {
        int epoch = 0;
        String stopReason = "max epochs";
        while (epoch < settings.maxEpochs()) {
            epoch++;
            final Batches batches = new Batches(settings, start);
            epochBody.run(batches);
            final double f1 = validationF1.getAsDouble();
            listener.epochEnded(epoch, batches.steps == 0 ? 0 : batches.lossSum / batches.steps, f1,
                    (System.nanoTime() - start) / 1_000_000);
            if (stopping.stopAfter(epoch, f1, weights)) {
                stopReason = "early stopping";
                break;
            }
            if (batches.outOfTime) {
                stopReason = "time budget";
                break;
            }
        }
        return new TrainingOutcome<>(stopping.best(), epoch, stopping.bestEpoch(), stopping.bestF1(),
                (System.nanoTime() - start) / 1_000_000, stopReason, device, classWeights);
    }
}
