package io.nifidq.quality.profile;

/** Reads a record value as a number the way the profiler does: numbers as they are, numeric strings parsed, anything else null. */
public final class NumericValues {

    private NumericValues() {
    }

    public static Double asDouble(final Object value) {
        if (value instanceof Number number) {
            final double d = number.doubleValue();
            return Double.isNaN(d) ? null : d;
        }
        if (value instanceof String text) {
            final String stripped = text.strip();
            if (!stripped.isEmpty() && (ValueClassifier.isInteger(stripped) || ValueClassifier.isDecimal(stripped))) {
                return Double.parseDouble(stripped);
            }
        }
        return null;
    }

    /** True when the trimmed string is a whole number that fits a long. */
    public static boolean isInteger(final String stripped) {
        return !stripped.isEmpty() && ValueClassifier.isInteger(stripped);
    }
}
