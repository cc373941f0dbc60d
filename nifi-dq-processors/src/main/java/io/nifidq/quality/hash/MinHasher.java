package io.nifidq.quality.hash;

import io.nifidq.text.Scripts;

import java.util.Arrays;

/**
 * MinHash signatures of texts over character shingles. Texts are normalised first (lower case, runs
 * of whitespace collapsed, trimmed); shingles are 5 characters long, or 2 for texts written mostly
 * in CJK, where two characters carry about as much as a word. Each of the signature's hash functions
 * is a multiply-shift hash of the shingle's 64-bit hash, so a signature costs one pass over the text.
 */
public final class MinHasher {

    public static final int SIGNATURE_LENGTH = 64;
    /** Longer texts are shingled on their first characters only, which bounds the cost of a huge text. */
    public static final int MAX_SHINGLED_CHARS = 100_000;
    private static final int LATIN_SHINGLE = 5;
    private static final int CJK_SHINGLE = 2;

    private final long[] multipliers = new long[SIGNATURE_LENGTH];
    private final long[] increments = new long[SIGNATURE_LENGTH];

    public MinHasher() {
        long state = 0x2545f4914f6cdd1dL;
        for (int i = 0; i < SIGNATURE_LENGTH; i++) {
            state = Hashing.mix(state + 0x9e3779b97f4a7c15L);
            multipliers[i] = state | 1L;
            state = Hashing.mix(state + 0x9e3779b97f4a7c15L);
            increments[i] = state;
        }
    }

    /** The signature of the text, or null when the text has nothing to shingle (empty or blank). */
    public int[] signature(final CharSequence text) {
        final String normalized = normalize(text);
        if (normalized.isEmpty()) {
            return null;
        }
        final int shingle = mostlyCjk(normalized) ? CJK_SHINGLE : LATIN_SHINGLE;
        final int[] signature = new int[SIGNATURE_LENGTH];
        Arrays.fill(signature, Integer.MAX_VALUE);
        final int last = Math.max(0, normalized.length() - shingle);
        for (int start = 0; start <= last; start++) {
            final long shingleHash = Hashing.hash64(normalized, start, Math.min(normalized.length(), start + shingle));
            for (int i = 0; i < SIGNATURE_LENGTH; i++) {
                // The top 31 bits of a multiply-shift hash, compared as non-negative ints.
                final int value = (int) ((multipliers[i] * shingleHash + increments[i]) >>> 33);
                if (value < signature[i]) {
                    signature[i] = value;
                }
            }
        }
        return signature;
    }

    /** The share of positions where two signatures agree: an unbiased estimate of the Jaccard similarity. */
    public static double estimatedJaccard(final int[] a, final int[] b) {
        int same = 0;
        for (int i = 0; i < SIGNATURE_LENGTH; i++) {
            if (a[i] == b[i]) {
                same++;
            }
        }
        return (double) same / SIGNATURE_LENGTH;
    }

    static String normalize(final CharSequence text) {
        final int end = Math.min(text.length(), MAX_SHINGLED_CHARS);
        final StringBuilder out = new StringBuilder(end);
        boolean pendingSpace = false;
        for (int i = 0; i < end; i++) {
            final char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                pendingSpace = !out.isEmpty();
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }

    private static boolean mostlyCjk(final String text) {
        int cjk = 0;
        int letters = 0;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                if (Scripts.isCjk(c)) {
                    cjk++;
                }
            }
        }
        return letters > 0 && cjk * 2 > letters;
    }
}
