package io.nifidq.quality.profile;

import io.nifidq.quality.hash.Hashing;
import io.nifidq.text.Tokenizer;

import java.util.Arrays;
import java.util.List;

/**
 * The label-noise check's default scorer: a multinomial naive Bayes over hashed words and adjacent word pairs, counted
 * once over the whole sample; each fold's texts are taken out of the counts, scored, and put back. Cheap (the whole
 * {@value LabelNoiseCheck#SAMPLE_SIZE}-text sample in well under a second) and without a pretrained model, but it sees only
 * words: a paraphrase or a text whose class shows in its meaning rather than its words looks mislabelled to it.
 */
public final class WordNaiveBayesScorer implements OutOfFoldScorer {

    /** The one instance: the scorer holds no state. */
    public static final WordNaiveBayesScorer INSTANCE = new WordNaiveBayesScorer();
    /** The report's name for this model. */
    public static final String MODEL = "Word Naive Bayes";

    private static final int BUCKET_BITS = 16;
    private static final double SMOOTHING = 1.0;

    private WordNaiveBayesScorer() {
    }

    @Override
    public int maxTexts() {
        return LabelNoiseCheck.SAMPLE_SIZE;
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public Scores score(final List<String> texts, final int[] classes, final int classCount, final int[] fold, final int foldCount) {
        final int n = texts.size();
        final int[][] features = new int[n][];
        for (int i = 0; i < n; i++) {
            features[i] = features(texts.get(i));
        }
        final int buckets = 1 << BUCKET_BITS;
        final int[][] counts = new int[classCount][buckets];
        final long[] tokenTotals = new long[classCount];
        final long[] documents = new long[classCount];
        for (int i = 0; i < n; i++) {
            count(counts, tokenTotals, documents, features[i], classes[i], 1);
        }
        final double[][] probabilities = new double[n][];
        for (int f = 0; f < foldCount; f++) {
            for (int i = 0; i < n; i++) {
                if (fold[i] == f) {
                    count(counts, tokenTotals, documents, features[i], classes[i], -1);
                }
            }
            final long trainingDocuments = Arrays.stream(documents).sum();
            for (int i = 0; i < n; i++) {
                if (fold[i] == f) {
                    probabilities[i] = posterior(counts, tokenTotals, documents, trainingDocuments, features[i], buckets);
                }
            }
            for (int i = 0; i < n; i++) {
                if (fold[i] == f) {
                    count(counts, tokenTotals, documents, features[i], classes[i], 1);
                }
            }
        }
        return new Scores(MODEL, null, probabilities);
    }

    private static void count(final int[][] counts, final long[] tokenTotals, final long[] documents, final int[] features,
                              final int label, final int sign) {
        for (final int feature : features) {
            counts[label][feature] += sign;
        }
        tokenTotals[label] += sign * (long) features.length;
        documents[label] += sign;
    }

    private static double[] posterior(final int[][] counts, final long[] tokenTotals, final long[] documents,
                                      final long trainingDocuments, final int[] features, final int buckets) {
        final int classCount = counts.length;
        final double[] logScores = new double[classCount];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classCount; c++) {
            if (documents[c] == 0) {
                logScores[c] = Double.NEGATIVE_INFINITY;
                continue;
            }
            double score = Math.log((double) documents[c] / trainingDocuments);
            final double denominator = Math.log(tokenTotals[c] + SMOOTHING * buckets);
            for (final int feature : features) {
                score += Math.log(counts[c][feature] + SMOOTHING) - denominator;
            }
            logScores[c] = score;
            max = Math.max(max, score);
        }
        double sum = 0;
        final double[] probabilities = new double[classCount];
        for (int c = 0; c < classCount; c++) {
            probabilities[c] = logScores[c] == Double.NEGATIVE_INFINITY ? 0.0 : Math.exp(logScores[c] - max);
            sum += probabilities[c];
        }
        for (int c = 0; c < classCount; c++) {
            probabilities[c] /= sum;
        }
        return probabilities;
    }

    /** Hashed ids of the text's distinct words and adjacent word pairs. */
    static int[] features(final String text) {
        final List<String> tokens = Tokenizer.tokens(text);
        final int mask = (1 << BUCKET_BITS) - 1;
        final int[] ids = new int[tokens.size() * 2];
        int size = 0;
        long previous = 0;
        for (int i = 0; i < tokens.size(); i++) {
            final long word = Hashing.hash64(tokens.get(i));
            ids[size++] = (int) (Hashing.mix(word) & mask);
            if (i > 0) {
                ids[size++] = (int) (Hashing.mix(Hashing.combine(previous, word)) & mask);
            }
            previous = word;
        }
        return Arrays.stream(ids, 0, size).distinct().toArray();
    }
}
