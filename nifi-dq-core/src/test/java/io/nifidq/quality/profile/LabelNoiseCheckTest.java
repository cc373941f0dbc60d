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
