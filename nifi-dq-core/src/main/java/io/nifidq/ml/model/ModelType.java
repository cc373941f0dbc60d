package io.nifidq.ml.model;

/** The network architectures TrainClassifier can train; the names are stored in model directories. */
public enum ModelType {
    /** fastText-style: mean of the hashed n-gram embeddings, then one linear layer. Fast; the default. */
    FASTTEXT,
    /** Kim-style text CNN: convolutions of widths 2, 3 and 4 over the id embeddings, max-pooled, dropout, linear. */
    TEXTCNN,
    /**
     * A pretrained BERT-family encoder, frozen, and a softmax regression or small MLP trained on its sentence vectors. Slow
     * (tens of texts per second per CPU core) and the most accurate where meaning matters more than words.
     */
    PRETRAINED_ENCODER,
    /**
     * A pretrained BERT-family encoder fine-tuned end to end with a linear head on its first token. The most accurate, and the
     * slowest to train (minutes per thousand short texts on 2 CPU cores); served by PyTorch, no ONNX Runtime.
     */
    FINE_TUNED_ENCODER
}
