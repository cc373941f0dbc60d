package io.nifidq.ml.features;

/**
 * How {@link HashingFeaturizer} turns a text into bucket ids. Saved with every model (as JSON in
 * {@code featurizer.json}) so that serving featurizes exactly as training did.
 *
 * @param buckets number of hash buckets; ids are 1..buckets, 0 is padding
 * @param wordNgramMax longest word n-gram (1 = unigrams only, 2 = unigrams and bigrams)
 * @param charNgramMin shortest character n-gram taken inside each word (0 = no character n-grams)
 * @param charNgramMax longest character n-gram taken inside each word
 * @param maxIds at most this many ids per text (the first ones are kept)
 */
public record FeaturizerSettings(int buckets, int wordNgramMax, int charNgramMin, int charNgramMax, int maxIds) {

    /** The version of the hashing scheme; a model made with another version cannot be served. */
    public static final int HASH_VERSION = 1;

    public static final int DEFAULT_BUCKETS = 1 << 18;

    public FeaturizerSettings {
        if (buckets < 16) {
            throw new IllegalArgumentException("buckets must be at least 16, got " + buckets);
        }
        if (wordNgramMax < 1 || wordNgramMax > 3) {
            throw new IllegalArgumentException("wordNgramMax must be 1, 2 or 3, got " + wordNgramMax);
        }
        if (charNgramMin < 0 || charNgramMax < charNgramMin || charNgramMax > 8) {
            throw new IllegalArgumentException("character n-gram range must satisfy 0 <= min <= max <= 8, got "
                    + charNgramMin + ".." + charNgramMax);
        }
        if (maxIds < 1) {
            throw new IllegalArgumentException("maxIds must be positive, got " + maxIds);
        }
    }

    /** Word unigrams and bigrams, character 3- to 4-grams inside words, 2^18 buckets, 1,000 ids per text. */
    public static FeaturizerSettings defaults() {
        return builder().build();
    }

    /** A builder that starts from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Rows of the embedding table: the buckets plus the padding row 0. */
    public int rows() {
        return buckets + 1;
    }

    /** Builds {@link FeaturizerSettings}; every setting is optional and starts at its default. */
    public static final class Builder {
        private int buckets = DEFAULT_BUCKETS;
        private int wordNgramMax = 2;
        private int charNgramMin = 3;
        private int charNgramMax = 4;
        private int maxIds = 1000;

        private Builder() {
        }

        public Builder optBuckets(final int value) {
            buckets = value;
            return this;
        }

        public Builder optWordNgramMax(final int value) {
            wordNgramMax = value;
            return this;
        }

        /** Character n-grams of min..max characters inside each word; 0, 0 turns them off. */
        public Builder optCharNgrams(final int min, final int max) {
            charNgramMin = min;
            charNgramMax = max;
            return this;
        }

        public Builder optMaxIds(final int value) {
            maxIds = value;
            return this;
        }

        public FeaturizerSettings build() {
            return new FeaturizerSettings(buckets, wordNgramMax, charNgramMin, charNgramMax, maxIds);
        }
    }
}
