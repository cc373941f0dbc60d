package io.nifidq.processors.train;

import io.nifidq.ml.model.ModelType;
import io.nifidq.ml.train.ClassWeighting;
import io.nifidq.ml.train.LabelNoiseHandling;
import io.nifidq.processors.common.Choice;

/** TrainClassifier's choices, each mapped onto the plain-Java constant of the same name. */
public final class TrainChoices {

    private TrainChoices() {
    }

    public enum ModelTypeChoice implements Choice {
        FASTTEXT("fastText-style", "Mean of the hashed word, bigram and character n-gram embeddings, then a linear layer. Fast; "
                + "trained with row-sparse Adam."),
        TEXTCNN("TextCNN", "Convolutions of widths 2, 3 and 4 over the embeddings, max-pooled, dropout, linear layer. "
                + "Slower (several times), sometimes better on long texts.");

        private final Wording wording;
        /** The plain-Java constant of the same name. */
        final ModelType type;

        ModelTypeChoice(final String displayName, final String description) {
            this.wording = new Wording(displayName, description);
            this.type = ModelType.valueOf(name());
        }

        @Override
        public Wording wording() {
            return wording;
        }
    }

    public enum ClassWeightsChoice implements Choice {
        AUTO("Automatic", "Inverse class frequency when the largest class has at least " + ClassWeighting.AUTO_RATIO
                + " times the records of the smallest, equal weights otherwise; decided on the training records as they came, "
                + "before Prune or Relabel change the classes."),
        NONE("None", "Every record counts the same."),
        INVERSE("Inverse Frequency", "Each class weighs records / (classes x class records).");

        private final Wording wording;
        /** The plain-Java constant of the same name. */
        final ClassWeighting weighting;

        ClassWeightsChoice(final String displayName, final String description) {
            this.wording = new Wording(displayName, description);
            this.weighting = ClassWeighting.valueOf(name());
        }

        @Override
        public Wording wording() {
            return wording;
        }
    }

    public enum LabelNoiseChoice implements Choice {
        OFF("Off", "No search for mislabelled records."),
        FLAG("Flag", "Find suspected label errors (k-fold out-of-fold probabilities, confident learning) and send them to "
                + "'suspects' with the given and the predicted label; train on every record."),
        PRUNE("Prune", "As Flag, and train the final model without the suspects (and without their augmented copies)."),
        RELABEL("Relabel", "As Flag, and train the final model with each suspect's label replaced by the predicted one (its "
                + "augmented copies too). Keeps the texts: better than Prune when noise is heavy.");

        private final Wording wording;
        /** The plain-Java constant of the same name. */
        final LabelNoiseHandling handling;

        LabelNoiseChoice(final String displayName, final String description) {
            this.wording = new Wording(displayName, description);
            this.handling = LabelNoiseHandling.valueOf(name());
        }

        @Override
        public Wording wording() {
            return wording;
        }
    }
}
