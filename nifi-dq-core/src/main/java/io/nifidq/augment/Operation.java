package io.nifidq.augment;

/** The augmentation operations: EDA's four (Wei and Zou, 2019) and keyboard typos. */
public enum Operation {
    SYNONYM_REPLACEMENT("synonym replacement", false),
    RANDOM_INSERTION("random insertion", false),
    RANDOM_SWAP("random swap", true),
    RANDOM_DELETION("random deletion", true),
    CHARACTER_NOISE("character noise", false);

    private final String label;
    private final boolean languageFree;

    Operation(final String label, final boolean languageFree) {
        this.label = label;
        this.languageFree = languageFree;
    }

    /** Lower-case words, as used in attributes and documentation. */
    public String label() {
        return label;
    }

    /** True when the operation needs neither synonyms nor a keyboard layout, so it applies to any language. */
    public boolean languageFree() {
        return languageFree;
    }
}
