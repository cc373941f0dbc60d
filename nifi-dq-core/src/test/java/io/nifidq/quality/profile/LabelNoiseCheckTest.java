package io.nifidq.quality.profile;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelNoiseCheckTest {

    private static final List<String> POSITIVE = List.of("great", "lovely", "excellent", "friendly", "clean", "quiet", "perfect");
    private static final List<String> NEGATIVE = List.of("awful", "dirty", "noisy", "rude", "broken", "terrible", "smelly");
    private static final List<String> NEUTRAL = List.of("the", "room", "hotel", "staff", "breakfast", "was", "and", "very");

    /** A text of six neutral words and three words of its class (class 0 positive, class 1 negative). */
    private static String text(final int label, final SplittableRandom random) {
        final List<String> words = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            words.add(NEUTRAL.get(random.nextInt(NEUTRAL.size())));
        }
        final List<String> cue = label == 0 ? POSITIVE : NEGATIVE;
        for (int i = 0; i < 3; i++) {
            words.add(random.nextInt(words.size() + 1), cue.get(random.nextInt(cue.size())));
        }
        return String.join(" ", words);
    }

    /** texts of alternating classes; the first flipped of them get the other label. */
    private static LabelNoiseCheck check(final int texts, final int flipped, final long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final LabelNoiseCheck check = new LabelNoiseCheck();
        for (int i = 0; i < texts; i++) {
            final int label = i % 2;
            check.add(text(label, random), i < flipped ? 1 - label : label);
        }
        return check;
    }

    @Test
    void cleanLabelsGiveAlmostNoSuspects() {
        final LabelNoiseCheck.Estimate estimate = check(1_000, 0, 1).estimate();
        assertEquals(1_000, estimate.checked());
        assertTrue(estimate.suspects() <= 10, "suspects among clean labels: " + estimate.suspects());
    }

    @Test
    void flippedLabelsAreCountedAsSuspects() {
        final LabelNoiseCheck.Estimate estimate = check(1_000, 100, 1).estimate();
        assertTrue(estimate.suspects() >= 85 && estimate.suspects() <= 110, "suspects with 100 flipped labels: " + estimate.suspects());
        assertEquals(estimate.suspects() / 1_000.0, estimate.ratio());
    }

    @Test
    void aFixedInputGivesAFixedEstimate() {
        // Counted by the check's own confident-learning loop before it reused ConfidentLearning: the counts must not move.
        assertEquals(new LabelNoiseCheck.Estimate(1_000, 100), check(1_000, 100, 1).estimate());
        assertEquals(new LabelNoiseCheck.Estimate(538, 250), weakCues(538, 2, 0, 4).estimate());
        assertEquals(new LabelNoiseCheck.Estimate(1_023, 676), weakCues(1_023, 3, 1, 9).estimate());
        assertEquals(new LabelNoiseCheck.Estimate(1_217, 991), weakCues(1_217, 5, 3, 11).estimate());
    }

    /**
     * Texts of shared words where a class shows only as a slight shift in the words drawn, so many texts reach no class's
     * threshold or another's; noisyTenths of ten labels are drawn at random.
     */
    private static LabelNoiseCheck weakCues(final int texts, final int classes, final int noisyTenths, final long seed) {
        final String[] words = {"great", "awful", "room", "dirty", "clean", "the", "staff", "rude", "lovely", "noisy", "quiet", "was"};
        final SplittableRandom random = new SplittableRandom(seed);
        final LabelNoiseCheck check = new LabelNoiseCheck();
        for (int i = 0; i < texts; i++) {
            final int label = random.nextInt(classes);
            final StringBuilder text = new StringBuilder();
            for (int w = 0; w < 3 + random.nextInt(8); w++) {
                text.append(words[(random.nextInt(words.length) + (random.nextInt(3) == 0 ? label : 0)) % words.length]).append(' ');
            }
            check.add(text.toString(), random.nextInt(10) < noisyTenths ? random.nextInt(classes) : label);
        }
        return check;
    }

    @Test
    void tooFewTextsOrOneClassGiveNoEstimate() {
        assertNull(check(LabelNoiseCheck.MIN_TEXTS - 1, 0, 1).estimate());
        final LabelNoiseCheck oneClass = new LabelNoiseCheck();
        for (int i = 0; i < 500; i++) {
            oneClass.add("the same class " + i, 0);
        }
        assertNull(oneClass.estimate());
    }

    @Test
    void theSampleStaysBoundedAndStillFindsNoise() {
        final LabelNoiseCheck check = new LabelNoiseCheck();
        final SplittableRandom random = new SplittableRandom(2);
        final int texts = LabelNoiseCheck.SAMPLE_SIZE * 3;
        for (int i = 0; i < texts; i++) {
            final int label = i % 2;
            // Every tenth label flipped, spread over the whole stream.
            check.add(text(label, random), i % 10 == 3 ? 1 - label : label);
        }
        final LabelNoiseCheck.Estimate estimate = check.estimate();
        assertEquals(LabelNoiseCheck.SAMPLE_SIZE, estimate.checked());
        assertTrue(estimate.ratio() > 0.08 && estimate.ratio() < 0.12, "ratio " + estimate.ratio());
    }

    @Test
    void longTextsAreCutBeforeTheyAreKept() {
        final LabelNoiseCheck check = new LabelNoiseCheck();
        check.add("word ".repeat(10_000), 0);
        assertTrue(check.bytes() <= 40 + 2L * LabelNoiseCheck.MAX_TEXT_CHARS);
    }

    @Test
    void mergedChecksSeeTheTextsOfBoth() {
        final LabelNoiseCheck first = check(600, 60, 3);
        final LabelNoiseCheck second = check(600, 0, 4);
        first.merge(second, code -> code);
        final LabelNoiseCheck.Estimate estimate = first.estimate();
        assertEquals(1_200, estimate.checked());
        assertTrue(estimate.suspects() >= 50 && estimate.suspects() <= 70, "suspects " + estimate.suspects());
    }

    @Test
    void mergeMapsTheOtherProfilesClassCodes() {
        final LabelNoiseCheck first = check(600, 0, 5);
        // The other profile met the classes in the opposite order: without the mapping every label would look flipped.
        first.merge(swapped(), code -> 1 - code);
        assertTrue(first.estimate().suspects() <= 10, "suspects " + first.estimate().suspects());
    }

    private static LabelNoiseCheck swapped() {
        final LabelNoiseCheck swapped = new LabelNoiseCheck();
        final SplittableRandom random = new SplittableRandom(6);
        for (int i = 0; i < 600; i++) {
            final int label = i % 2;
            swapped.add(text(label, random), 1 - label);
        }
        return swapped;
    }
}
