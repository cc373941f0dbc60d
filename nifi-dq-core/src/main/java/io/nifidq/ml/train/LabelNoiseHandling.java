package io.nifidq.ml.train;

/** What to do with records that confident learning suspects of carrying a wrong label. */
public enum LabelNoiseHandling {
    /** No out-of-fold pass. */
    OFF,
    /** Train on every record; report the suspects with their given and predicted labels. */
    FLAG,
    /** Report the suspects and train the final model without them (and without their augmented copies). */
    PRUNE,
    /**
     * Report the suspects and train the final model with their label replaced by the predicted one (their augmented copies
     * too): keeps the texts, which matters when noise is heavy and pruning would take a large part of a class away.
     */
    RELABEL
}
