package io.nifidq.ml.train;

import java.util.Locale;

/** The side of the split a record's input assigns it to, e.g. the fixed splits a data set ships with. */
public enum AssignedSplit {
    TRAIN, VALIDATION, TEST;

    /** "train", "validation" (or "valid", "dev") and "test" in any case; null for anything else or null. */
    public static AssignedSplit parse(final String value) {
        if (value == null) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "train", "training" -> TRAIN;
            case "validation", "valid", "dev" -> VALIDATION;
            case "test", "testing" -> TEST;
            default -> null;
        };
    }
}
