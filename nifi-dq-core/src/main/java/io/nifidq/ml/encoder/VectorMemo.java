package io.nifidq.ml.encoder;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sentence vectors an encoder has already computed, by text: an encoder with a memo runs its graph only for texts it has not
 * seen. Off in NiFi (every job embeds its own records once, and a memo of every text ever seen would grow without bound);
 * a benchmark that trains many models on overlapping texts (the thesis: label corruptions change no text) embeds each
 * distinct text once for the whole run.
 */
public interface VectorMemo {

    /** No memo: every call runs the graph. */
    VectorMemo NONE = new VectorMemo() {
        @Override
        public float[] get(final String text) {
            return null;
        }

        @Override
        public void put(final String text, final float[] vector) {
            // Remembers nothing.
        }
    };

    /** The vector of the text, or null when it has not been computed. */
    float[] get(String text);

    void put(String text, float[] vector);

    /** A memo that keeps every vector (about 1.6 KB a text for a 384-dimension encoder); safe across threads. */
    static VectorMemo unbounded() {
        final Map<String, float[]> vectors = new ConcurrentHashMap<>();
        return new VectorMemo() {
            @Override
            public float[] get(final String text) {
                return vectors.get(text);
            }

            @Override
            public void put(final String text, final float[] vector) {
                vectors.put(text, vector);
            }
        };
    }
}
