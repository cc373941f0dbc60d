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
        return new FeaturizerSettings(DEFAULT_BUCKETS, 2, 3, 4, 1000);
    }

    public FeaturizerSettings withBuckets(final int newBuckets) {
        return new FeaturizerSettings(newBuckets, wordNgramMax, charNgramMin, charNgramMax, maxIds);
    }

    public FeaturizerSettings withCharNgrams(final int min, final int max) {
        return new FeaturizerSettings(buckets, wordNgramMax, min, max, maxIds);
    }

    /** Rows of the embedding table: the buckets plus the padding row 0. */
    public int rows() {
        return buckets + 1;
    }
}
