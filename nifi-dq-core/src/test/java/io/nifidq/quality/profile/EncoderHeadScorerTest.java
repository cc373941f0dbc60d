package io.nifidq.quality.profile;

import io.nifidq.ml.encoder.BundledEncoders;
import io.nifidq.ml.encoder.EncoderLeases;
import io.nifidq.ml.encoder.EncoderOptions;
import io.nifidq.ml.encoder.EncoderSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The label-noise check on the real bundled English encoder's vectors: 200 clearly worded reviews, a tenth of them flipped. */
class EncoderHeadScorerTest {

    private static final EncoderOptions OPTIONS = EncoderOptions.builder().optIntraOpThreads(1).optParallelRuns(2).build();
    private static final List<String> SUBJECTS = List.of("The hotel room", "The staff", "The breakfast", "The film", "The service",
            "This phone", "The concert", "Our waiter", "The new album", "The trip");
    private static final List<String> PRAISE = List.of("was wonderful and I loved it", "was excellent, truly a delight",
            "made us very happy", "was fantastic from start to finish", "is the best I have ever had", "was friendly, warm and helpful",
            "exceeded all my expectations", "was a real pleasure", "was superb and highly recommended", "left me smiling all day");
    private static final List<String> COMPLAINTS = List.of("was awful and I hated it", "was terrible, a real disappointment",
            "made us very angry", "was a disaster from start to finish", "is the worst I have ever had", "was rude, cold and unhelpful",
            "fell far below my expectations", "was a complete waste of money", "was dreadful and I want a refund",
            "left me furious all day");
    private static final int TEXTS = 200;
    private static final int FLIPPED = 20;

    private static EncoderLeases leases;
    private static EncoderHeadScorer scorer;

    @BeforeAll
    static void leaseTheEnglishEncoder() {
        leases = new EncoderLeases(OPTIONS);
        scorer = new EncoderHeadScorer(texts -> leases.encoder(EncoderSource.bundled(BundledEncoders.forTexts(texts))), 42L);
    }

    @AfterAll
    static void release() {
        leases.close();
    }

    /** Text i: positive (label "positive") for even i, negative for odd i; every sentence differs. */
    private static String text(final int i) {
        final int k = i / 2;
        final String subject = SUBJECTS.get(k % SUBJECTS.size());
        final String predicate = (i % 2 == 0 ? PRAISE : COMPLAINTS).get(k / SUBJECTS.size());
        return subject + " " + predicate + ".";
    }

    /**
     * The 20 flipped labels, ten of each class, spread so that each subject and each predicate of a class is flipped once: a
     * flip that followed a pattern (every tenth text: one class, two subjects) would be learnt, not caught.
     */
    private static boolean flipped(final int i) {
        final int k = i / 2;
        return (k % SUBJECTS.size() + k / SUBJECTS.size()) % 10 == (i % 2 == 0 ? 0 : 5);
    }

    private static int label(final int i, final boolean flip) {
        final int truth = i % 2;
        return flip && flipped(i) ? 1 - truth : truth;
    }

    private static ProfileReport.LabelNoise profileLabelNoise(final boolean flip) {
        final DatasetProfile profile = new DatasetProfile(ProfileSettings.defaults("text", "label").withLabelNoiseScorer(scorer));
        for (int i = 0; i < TEXTS; i++) {
            profile.add(Records.of("text", text(i), "label", label(i, flip) == 0 ? "positive" : "negative"));
        }
        return profile.report().labels().labelNoise();
    }

    @Test
    void flippedLabelsRaiseTheSuspectsAboveTheCleanFloorAndTheReportNamesTheEncoder() {
        assertEquals(FLIPPED, IntStream.range(0, TEXTS).filter(EncoderHeadScorerTest::flipped).count());
        final ProfileReport.LabelNoise clean = profileLabelNoise(false);
        final ProfileReport.LabelNoise noisy = profileLabelNoise(true);

        assertEquals(TEXTS, clean.checkedTexts());
        assertEquals(TEXTS, noisy.checkedTexts());
        assertEquals(EncoderHeadScorer.MODEL, noisy.model());
        assertEquals(BundledEncoders.ENGLISH, noisy.encoder());
        assertEquals(EncoderHeadScorer.MAX_TEXTS, noisy.sampleLimit());
        // Measured here: 0 suspects on the clean labels, 21 with the 20 flips.
        assertTrue(clean.suspectedErrors() <= 3, "suspects among 200 clean labels: " + clean.suspectedErrors());
        assertTrue(noisy.suspectedErrors() >= 18 && noisy.suspectedErrors() <= 24,
                "suspects with 20 flipped labels: " + noisy.suspectedErrors());
        assertEquals(1, leases.held(), "the English encoder, leased once for all reports");
    }

    @Test
    void theOutOfFoldProbabilitiesPointAwayFromMostFlippedLabelsAndRepeatForTheSameInput() throws Exception {
        final List<String> texts = new ArrayList<>();
        final int[] labels = new int[TEXTS];
        final int[] folds = new int[TEXTS];
        for (int i = 0; i < TEXTS; i++) {
            texts.add(text(i));
            labels[i] = label(i, true);
            folds[i] = i % LabelNoiseCheck.FOLDS;
        }

        final OutOfFoldScorer.Scores scores = scorer.score(texts, labels, 2, folds, LabelNoiseCheck.FOLDS);

        final long flippedCaught = IntStream.range(0, TEXTS).filter(EncoderHeadScorerTest::flipped)
                .filter(i -> scores.probabilities()[i][labels[i]] < 0.5).count();
        final long cleanDoubted = IntStream.range(0, TEXTS).filter(i -> !flipped(i))
                .filter(i -> scores.probabilities()[i][labels[i]] < 0.5).count();
        // Measured here: all 20 flips, and 1 of the 180 clean labels.
        assertTrue(flippedCaught >= 18, "flipped labels the heads disagree with, of 20: " + flippedCaught);
        assertTrue(cleanDoubted <= 3, "clean labels the heads disagree with, of 180: " + cleanDoubted);
        assertArrayEquals(scores.probabilities(), scorer.score(texts, labels, 2, folds, LabelNoiseCheck.FOLDS).probabilities(),
                "the same sample, encoder and seed give the same probabilities");
    }

    @Test
    void aScorerThatChecksFewerTextsGetsAPrefixOfTheSampleAndTheReportSaysItsLimit() {
        final int limit = LabelNoiseCheck.MIN_TEXTS + 20;
        final List<Integer> seen = new ArrayList<>();
        final OutOfFoldScorer uniform = new OutOfFoldScorer() {
            @Override
            public int maxTexts() {
                return limit;
            }

            @Override
            public Scores score(final List<String> texts, final int[] classes, final int classCount, final int[] folds,
                                final int foldCount) {
                seen.add(texts.size());
                final double[][] probabilities = new double[texts.size()][];
                for (int i = 0; i < probabilities.length; i++) {
                    probabilities[i] = new double[]{0.5, 0.5};
                }
                return new Scores("Uniform", null, probabilities);
            }
        };
        final DatasetProfile profile = new DatasetProfile(ProfileSettings.defaults("text", "label").withLabelNoiseScorer(uniform));
        for (int i = 0; i < TEXTS; i++) {
            profile.add(Records.of("text", text(i), "label", i % 2 == 0 ? "positive" : "negative"));
        }

        final ProfileReport.LabelNoise noise = profile.report().labels().labelNoise();

        assertEquals(List.of(limit), seen);
        assertEquals(limit, noise.checkedTexts());
        assertEquals(limit, noise.sampleLimit());
        assertEquals("Uniform", noise.model());
        assertNull(noise.encoder());
    }

    @Test
    void theDefaultModelIsWordNaiveBayesOverTheWholeSample() {
        final ProfileReport.LabelNoise noise = defaultNoise();
        assertEquals(WordNaiveBayesScorer.MODEL, noise.model());
        assertNull(noise.encoder());
        assertEquals(LabelNoiseCheck.SAMPLE_SIZE, noise.sampleLimit());
        assertEquals(TEXTS, noise.checkedTexts());
    }

    private static ProfileReport.LabelNoise defaultNoise() {
        final DatasetProfile profile = new DatasetProfile(ProfileSettings.defaults("text", "label"));
        for (int i = 0; i < TEXTS; i++) {
            profile.add(Records.of("text", text(i), "label", i % 2 == 0 ? "positive" : "negative"));
        }
        return profile.report().labels().labelNoise();
    }
}
