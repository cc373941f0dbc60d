package io.nifidq.quality.profile;

import java.io.IOException;

/** Count, mean, variance (Welford), minimum and maximum of a stream of numbers; two of them merge exactly (Chan et al.). */
public final class Moments {

    private long count;
    private double mean;
    private double squaredDeviations;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    public void add(final double value) {
        count++;
        final double delta = value - mean;
        mean += delta / count;
        squaredDeviations += delta * (value - mean);
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    /** Adds the same value the given number of times. */
    public void add(final double value, final long times) {
        if (times == 1) {
            add(value);
            return;
        }
        final long total = count + times;
        final double delta = value - mean;
        squaredDeviations += delta * delta * count * times / total;
        mean += delta * times / total;
        count = total;
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    public void merge(final Moments other) {
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

    void writeTo(final ProfileOutput out) throws IOException {
        out.writeLong(count);
        out.writeDouble(mean);
        out.writeDouble(squaredDeviations);
        out.writeDouble(min);
        out.writeDouble(max);
    }

    /** Reads what {@link #writeTo} wrote into these (new, empty) moments. */
    void readFrom(final ProfileInput in) throws IOException {
        count = in.readNonNegative("a count of numbers");
        mean = in.readDouble();
        squaredDeviations = in.readDouble();
        min = in.readDouble();
        max = in.readDouble();
    }

    public long count() {
        return count;
    }

    public double mean() {
        return mean;
    }

    /** The sample standard deviation (n - 1 in the denominator, as pandas reports it); 0 for one value. */
    public double standardDeviation() {
        return count < 2 ? 0.0 : Math.sqrt(squaredDeviations / (count - 1));
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }
}
