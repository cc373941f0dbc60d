package io.nifidq.quality.profile;

import io.nifidq.ml.noise.ConfidentLearning;
import io.nifidq.quality.hash.Hashing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Estimates how many labels are wrong without a trained model, so that a profile can name label noise. It keeps a
 * reservoir sample of labelled texts; at report time a model ({@link OutOfFoldScorer}: a multinomial naive Bayes over
 * hashed words and word pairs by default, or a head on a pretrained encoder's sentence vectors) is
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
    /**
     * The result: labelled texts checked (the sample, or the part of it the scorer scores), those whose label looks wrong,
     * and the model that scored them (with its encoder's name, or null).
     */
    record Estimate(long checked, long suspects, String model, String encoder) {

        /** An estimate of the default model, {@link WordNaiveBayesScorer}. */
        Estimate(final long checked, final long suspects) {
            this(checked, suspects, WordNaiveBayesScorer.MODEL, null);
        }

        double ratio() {
            return checked == 0 ? 0.0 : (double) suspects / checked;
        }
    }

    private final OutOfFoldScorer scorer;
    private final List<String> texts = new ArrayList<>();
    private final List<Integer> classes = new ArrayList<>();
    /** The first suspects of the last estimate (at most ExampleRecords.PER_KIND), shown as examples. */
    private List<ConfidentLearning.Suspect> suspects = List.of();
    private long seen;

    /** A check scored by the default {@link WordNaiveBayesScorer}. */
    LabelNoiseCheck() {
        this(WordNaiveBayesScorer.INSTANCE);
    }

    LabelNoiseCheck(final OutOfFoldScorer scorer) {
        this.scorer = Objects.requireNonNull(scorer, "scorer");
    }

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

    /** Writes the count of texts seen and the sample, each text with its class code. */
    void writeTo(final ProfileOutput out) throws IOException {
        out.writeLong(seen);
        out.writeInt(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            out.writeString(texts.get(i));
            out.writeInt(classes.get(i));
        }
    }

    /** Reads what {@link #writeTo} wrote into this new, empty check; class codes must be below classCount. */
    void readFrom(final ProfileInput in, final int classCount) throws IOException {
        seen = in.readNonNegative("the labelled texts seen");
        final int size = in.readCount("sampled texts", SAMPLE_SIZE, 8);
        if (size > seen) {
            throw in.corrupt(size + " sampled texts of " + seen + " seen");
        }
        for (int i = 0; i < size; i++) {
            final String text = in.readString();
            final int classCode = in.readInt();
            if (text == null || text.length() > MAX_TEXT_CHARS || classCode < 0 || classCode >= classCount) {
                throw in.corrupt("a sampled text is missing, longer than " + MAX_TEXT_CHARS + " characters, or has the class "
                        + classCode + " of " + classCount);
            }
            texts.add(text);
            classes.add(classCode);
        }
    }

    List<ConfidentLearning.Suspect> suspects() {
        return suspects;
    }

    String text(final int index) {
        return texts.get(index);
    }

    /** Bytes of heap the sample holds (texts as UTF-16 plus references), for the memory notes. */
    long bytes() {
        long bytes = 0;
        for (final String text : texts) {
            bytes += 40L + 2L * text.length();
        }
        return bytes;
    }

    /** The most texts an estimate checks: the sample, or fewer where the scorer scores fewer. */
    int sampleLimit() {
        return Math.min(SAMPLE_SIZE, scorer.maxTexts());
    }

    /**
     * The estimate, or null when the sample is too small or has fewer than two or too many classes. The scorer gets the
     * first {@link #sampleLimit()} texts of the sample (a uniform sub-sample: reservoir slots are in no order).
     *
     * @throws UncheckedIOException when the scorer's model cannot be had
     */
    Estimate estimate() {
        final int n = Math.min(texts.size(), sampleLimit());
        final int[] labels = classes.subList(0, n).stream().mapToInt(Integer::intValue).toArray();
        final int classCount = IntStream.of(labels).max().orElse(-1) + 1;
        final long distinctClasses = IntStream.of(labels).distinct().count();
        if (n < MIN_TEXTS || distinctClasses < 2 || classCount > MAX_CLASSES) {
            return null;
        }
        final int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            fold[i] = (int) Long.remainderUnsigned(Hashing.mix(i * 0xbf58476d1ce4e5b9L + 1), FOLDS);
        }
        final OutOfFoldScorer.Scores scores;
        try {
            scores = scorer.score(List.copyOf(texts.subList(0, n)), labels, classCount, fold, FOLDS);
        } catch (final IOException e) {
            throw new UncheckedIOException("The label-noise check could not score its sample: " + e.getMessage(), e);
        }
        if (scores.probabilities().length != n) {
            throw new IllegalStateException(scores.model() + " scored " + scores.probabilities().length + " of " + n + " texts");
        }
        suspects = ConfidentLearning.confidentlyMislabelled(labels, scores.probabilities()).stream().limit(ExampleRecords.PER_KIND).toList();
        return new Estimate(n, ConfidentLearning.countConfidentlyMislabelled(labels, scores.probabilities()), scores.model(),
                scores.encoder());
    }
}
