package io.nifidq.ml.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A SHA-256 fingerprint of labelled training texts, in order: each text and label is fed with its
 * length first, so that ("ab", "c") and ("a", "bc") differ. A model records it to say what it was
 * trained on; the same records in the same order always give the same hash.
 */
public final class TrainingDataHash {

    private final MessageDigest digest;
    private long pairs;

    public TrainingDataHash() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** Adds one labelled text; a null text or label is hashed as distinct from an empty one. */
    public TrainingDataHash add(final String text, final String label) {
        feed(text);
        feed(label);
        pairs++;
        return this;
    }

    /** The hash as 64 lower-case hex digits; the instance is spent afterwards. */
    public String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }

    public long pairs() {
        return pairs;
    }

    /** The hash of texts and labels taken pairwise, in order. */
    public static String of(final List<String> texts, final List<String> labels) {
        if (texts.size() != labels.size()) {
            throw new IllegalArgumentException("One label per text is needed: " + texts.size() + " texts, " + labels.size() + " labels");
        }
        final TrainingDataHash hash = new TrainingDataHash();
        for (int i = 0; i < texts.size(); i++) {
            hash.add(texts.get(i), labels.get(i));
        }
        return hash.hex();
    }

    private void feed(final String value) {
        if (value == null) {
            digest.update(new byte[] {-1, -1, -1, -1});
            return;
        }
        final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8), (byte) bytes.length});
        digest.update(bytes);
    }
}
