package io.nifidq.quality.hash;

import io.nifidq.text.Scripts;

/**
 * MinHash signatures of texts over character shingles, by one-permutation hashing with optimal
 * densification (Shrivastava, ICML 2017): each shingle is hashed once, the hash's top bits pick one
 * of the signature's bins and its low bits compete for that bin's minimum. Bins that no shingle
 * reached borrow the value of a non-empty bin chosen by a hash sequence shared by all texts, which
 * keeps "positions agree" an unbiased estimate of the Jaccard similarity. One hash per shingle
 * instead of one per shingle and signature position makes a signature about as cheap as a scan.
 * <p>
 * Texts are normalised first (lower case, runs of whitespace collapsed, trimmed); shingles are 5
 * characters long, or 2 for texts written mostly in CJK, where two characters carry about as much as
 * a word. An instance reuses a buffer between calls: use one per thread.
 */
public final class MinHasher {

    public static final int SIGNATURE_LENGTH = 64;
    private static final int BIN_BITS = 6;
    /** Longer texts are shingled on their first characters only, which bounds the cost of a huge text. */
    public static final int MAX_SHINGLED_CHARS = 100_000;
    private static final int LATIN_SHINGLE = 5;
    private static final int CJK_SHINGLE = 2;
    private static final long ROLLING_BASE = 0x100000001b3L;
    private static final int EMPTY = -1;
    /** Per bin, the donor bins it tries in turn when it is empty: the same sequence for every text. */
    private static final byte[][] PROBES = new byte[SIGNATURE_LENGTH][SIGNATURE_LENGTH * 4];

    static {
        for (int bin = 0; bin < SIGNATURE_LENGTH; bin++) {
            for (int attempt = 0; attempt < PROBES[bin].length; attempt++) {
                PROBES[bin][attempt] = (byte) donor(bin, attempt + 1);
            }
        }
    }

    private char[] buffer = new char[256];

    /** The signature of the text, or null when the text has nothing to shingle (empty or blank). */
    public int[] signature(final CharSequence text) {
        final int length = normalizeInto(text);
        if (length == 0) {
            return null;
        }
        final char[] normalized = buffer;
        final int shingle = Math.min(length, mostlyCjk(normalized, length) ? CJK_SHINGLE : LATIN_SHINGLE);
        final int[] signature = new int[SIGNATURE_LENGTH];
        java.util.Arrays.fill(signature, EMPTY);
        // A rolling polynomial hash of the current shingle, avalanched before use.
        long outgoingWeight = 1;
        long window = 0;
        for (int i = 0; i < shingle; i++) {
            window = window * ROLLING_BASE + normalized[i];
            outgoingWeight *= ROLLING_BASE;
        }
        for (int end = shingle; ; end++) {
            final long hash = Hashing.mix(window ^ shingle);
            final int bin = (int) (hash >>> (64 - BIN_BITS));
            final int value = (int) (hash & Integer.MAX_VALUE);
            if (signature[bin] == EMPTY || value < signature[bin]) {
                signature[bin] = value;
            }
            if (end == length) {
                break;
            }
            window = window * ROLLING_BASE + normalized[end] - outgoingWeight * normalized[end - shingle];
        }
        densify(signature);
        return signature;
    }

    /** Fills each empty bin from the first non-empty bin of its own probe sequence, which every text shares. */
    private static void densify(final int[] signature) {
        final int[] filled = signature.clone();
        for (int bin = 0; bin < SIGNATURE_LENGTH; bin++) {
            if (filled[bin] != EMPTY) {
                continue;
            }
            for (int attempt = 1; ; attempt++) {
                final int donor = attempt <= PROBES[bin].length ? PROBES[bin][attempt - 1] : donor(bin, attempt);
                if (filled[donor] != EMPTY) {
                    signature[bin] = filled[donor];
                    break;
                }
            }
        }
    }

    private static int donor(final int bin, final long attempt) {
        return (int) (Hashing.mix(bin * 0x9e3779b97f4a7c15L + attempt) >>> (64 - BIN_BITS));
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

    /** Writes the normalised text into the buffer and returns its length. */
    private int normalizeInto(final CharSequence text) {
        final int end = Math.min(text.length(), MAX_SHINGLED_CHARS);
        if (buffer.length < end) {
            buffer = new char[Math.max(end, buffer.length * 2)];
        }
        int length = 0;
        boolean pendingSpace = false;
        for (int i = 0; i < end; i++) {
            final char c = text.charAt(i);
            if (c == ' ' || Character.isWhitespace(c)) {
                pendingSpace = length > 0;
            } else {
                if (pendingSpace) {
                    buffer[length++] = ' ';
                    pendingSpace = false;
                }
                buffer[length++] = c < 128 ? (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) : Character.toLowerCase(c);
            }
        }
        return length;
    }

    private static boolean mostlyCjk(final char[] text, final int length) {
        int cjk = 0;
        int letters = 0;
        for (int i = 0; i < length; i++) {
            final char c = text[i];
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
