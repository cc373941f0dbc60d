package io.nifidq.processors.train;

import io.nifidq.ml.model.ModelType;
import io.nifidq.ml.train.ClassWeighting;
import io.nifidq.ml.train.LabelNoiseHandling;
import io.nifidq.processors.common.Choice;
import io.nifidq.processors.common.Choice.Wording;

/** TrainClassifier's choices, each mapped onto the plain-Java constant of the same name. */
public final class TrainChoices {

    private TrainChoices() {
    }

    public enum ModelTypeChoice implements Choice {
        @Wording(displayName = "fastText-style",
                description = "Mean of the hashed word, bigram and character n-gram embeddings, then a linear layer. Fast; "
                        + "trained with row-sparse Adam.")
        FASTTEXT,
        @Wording(displayName = "TextCNN",
                description = "Convolutions of widths 2, 3 and 4 over the embeddings, max-pooled, dropout, linear layer. "
                        + "Slower (several times), sometimes better on long texts.")
        TEXTCNN,
        @Wording(displayName = "Pretrained Encoder",
                description = "A pretrained BERT-family encoder (bundled BGE small v1.5, English or Chinese, or an admin's ONNX "
                        + "model), frozen, and a softmax regression or small MLP trained on its sentence vectors (chosen on the "
                        + "validation records). The most accurate where meaning matters more than words; each text is embedded "
                        + "once, at about 100 to 350 short texts per second on 2 CPU cores.")
        PRETRAINED_ENCODER,
        @Wording(displayName = "Fine-tuned Encoder",
                description = "The pretrained encoder trained end to end with a linear head on its first token (AdamW, warm-up "
                        + "and linear decay, a few epochs): the most accurate model, and the slowest to train, 15 to 45 "
                        + "texts per second per epoch on 2 CPU cores (3,000 texts, 3 epochs: 3 to 10 minutes). English starts "
                        + "from the bundled fp32 bge-small-en-v1.5, Chinese from the int8 bge-small-zh-v1.5 dequantised. The "
                        + "model is self-contained (the whole network, about 130 MB for English) and served by PyTorch.")
        FINE_TUNED_ENCODER;

        /** The plain-Java constant of the same name. */
        final ModelType type = ModelType.valueOf(name());
    }

    public enum EncoderChoice implements Choice {
        @Wording(displayName = "English", description = "The bundled bge-small-en-v1.5 (int8, 384 dimensions, 512 tokens at most).")
        ENGLISH,
        @Wording(displayName = "Chinese", description = "The bundled bge-small-zh-v1.5 (int8, 512 dimensions, 512 tokens at most).")
        CHINESE,
        @Wording(displayName = "By Detected Language",
                description = "Chinese when Han characters are more than 30% of the letters of the first 200 texts, else English.")
        DETECTED,
        @Wording(displayName = "Encoder Directory",
                description = "An admin's encoder: model.onnx, tokenizer.json and encoder.json (pooling, normalisation, maximum "
                        + "length, hidden size, checksums) in the Encoder Directory.")
        DIRECTORY
    }

    public enum ClassWeightsChoice implements Choice {
        @Wording(displayName = "Automatic",
                description = "Inverse class frequency when the largest class has at least " + ClassWeighting.AUTO_RATIO
                        + " times the records of the smallest, equal weights otherwise; decided on the training records as they "
                        + "came, before Prune or Relabel change the classes.")
        AUTO,
        @Wording(displayName = "None", description = "Every record counts the same.")
        NONE,
        @Wording(displayName = "Inverse Frequency", description = "Each class weighs records / (classes x class records).")
        INVERSE;

        /** The plain-Java constant of the same name. */
        final ClassWeighting weighting = ClassWeighting.valueOf(name());
    }

    public enum LabelNoiseChoice implements Choice {
        @Wording(displayName = "Off", description = "No search for mislabelled records.")
        OFF,
        @Wording(displayName = "Flag",
                description = "Find suspected label errors (k-fold out-of-fold probabilities, confident learning) and send "
                        + "them to 'suspects' with the given and the predicted label; train on every record.")
        FLAG,
        @Wording(displayName = "Prune",
                description = "As Flag, and train the final model without the suspects (and without their augmented copies).")
        PRUNE,
        @Wording(displayName = "Relabel",
                description = "As Flag, and train the final model with each suspect's label replaced by the predicted one (its "
                        + "augmented copies too). Keeps the texts: better than Prune when noise is heavy.")
        RELABEL;

        /** The plain-Java constant of the same name. */
        final LabelNoiseHandling handling = LabelNoiseHandling.valueOf(name());
    }
}
