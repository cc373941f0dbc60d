package io.nifidq.processors.train;

import io.nifidq.ml.encoder.EmbeddingListener;
import io.nifidq.ml.train.EpochListener;
import io.nifidq.ml.train.TrainingStage;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessSession;

import java.time.Duration;
import java.util.Locale;

/**
 * Shows where a long training job is while it runs: a log line when each model starts (label-noise pass p of n, fold f
 * of k, or the final model, with its training records) and after each epoch (loss, validation macro-F1, records per
 * second), and NiFi counters under a fixed set of names, adjusted at once rather than at the session's commit.
 */
final class TrainingProgress implements EpochListener, EmbeddingListener {

    /** Every epoch of every model, out-of-fold ones included. */
    static final String EPOCHS = "Training Epochs";
    /** Out-of-fold models of the label-noise passes that finished training. */
    static final String OUT_OF_FOLD_MODELS = "Out-of-Fold Models Trained";
    static final String LABEL_NOISE_PASSES = "Label-Noise Passes Started";
    /** Texts a pretrained encoder embedded for training (each distinct text once per job). */
    static final String TEXTS_EMBEDDED = "Texts Embedded";
    /** A log line about the embedding every this many texts. */
    static final int EMBEDDING_LOG_EVERY = 1000;
    /** Optimizer steps of a fine-tuned encoder (an epoch of one is minutes long on a CPU). */
    static final String FINE_TUNING_STEPS = "Fine-Tuning Steps";
    /** A log line about fine-tuning every this many steps. */
    static final int STEP_LOG_EVERY = 20;

    private final ProcessSession session;
    private final ComponentLog logger;
    private final FlowFile flowFile;
    private final Duration timeBudget;
    private final long start = System.nanoTime();
    private TrainingStage stage;
    private int embeddedReported;

    TrainingProgress(final ProcessSession session, final ComponentLog logger, final FlowFile flowFile, final Duration timeBudget) {
        this.session = session;
        this.logger = logger;
        this.flowFile = flowFile;
        this.timeBudget = timeBudget;
    }

    /**
     * Counts and logs the embedding, and stops it when the Time Budget has run out (training would have none left).
     *
     * @throws IllegalStateException when the time budget has run out
     */
    @Override
    public void batchEmbedded(final int textsDone, final int textsTotal) {
        session.adjustCounter(TEXTS_EMBEDDED, textsDone - embeddedReported, true);
        final boolean logLine = textsDone / EMBEDDING_LOG_EVERY > embeddedReported / EMBEDDING_LOG_EVERY || textsDone == textsTotal;
        embeddedReported = textsDone;
        final double seconds = (System.nanoTime() - start) / 1e9;
        if (logLine) {
            logger.info("{}: embedded {} of {} distinct texts, {} texts/s", flowFile, textsDone, textsTotal,
                    String.format(Locale.ROOT, "%.0f", textsDone / Math.max(seconds, 1e-3)));
        }
        if (seconds > timeBudget.toMillis() / 1000.0 && textsDone < textsTotal) {
            throw new IllegalStateException("the Time Budget of " + timeBudget.toSeconds() + " s ran out while embedding the texts ("
                    + textsDone + " of " + textsTotal + " embedded): raise it, or train on fewer records");
        }
    }

    @Override
    public void stageStarted(final TrainingStage next) {
        // A fold model has finished when the next model starts: the final model always comes after the last fold.
        if (stage != null && !stage.isFinalModel()) {
            session.adjustCounter(OUT_OF_FOLD_MODELS, 1, true);
        }
        if (!next.isFinalModel() && next.fold() == 1) {
            session.adjustCounter(LABEL_NOISE_PASSES, 1, true);
        }
        stage = next;
        logger.info("{}: training the {} on {} records", flowFile, next.describe(), next.records());
    }

    @Override
    public void stepEnded(final int step, final int totalSteps, final double loss) {
        session.adjustCounter(FINE_TUNING_STEPS, 1, true);
        if (step % STEP_LOG_EVERY == 0 || step == totalSteps) {
            logger.info("{}: fine-tuning step {} of at most {}: loss {}, {} s", flowFile, step, totalSteps,
                    String.format(Locale.ROOT, "%.4f", loss), String.format(Locale.ROOT, "%.0f", (System.nanoTime() - start) / 1e9));
        }
    }

    @Override
    public void epochEnded(final int epoch, final double meanLoss, final double validationMacroF1, final long elapsedMillis) {
        session.adjustCounter(EPOCHS, 1, true);
        final String where = stage == null ? "" : stage.describe() + ", ";
        final String speed = stage == null ? "" : String.format(Locale.ROOT, ", %.0f records/s", stage.recordsPerSecond(epoch, elapsedMillis));
        logger.info("{}: {}epoch {}: loss {}, validation macro-F1 {}{}, {} ms", flowFile, where, epoch,
                String.format(Locale.ROOT, "%.5f", meanLoss), String.format(Locale.ROOT, "%.4f", validationMacroF1), speed, elapsedMillis);
    }
}
