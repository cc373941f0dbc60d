package io.nifidq.quality.profile;

/** Count, mean, variance (Welford), minimum and maximum of a stream of numbers; two of them merge exactly (Chan et al.). */
final class Moments {

    private long count;
    private double mean;
    private double squaredDeviations;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    void add(final double value) {
        count++;
        final double delta = value - mean;
        mean += delta / count;
        squaredDeviations += delta * (value - mean);
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    void merge(final Moments other) {
        if (other.count == 0) {
            return;
        }
        if (count == 0) {
            count = other.count;
            mean = other.mean;
            squaredDeviations = other.squaredDeviations;
            min = other.min;
            max = other.max;
            return;
        }
        final long total = count + other.count;
        final double delta = other.mean - mean;
        squaredDeviations += other.squaredDeviations + delta * delta * count * other.count / total;
        mean += delta * other.count / total;
        count = total;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    long count() {
        return count;
    }

    double mean() {
        return mean;
    }

    /** The sample standard deviation (n - 1 in the denominator, as pandas reports it); 0 for one value. */
    double standardDeviation() {
        return count < 2 ? 0.0 : Math.sqrt(squaredDeviations / (count - 1));
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }
}
