package io.nifidq.quality.profile;

/** What a single present value looks like; a field's inferred type is the narrowest kind most values fit. */
public enum ValueKind {
    BOOLEAN,
    INTEGER,
    DECIMAL,
    DATE,
    TIMESTAMP,
    STRING,
    /** Records, arrays and maps: counted as present, not profiled further. */
    COMPLEX;

    /** True when a value of this kind is valid for a field of the given inferred type. */
    boolean fits(final ValueKind inferredType) {
        return switch (inferredType) {
            case DECIMAL -> this == INTEGER || this == DECIMAL;
            case TIMESTAMP -> this == DATE || this == TIMESTAMP;
            case STRING -> this != COMPLEX;
            default -> this == inferredType;
        };
    }
}
