package io.nifidq.benchmarks;

import io.nifidq.quality.hash.LongHashSet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Heap of a DatasetProfile at several record counts: each (kind, size) runs in a fresh JVM (ProfileMemoryProbe)
 * so that nothing else is on its heap. Per-field statistics are sketches, so the profile's heap minus its
 * duplicate structures must be flat across sizes; the exact-duplicate table must stay within
 * LongHashSet.MAX_BYTES_PER_KEY bytes per distinct record.
 */
final class MemoryBenchmark {

    static final Set<String> OPTIONS = Set.of("sizes", "kinds", "xmx");
    /** Heap noise after GC is well under this; a real per-record leak at 10M records is far above it. */
    private static final double FLAT_TOLERANCE_MB = 4.0;

    /** One probe's output. */
    record Measurement(String kind, long records, long distinct, long heapBefore, long heapAfter, long duplicateBytes,
                       long nearIndexBytes, long labelConflictBytes, long labelNoiseSampleBytes, long nearIndexed, double addSeconds) {

        long profileHeap() {
            return heapAfter - heapBefore;
        }

        long recordKeyBytes() {
            return duplicateBytes - nearIndexBytes - labelConflictBytes;
        }

        long heapMinusDuplicates() {
            return profileHeap() - duplicateBytes;
        }
    }

    private final BenchmarkOptions options;

    MemoryBenchmark(final BenchmarkOptions options) {
        this.options = options;
    }

    List<Measurement> run() throws IOException, InterruptedException {
        final List<Integer> sizes = options.intList("sizes", List.of(1_000_000, 10_000_000));
        final List<String> kinds = options.stringList("kinds", List.of("tabular", "text", "text-label"));
        final String xmx = options.string("xmx", "3g");
        final List<Measurement> results = new ArrayList<>();
        for (final String kind : kinds) {
            ProfileMemoryProbe.Kind.byKey(kind);
            for (final int size : sizes) {
                System.out.printf("probe %s, %,d records (own JVM, -Xmx%s, serial GC) ...%n", kind, size, xmx);
                results.add(probe(kind, size, xmx));
            }
        }
        return results;
    }

    private static Measurement probe(final String kind, final int records, final String xmx) throws IOException, InterruptedException {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final List<String> command = List.of(java, "-Xmx" + xmx, "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), ProfileMemoryProbe.class.getName(), kind, Integer.toString(records));
        final Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        final Map<String, String> values = new HashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                final int eq = line.indexOf('=');
                if (eq > 0) {
                    values.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException("The memory probe for " + kind + " at " + records + " records failed (exit "
                    + process.exitValue() + ")");
        }
        return new Measurement(kind, Long.parseLong(values.get("records")), Long.parseLong(values.get("distinct_records")),
                Long.parseLong(values.get("heap_before")), Long.parseLong(values.get("heap_after")),
                Long.parseLong(values.get("duplicate_structure_bytes")), Long.parseLong(values.get("near_duplicate_index_bytes")),
                Long.parseLong(values.get("label_conflict_bytes")), Long.parseLong(values.get("label_noise_sample_bytes")),
                Long.parseLong(values.get("near_duplicate_indexed")), Double.parseDouble(values.get("add_seconds")));
    }

    static String markdown(final List<Measurement> results) {
        final StringBuilder out = new StringBuilder();
        out.append("| kind | records | distinct records | heap after GC MB | profile heap MB | duplicate structures MB"
                + " (record keys + near-dup index + label conflicts) | record-key bytes / distinct | profile heap - duplicate structures MB"
                + " | of which label-noise sample MB (bounded) | add s | rec/s |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (final Measurement m : results) {
            out.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %.1f | %.1f | %.1f (%.1f + %.1f + %.1f) | %.1f | %.1f | %.1f | %.1f | %,.0f |%n",
                    m.kind(), m.records(), m.distinct(), mb(m.heapAfter()), mb(m.profileHeap()), mb(m.duplicateBytes()),
                    mb(m.recordKeyBytes()), mb(m.nearIndexBytes()), mb(m.labelConflictBytes()), (double) m.recordKeyBytes() / Math.max(1, m.distinct()),
                    mb(m.heapMinusDuplicates()), mb(m.labelNoiseSampleBytes()), m.addSeconds(), m.records() / m.addSeconds()));
        }
        out.append('\n');
        final Map<String, List<Measurement>> byKind = new LinkedHashMap<>();
        results.forEach(m -> byKind.computeIfAbsent(m.kind(), k -> new ArrayList<>()).add(m));
        byKind.forEach((kind, measurements) -> out.append(verdict(kind, measurements)));
        return out.toString();
    }

    private static String verdict(final String kind, final List<Measurement> measurements) {
        final Measurement smallest = measurements.stream().min((a, b) -> Long.compare(a.records(), b.records())).orElseThrow();
        final Measurement largest = measurements.stream().max((a, b) -> Long.compare(a.records(), b.records())).orElseThrow();
        final double growthMb = mb(largest.heapMinusDuplicates() - smallest.heapMinusDuplicates());
        final long moreRecords = largest.records() - smallest.records();
        final boolean flat = Math.abs(growthMb) <= FLAT_TOLERANCE_MB;
        final boolean keysWithin = measurements.stream()
                .allMatch(m -> m.recordKeyBytes() <= (long) LongHashSet.MAX_BYTES_PER_KEY * Math.max(1, m.distinct()));
        return String.format(Locale.ROOT, "- %s: heap minus duplicate structures %s by %.1f MB from %,d to %,d records"
                        + " (%.1f bytes per added record): %s; record-key table %s %d bytes per distinct record.%n",
                kind, growthMb >= 0 ? "grows" : "shrinks", Math.abs(growthMb), smallest.records(), largest.records(),
                moreRecords == 0 ? 0.0 : growthMb * 1024 * 1024 / moreRecords,
                flat ? "FLAT (within " + FLAT_TOLERANCE_MB + " MB)" : "NOT FLAT", keysWithin ? "within" : "ABOVE",
                LongHashSet.MAX_BYTES_PER_KEY);
    }

    private static double mb(final long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
