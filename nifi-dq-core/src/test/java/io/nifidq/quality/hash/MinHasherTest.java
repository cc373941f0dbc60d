package io.nifidq.quality.hash;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MinHasherTest {

    private final MinHasher hasher = new MinHasher();

    @Test
    void textsThatDifferOnlyInCaseAndSpacingHaveTheSameSignature() {
        assertArrayEquals(hasher.signature("Call me  at SIX tonight"), hasher.signature("  call me at six\ttonight "));
    }

    @Test
    void blankTextsHaveNoSignatureAndTinyTextsHaveOne() {
        assertNull(hasher.signature(""));
        assertNull(hasher.signature(" \t\n"));
        assertEquals(MinHasher.SIGNATURE_LENGTH, hasher.signature("ok").length);
    }

    @Test
    void everyBinIsFilledEvenForATextWithFewerShinglesThanBins() {
        for (final int value : hasher.signature("hello there")) {
            assertTrue(value >= 0, "densification leaves no bin empty");
        }
    }

    @Test
    void theAgreementOfSignaturesEstimatesTheJaccardSimilarityOfShingleSets() {
        final Random random = new Random(11);
        double totalError = 0;
        final int pairs = 200;
        for (int pair = 0; pair < pairs; pair++) {
            final String base = randomLetters(random, 300);
            // Replace a stretch of the text: shingles inside it change, the others stay.
            final int start = random.nextInt(200);
            final String changed = base.substring(0, start) + randomLetters(random, 10 + random.nextInt(60)) + base.substring(start + 40);
            final double exact = exactJaccard(base, changed);
            final double estimate = MinHasher.estimatedJaccard(hasher.signature(base), hasher.signature(changed));
            assertEquals(exact, estimate, 0.25, "one pair may be off by a few standard errors (0.06) but not by 0.25");
            totalError += estimate - exact;
        }
        assertEquals(0.0, totalError / pairs, 0.02, "the estimate is unbiased on average");
    }

    @Test
    void chineseTextIsShingledInCharacterPairs() {
        final int[] a = hasher.signature("这家酒店的服务很好，房间也很干净，下次还会再来");
        final int[] b = hasher.signature("这家酒店的服务很好，房间也很干净，下次还会再来！");
        assertTrue(MinHasher.estimatedJaccard(a, b) > 0.8);
        assertFalse(MinHasher.estimatedJaccard(a, hasher.signature("早餐种类太少，而且前台态度冷淡")) > 0.3);
    }

    private static String randomLetters(final Random random, final int length) {
        final StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(random.nextInt(6) == 0 ? ' ' : (char) ('a' + random.nextInt(26)));
        }
        return text.toString().replaceAll(" +", " ").strip();
    }

    private static double exactJaccard(final String a, final String b) {
        final Set<String> left = shingles(a);
        final Set<String> right = shingles(b);
        final Set<String> union = new HashSet<>(left);
        union.addAll(right);
        left.retainAll(right);
        return (double) left.size() / union.size();
    }

    private static Set<String> shingles(final String text) {
        final Set<String> shingles = new HashSet<>();
        for (int i = 0; i + 5 <= text.length(); i++) {
            shingles.add(text.substring(i, i + 5));
        }
        return shingles;
    }
}
