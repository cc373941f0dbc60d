package io.nifidq.ml.encoder;

import ai.djl.huggingface.tokenizers.Encoding;

/**
 * Tokenized texts padded to the longest one, row-major {@code [rows, length]}: what both a BERT's ONNX graph and its DJL
 * copy ({@code io.nifidq.ml.bert.BertNetwork}) take.
 *
 * @param ids       token ids, 0 (BERT's [PAD]) after a text's end
 * @param mask      1 for a token, 0 for padding
 * @param types     token type ids (all 0 for single texts)
 * @param rows      texts
 * @param length    tokens per row
 * @param truncated texts cut at the tokenizer's maximum length
 * @param tokens    real tokens, special ones included
 */
public record TokenBatch(long[] ids, long[] mask, long[] types, int rows, int length, int truncated, long tokens) {

    /** Pads the encodings of a batch to its longest. */
    public static TokenBatch of(final Encoding[] encodings) {
        int length = 1;
        int truncated = 0;
        long tokens = 0;
        for (final Encoding encoding : encodings) {
            length = Math.max(length, encoding.getIds().length);
            tokens += encoding.getIds().length;
            truncated += encoding.exceedMaxLength() ? 1 : 0;
        }
        final int rows = encodings.length;
        final long[] ids = new long[rows * length];
        final long[] mask = new long[rows * length];
        final long[] types = new long[rows * length];
        for (int row = 0; row < rows; row++) {
            final long[] rowIds = encodings[row].getIds();
            System.arraycopy(rowIds, 0, ids, row * length, rowIds.length);
            System.arraycopy(encodings[row].getTypeIds(), 0, types, row * length, rowIds.length);
            System.arraycopy(encodings[row].getAttentionMask(), 0, mask, row * length, rowIds.length);
        }
        return new TokenBatch(ids, mask, types, rows, length, truncated, tokens);
    }

    /** Pads token id sequences (already tokenized, special tokens included) to the longest. */
    public static TokenBatch of(final long[][] sequences) {
        int length = 1;
        long tokens = 0;
        for (final long[] sequence : sequences) {
            length = Math.max(length, sequence.length);
            tokens += sequence.length;
        }
        final int rows = sequences.length;
        final long[] ids = new long[rows * length];
        final long[] mask = new long[rows * length];
        for (int row = 0; row < rows; row++) {
            System.arraycopy(sequences[row], 0, ids, row * length, sequences[row].length);
            java.util.Arrays.fill(mask, row * length, row * length + sequences[row].length, 1L);
        }
        return new TokenBatch(ids, mask, new long[rows * length], rows, length, 0, tokens);
    }
}
