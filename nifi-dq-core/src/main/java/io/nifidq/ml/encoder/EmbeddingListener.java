package io.nifidq.ml.encoder;

/** Hears each batch of a long {@link BertEncoder#embed(java.util.List, EmbeddingListener)} finish; it may throw to stop it. */
@FunctionalInterface
public interface EmbeddingListener {

    EmbeddingListener NONE = (done, total) -> {
    };

    /**
     * @param textsDone  texts embedded so far in this call
     * @param textsTotal texts of the call
     */
    void batchEmbedded(int textsDone, int textsTotal);
}
