package io.nifidq.benchmarks;

import io.nifidq.benchmarks.ThroughputBenchmark.Contender;
import io.nifidq.benchmarks.ThroughputBenchmark.WorkloadResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The throughput results as Markdown: medians, records per second, the subject / ConvertRecord ratio. */
final class ThroughputTable {

    private ThroughputTable() {
    }

    static String markdown(final List<WorkloadResult> results) {
        final StringBuilder out = new StringBuilder();
        final ThroughputBenchmark.Subject subject = results.getFirst().subject();
        final String abbreviation = subject.abbreviation;
        out.append("| workload | records | MB | ConvertRecord median s | rec/s | " + subject.label + " median s | rec/s | ratio "
                + abbreviation + "/CR | read-only median s | " + abbreviation + " - read s | CR - read s |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (final WorkloadResult result : results) {
            final double convert = median(result.seconds().get(Contender.CONVERT_RECORD));
            final double profile = median(result.seconds().get(Contender.SUBJECT));
            final List<Double> readRounds = result.seconds().get(Contender.READ_ONLY);
            final double read = readRounds == null ? Double.NaN : median(readRounds);
            out.append(String.format(Locale.ROOT, "| %s | %,d | %.0f | %.2f | %,.0f | %.2f | %,.0f | **%.2f** | %s | %s | %s |%n",
                    result.workload().key, result.records(), result.bytes() / 1e6, convert, result.records() / convert,
                    profile, result.records() / profile, profile / convert,
                    orDash(read), orDash(profile - read), orDash(convert - read)));
        }
        out.append('\n').append("Every timed round (seconds):\n\n");
        for (final WorkloadResult result : results) {
            final List<String> parts = new ArrayList<>();
            result.seconds().forEach((contender, seconds) -> parts.add(contender.label(subject) + " "
                    + seconds.stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).collect(Collectors.joining(", "))));
            out.append("- ").append(result.workload().key).append(": ").append(String.join("; ", parts)).append('\n');
        }
        return out.toString();
    }

    static double worstRatio(final List<WorkloadResult> results) {
        return results.stream().mapToDouble(r -> median(r.seconds().get(Contender.SUBJECT))
                / median(r.seconds().get(Contender.CONVERT_RECORD))).max().orElse(Double.NaN);
    }

    static double median(final List<Double> values) {
        final List<Double> sorted = values.stream().sorted().toList();
        final int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String orDash(final double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }
}
