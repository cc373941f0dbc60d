package io.nifidq.quality.profile;

/** Reports carry six decimals: enough for any ratio over ten million records, and stable to read and compare. */
final class Rounding {

    private Rounding() {
    }

    static double round(final double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        return Math.round(value * 1e6) / 1e6;
    }

    /** part / whole, rounded; 0 when the whole is 0. */
    static double ratio(final long part, final long whole) {
        return whole == 0 ? 0.0 : round((double) part / whole);
    }
}
