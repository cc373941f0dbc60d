package io.nifidq.ml.encoder;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.nifidq.ml.features.TextFeaturizer;

import java.util.ArrayList;
import java.util.List;

/**
 * A text as an encoder's token ids ({@code [CLS] ... [SEP]}, truncated at the maximum length): the input a fine-tuned
 * encoder trains on. Thread-safe (the Rust tokenizer is). Counts the texts it cut.
 */
public final class TokenFeaturizer implements TextFeaturizer<long[]> {

    private static final int BATCH = 256;

    private final HuggingFaceTokenizer tokenizer;
    private long truncated;

    public TokenFeaturizer(final HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    @Override
    public long[] featurize(final CharSequence text) {
        final Encoding encoding = tokenizer.encode(text.toString());
        count(encoding);
        return encoding.getIds();
    }

    /** Some token besides the special two. */
    @Override
    public boolean usable(final long[] input) {
        return input.length > 2;
    }

    @Override
    public List<long[]> featurizeAll(final List<? extends CharSequence> texts) {
        final List<long[]> ids = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += BATCH) {
            final List<String> part = texts.subList(from, Math.min(texts.size(), from + BATCH)).stream().map(CharSequence::toString).toList();
            for (final Encoding encoding : tokenizer.batchEncode(part)) {
                count(encoding);
                ids.add(encoding.getIds());
            }
        }
        return ids;
    }

    private synchronized void count(final Encoding encoding) {
        truncated += encoding.exceedMaxLength() ? 1 : 0;
    }

    /** Texts cut at the maximum length so far. */
    public synchronized long truncatedTexts() {
        return truncated;
    }
}
