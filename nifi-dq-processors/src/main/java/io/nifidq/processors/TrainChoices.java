package io.nifidq.processors;

import io.nifidq.ml.model.ModelType;
import io.nifidq.ml.train.ClassWeighting;
import io.nifidq.ml.train.LabelNoiseHandling;
import org.apache.nifi.components.DescribedValue;

/** TrainClassifier's choices, each mapped onto its plain-Java counterpart. */
final class TrainChoices {

    private TrainChoices() {
    }

    enum ModelTypeChoice implements DescribedValue {
        FASTTEXT("fastText-style", "Mean of the hashed word, bigram and character n-gram embeddings, then a linear layer. Fast; "
                + "trained with row-sparse Adam.", ModelType.FASTTEXT),
        TEXTCNN("TextCNN", "Convolutions of widths 2, 3 and 4 over the embeddings, max-pooled, dropout, linear layer. "
                + "Slower (several times), sometimes better on long texts.", ModelType.TEXTCNN);

        private final String displayName;
        private final String description;
        final ModelType type;

        ModelTypeChoice(final String displayName, final String description, final ModelType type) {
            this.displayName = displayName;
            this.description = description;
            this.type = type;
        }

        @Override
        public String getValue() {
            return name();
        }

        @Override
        public String getDisplayName() {
            return displayName;
        }

        @Override
        public String getDescription() {
            return description;
        }
    }

    enum ClassWeightsChoice implements DescribedValue {
        AUTO("Automatic", "Inverse class frequency when the largest class has at least " + ClassWeighting.AUTO_RATIO
                + " times the records of the smallest, equal weights otherwise; decided on the training records as they came, "
                + "before Prune or Relabel change the classes.", ClassWeighting.AUTO),
        NONE("None", "Every record counts the same.", ClassWeighting.NONE),
        INVERSE("Inverse Frequency", "Each class weighs records / (classes x class records).", ClassWeighting.INVERSE);

        private final String displayName;
        private final String description;
        final ClassWeighting weighting;

        ClassWeightsChoice(final String displayName, final String description, final ClassWeighting weighting) {
            this.displayName = displayName;
            this.description = description;
            this.weighting = weighting;
        }

        @Override
        public String getValue() {
            return name();
        }

        @Override
        public String getDisplayName() {
            return displayName;
        }

        @Override
        public String getDescription() {
            return description;
        }
    }

    enum LabelNoiseChoice implements DescribedValue {
        OFF("Off", "No search for mislabelled records.", LabelNoiseHandling.OFF),
        FLAG("Flag", "Find suspected label errors (k-fold out-of-fold probabilities, confident learning) and send them to "
                + "'suspects' with the given and the predicted label; train on every record.", LabelNoiseHandling.FLAG),
        PRUNE("Prune", "As Flag, and train the final model without the suspects (and without their augmented copies).",
                LabelNoiseHandling.PRUNE),
        RELABEL("Relabel", "As Flag, and train the final model with each suspect's label replaced by the predicted one (its "
                + "augmented copies too). Keeps the texts: better than Prune when noise is heavy.", LabelNoiseHandling.RELABEL);

        private final String displayName;
        private final String description;
        final LabelNoiseHandling handling;

        LabelNoiseChoice(final String displayName, final String description, final LabelNoiseHandling handling) {
            this.displayName = displayName;
            this.description = description;
            this.handling = handling;
        }

        @Override
        public String getValue() {
            return name();
        }

        @Override
        public String getDisplayName() {
            return displayName;
        }

        @Override
        public String getDescription() {
            return description;
        }
    }
}
