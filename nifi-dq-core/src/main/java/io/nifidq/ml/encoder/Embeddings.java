package io.nifidq.ml.encoder;

/**
 * The sentence vectors of some texts, in the texts' order, and what happened on the way.
 *
 * @param vectors        one vector of the encoder's hidden size per text
 * @param truncatedTexts how many texts were longer than the encoder's maximum length and were cut to it
 * @param tokens         the tokens the encoder saw, special tokens included, padding not
 */
public record Embeddings(float[][] vectors, int truncatedTexts, long tokens) {
}
