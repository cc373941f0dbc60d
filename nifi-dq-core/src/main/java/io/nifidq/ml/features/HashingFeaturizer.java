package io.nifidq.ml.features;

import io.nifidq.text.Tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a text into hashed feature ids, for English and Chinese alike: the {@link Tokenizer}'s word
 * tokens (every CJK character is a token of its own, so word bigrams over Chinese are character
 * bigrams), word n-grams up to {@link FeaturizerSettings#wordNgramMax()}, and character n-grams inside
 * each non-CJK word (with {@code <} and {@code >} marking its edges, as fastText does). Each feature is
 * hashed (64-bit FNV-1a over its UTF-8 bytes with a kind prefix) into 1..buckets; 0 is reserved for
 * padding. Stateless and thread-safe.
 */
public final class HashingFeaturizer implements TextFeaturizer<int[]> {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final int[] EMPTY = new int[0];

    private final FeaturizerSettings settings;

    public HashingFeaturizer(final FeaturizerSettings settings) {
        this.settings = settings;
    }

    public FeaturizerSettings settings() {
        return settings;
    }

    /** The ids of the text in order (words, then their n-grams), at most maxIds; empty for a text without tokens. */
    @Override
    public int[] featurize(final CharSequence text) {
        if (text == null || text.isEmpty()) {
            return EMPTY;
        }
        final List<String> words = Tokenizer.tokens(text);
        if (words.isEmpty()) {
            return EMPTY;
        }
        final int max = settings.maxIds();
        final int[] ids = new int[Math.min(max, estimate(words))];
        int n = 0;
        for (int i = 0; i < words.size() && n < max; i++) {
            final String word = words.get(i);
            n = add(ids, n, finish(feed(start('w'), word)));
            for (int order = 2; order <= settings.wordNgramMax() && i - order + 1 >= 0 && n < max; order++) {
                // The hash of the words joined by single spaces, without building the joined string.
                long hash = feed(start('n'), words.get(i - order + 1));
                for (int w = i - order + 2; w <= i; w++) {
                    hash = feed(feedByte(hash, ' '), words.get(w));
                }
                n = add(ids, n, finish(hash));
            }
            if (settings.charNgramMin() > 0 && word.codePointCount(0, word.length()) > 1 && !isCjk(word)) {
                n = addCharNgrams(ids, n, word);
            }
        }
        return n == ids.length ? ids : Arrays.copyOf(ids, n);
    }

    /** A text without ids cannot be trained on. */
    @Override
    public boolean usable(final int[] ids) {
        return ids.length > 0;
    }

    /**
     * The bucket (1..buckets) of one feature string of the given kind ('w' word, 'n' word n-gram, 'c' char
     * n-gram): FNV-1a over the kind and the feature's UTF-8 bytes. {@link #featurize} computes the same
     * hashes without building the strings.
     */
    public int bucket(final char kind, final String feature) {
        long hash = start(kind);
        for (final byte b : feature.getBytes(StandardCharsets.UTF_8)) {
            hash = feedByte(hash, b & 0xff);
        }
        return finish(hash);
    }

    private static long start(final char kind) {
        return (FNV_OFFSET ^ kind) * FNV_PRIME;
    }

    private int finish(long hash) {
        hash ^= hash >>> 29;
        return 1 + (int) Long.remainderUnsigned(hash, settings.buckets());
    }

    private static long feedByte(final long hash, final int b) {
        return (hash ^ b) * FNV_PRIME;
    }

    /** Feeds the UTF-8 bytes of the text, as String.getBytes(UTF_8) encodes it (a lone surrogate as '?'). */
    private static long feed(long hash, final String text) {
        for (int i = 0; i < text.length(); ) {
            final int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            hash = feedCodePoint(hash, codePoint);
        }
        return hash;
    }

    private static long feedCodePoint(long hash, final int cp) {
        if (cp < 0x80) {
            return feedByte(hash, cp);
        }
        if (cp < 0x800) {
            hash = feedByte(hash, 0xc0 | (cp >> 6));
            return feedByte(hash, 0x80 | (cp & 0x3f));
        }
        if (cp < 0x10000) {
            if (cp >= 0xd800 && cp <= 0xdfff) {
                return feedByte(hash, '?');
            }
            hash = feedByte(hash, 0xe0 | (cp >> 12));
            hash = feedByte(hash, 0x80 | ((cp >> 6) & 0x3f));
            return feedByte(hash, 0x80 | (cp & 0x3f));
        }
        hash = feedByte(hash, 0xf0 | (cp >> 18));
        hash = feedByte(hash, 0x80 | ((cp >> 12) & 0x3f));
        hash = feedByte(hash, 0x80 | ((cp >> 6) & 0x3f));
        return feedByte(hash, 0x80 | (cp & 0x3f));
    }

    private int addCharNgrams(final int[] ids, final int start, final String word) {
        final String marked = "<" + word + ">";
        final int[] cps = marked.codePoints().toArray();
        int n = start;
        for (int len = settings.charNgramMin(); len <= settings.charNgramMax(); len++) {
            for (int i = 0; i + len <= cps.length && n < ids.length; i++) {
                if (len == cps.length) {
                    continue; // the whole marked word is already the word feature
                }
                long hash = start('c');
                for (int k = i; k < i + len; k++) {
                    hash = feedCodePoint(hash, cps[k]);
                }
                n = add(ids, n, finish(hash));
            }
        }
        return n;
    }

    private int estimate(final List<String> words) {
        long total = (long) words.size() * settings.wordNgramMax();
        if (settings.charNgramMin() > 0) {
            for (final String word : words) {
                final int len = word.length() + 2;
                for (int k = settings.charNgramMin(); k <= settings.charNgramMax(); k++) {
                    total += Math.max(0, len - k + 1);
                }
            }
        }
        return (int) Math.min(Integer.MAX_VALUE - 8, total);
    }

    private static int add(final int[] ids, final int n, final int id) {
        if (n < ids.length) {
            ids[n] = id;
            return n + 1;
        }
        return n;
    }

    private static boolean isCjk(final String word) {
        return io.nifidq.text.Scripts.isCjk(word.codePointAt(0));
    }
}
