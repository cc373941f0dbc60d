package io.nifidq.quality.profile;

import io.nifidq.ml.noise.ConfidentLearning;
import io.nifidq.quality.hash.Hashing;
import io.nifidq.text.Tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Estimates how many labels are wrong without a trained model, so that a profile can name label noise. It keeps a
 * reservoir sample of labelled texts; at report time a multinomial naive Bayes over hashed words and word pairs is
 * trained on four fifths of the sample and scores the fifth it has not seen (five times), and confident learning
 * ({@link ConfidentLearning#countConfidentlyMislabelled}) counts the texts whose out-of-fold probability of another class
 * reaches that class's own average (the class's threshold) and beats their given label. A clean data set has a floor of
 * such suspects (the texts a simple model gets wrong); flipped labels raise it, which is what the comparison with a
 * baseline reads.
 */
final class LabelNoiseCheck {

    static final int SAMPLE_SIZE = 10_000;
    static final int FOLDS = 5;
    /** Fewer labelled texts than this give no estimate (a fifth of them would be too few to score). */
    static final int MIN_TEXTS = 100;
    static final int MAX_CLASSES = 100;
    /** Only the start of a long text is kept: enough words to classify it, bounded memory. */
    static final int MAX_TEXT_CHARS = 1_000;
    private static final int BUCKET_BITS = 16;
    private static final double SMOOTHING = 1.0;

    /** The result: labelled texts checked (the sample) and those whose label looks wrong. */
    record Estimate(long checked, long suspects) {
        double ratio() {
            return checked == 0 ? 0.0 : (double) suspects / checked;
        }
    }

    private final List<String> texts = new ArrayList<>();
    private final List<Integer> classes = new ArrayList<>();
    private long seen;

    /** Offers one labelled, non-blank text; classCode is the label's canonical class. */
    void add(final String text, final int classCode) {
        seen++;
        final String kept = text.length() > MAX_TEXT_CHARS ? text.substring(0, MAX_TEXT_CHARS) : text;
        if (texts.size() < SAMPLE_SIZE) {
            texts.add(kept);
            classes.add(classCode);
            return;
        }
        // Reservoir sampling with a position-derived draw: the same input always keeps the same texts.
        final long slot = Long.remainderUnsigned(Hashing.mix(seen * 0x9e3779b97f4a7c15L), seen);
        if (slot < SAMPLE_SIZE) {
            texts.set((int) slot, kept);
            classes.set((int) slot, classCode);
        }
    }

    /**
     * Adds the other sample as if its texts had come after this one's: each side keeps a share of the merged sample
     * proportional to the texts it saw. classMapping turns the other profile's class codes into this one's.
     */
    void merge(final LabelNoiseCheck other, final java.util.function.IntUnaryOperator classMapping) {
        final long total = seen + other.seen;
        if (texts.size() + other.texts.size() <= SAMPLE_SIZE) {
            for (int i = 0; i < other.texts.size(); i++) {
                texts.add(other.texts.get(i));
                classes.add(classMapping.applyAsInt(other.classes.get(i)));
            }
        } else {
            final int fromThis = (int) Math.min(texts.size(), Math.round((double) SAMPLE_SIZE * seen / total));
            final int fromOther = Math.min(other.texts.size(), SAMPLE_SIZE - fromThis);
            final List<String> mergedTexts = new ArrayList<>(fromThis + fromOther);
            final List<Integer> mergedClasses = new ArrayList<>(fromThis + fromOther);
            // Reservoir slots hold a uniform sample in any order, so a prefix is a uniform sub-sample.
            for (int i = 0; i < fromThis; i++) {
                mergedTexts.add(texts.get(i));
                mergedClasses.add(classes.get(i));
            }
            for (int i = 0; i < fromOther; i++) {
                mergedTexts.add(other.texts.get(i));
                mergedClasses.add(classMapping.applyAsInt(other.classes.get(i)));
            }
            texts.clear();
            texts.addAll(mergedTexts);
            classes.clear();
            classes.addAll(mergedClasses);
        }
        seen = total;
    }

    /** Bytes of heap the sample holds (texts as UTF-16 plus references), for the memory notes. */
    long bytes() {
        long bytes = 0;
        for (final String text : texts) {
            bytes += 40L + 2L * text.length();
        }
        return bytes;
    }

    /** The estimate, or null when the sample is too small or has fewer than two or too many classes. */
    Estimate estimate() {
        final int n = texts.size();
        final int classCount = classes.stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        final long distinctClasses = classes.stream().distinct().count();
        if (n < MIN_TEXTS || distinctClasses < 2 || classCount > MAX_CLASSES) {
            return null;
        }
        final int[][] features = new int[n][];
        for (int i = 0; i < n; i++) {
            features[i] = features(texts.get(i));
        }
        final int buckets = 1 << BUCKET_BITS;
        final int[][] counts = new int[classCount][buckets];
        final long[] tokenTotals = new long[classCount];
        final long[] documents = new long[classCount];
        final int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            fold[i] = (int) Long.remainderUnsigned(Hashing.mix(i * 0xbf58476d1ce4e5b9L + 1), FOLDS);
            count(counts, tokenTotals, documents, features[i], classes.get(i), 1);
        }
        final double[][] probabilities = new double[n][];
        for (int f = 0; f < FOLDS; f++) {
            for (int i = 0; i < n; i++) {
                if (fold[i] == f) {
                    count(counts, tokenTotals, documents, features[i], classes.get(i), -1);
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
                    count(counts, tokenTotals, documents, features[i], classes.get(i), 1);
                }
            }
        }
        return new Estimate(n, ConfidentLearning.countConfidentlyMislabelled(classes.stream().mapToInt(Integer::intValue).toArray(),
                probabilities));
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
