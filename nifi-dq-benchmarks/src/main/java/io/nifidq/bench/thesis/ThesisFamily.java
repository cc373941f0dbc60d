package io.nifidq.bench.thesis;

import java.util.Locale;

/**
 * The model families the thesis trains on every cell, each with TrainClassifier's defaults for its Model Type: the n-gram
 * model (trained from scratch) and the frozen pretrained encoder with a trained head (the bundled int8 BGE small of the
 * split's language, not blended with the n-gram model, so that each family's losses and recoveries are its own).
 * ProfileQuality's label-noise check uses the same family (its Label Noise Model).
 */
public enum ThesisFamily {
    NGRAM("n-gram"),
    ENCODER("frozen encoder");

    private final String title;

    ThesisFamily(final String title) {
        this.title = title;
    }

    /** The name in tables and charts. */
    public String title() {
        return title;
    }

    /** The command-line name: ngram, encoder. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ThesisFamily byName(final String name) {
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
    }
}
