package io.nifidq.benchmarks;

import io.nifidq.benchmarks.BenchmarkDataGenerator.Format;
import io.nifidq.benchmarks.BenchmarkDataGenerator.Seed;
import io.nifidq.processors.augment.AugmentProperties;
import io.nifidq.processors.augment.AugmentText;
import org.apache.nifi.csv.CSVRecordSetWriter;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * AugmentText against ConvertRecord on the same FlowFile, in the same TestRunner setup as the ProfileQuality
 * benchmark (same readers, writers with their defaults). AugmentText writes (1 + copies) records per record in,
 * so the figure that matters is the cost per PRODUCED record: (AugmentText s / records it wrote) divided by
 * (ConvertRecord s / records it wrote). The plain time ratio is shown too. Warm-up first (it also loads WordNet
 * and HanLP), then the two alternate for the wanted rounds; medians.
 */
final class AugmentThroughputBenchmark {

    static final Set<String> OPTIONS = Set.of("records", "rounds", "warmups", "workloads", "copies", "segmenter");

    enum Workload {
        SMS_CSV("sms-csv", Seed.SMS_SPAM, Format.CSV),
        SMS_JSON("sms-json", Seed.SMS_SPAM, Format.JSON),
        CHN_CSV("chn-csv", Seed.CHNSENTICORP, Format.CSV);

        final String key;
        final Seed seed;
        final Format format;

        Workload(final String key, final Seed seed, final Format format) {
            this.key = key;
            this.seed = seed;
            this.format = format;
        }

        static Workload byKey(final String key) {
            return Keyed.byKey(Workload.class, workload -> workload.key, key, "workload");
        }
    }

    record Result(Workload workload, int records, long bytes, int copies, List<Double> convert, List<Double> augment,
                  long augmentedOut) {
        double ratioPerProducedRecord() {
            return (ThroughputTable.median(augment) / augmentedOut) / (ThroughputTable.median(convert) / records);
        }
    }

    private final BenchmarkOptions options;
    private final Path outputDir;

    AugmentThroughputBenchmark(final BenchmarkOptions options, final Path outputDir) {
        this.options = options;
        this.outputDir = outputDir;
    }

    List<Result> run() throws Exception {
        final int records = options.intValue("records", 1_000_000);
        final int rounds = options.intValue("rounds", 3);
        final int warmups = options.intValue("warmups", 1);
        final int copies = options.intValue("copies", 1);
        final List<Workload> workloads = options.stringList("workloads", List.of("sms-csv", "sms-json", "chn-csv")).stream()
                .map(Workload::byKey).toList();
        final BenchmarkDataGenerator generator = new BenchmarkDataGenerator(outputDir.resolve("data"));
        final List<Result> results = new ArrayList<>();
        for (final Workload workload : workloads) {
            final byte[] content = Files.readAllBytes(generator.file(workload.seed, workload.format, records));
            final TestRunner convert = ProcessorRunners.convertRecord(workload.format);
            final TestRunner augment = augmentText(workload.format, copies, options.string("segmenter", "VITERBI"));
            System.out.printf("%n== %s: %,d records, %,d bytes, %d copies per record ==%n", workload.key, records, content.length, copies);
            for (int w = 0; w < warmups; w++) {
                System.out.printf("  warm-up   ConvertRecord %7.2f s%n", time(convert, content, records));
                System.out.printf("  warm-up   AugmentText   %7.2f s%n", time(augment, content, records));
            }
            final List<Double> convertSeconds = new ArrayList<>();
            final List<Double> augmentSeconds = new ArrayList<>();
            long augmentedOut = 0;
            for (int round = 0; round < rounds; round++) {
                if (round % 2 == 0) {
                    convertSeconds.add(time(convert, content, records));
                    augmentSeconds.add(time(augment, content, records));
                } else {
                    augmentSeconds.add(time(augment, content, records));
                    convertSeconds.add(time(convert, content, records));
                }
                augmentedOut = lastCount;
                System.out.printf("  round %d   ConvertRecord %7.2f s   AugmentText %7.2f s (%,d records out)%n", round + 1,
                        convertSeconds.getLast(), augmentSeconds.getLast(), augmentedOut);
            }
            results.add(new Result(workload, records, content.length, copies, convertSeconds, augmentSeconds, augmentedOut));
        }
        return results;
    }

    private static TestRunner augmentText(final Format format, final int copies, final String segmenter) throws Exception {
        final TestRunner runner = ProcessorRunners.readerOnly(AugmentText.class, format);
        final var writer = format == Format.CSV ? new CSVRecordSetWriter() : new JsonRecordSetWriter();
        runner.addControllerService(ProcessorRunners.WRITER_ID, writer);
        runner.enableControllerService(writer);
        runner.setProperty(AugmentProperties.RECORD_READER, ProcessorRunners.READER_ID);
        runner.setProperty(AugmentProperties.RECORD_WRITER, ProcessorRunners.WRITER_ID);
        runner.setProperty(AugmentProperties.TEXT_FIELD, "text");
        runner.setProperty(AugmentProperties.COPIES_PER_RECORD, Integer.toString(copies));
        runner.setProperty(AugmentProperties.CHINESE_SEGMENTER, segmenter);
        runner.assertValid();
        return runner;
    }

    private long lastCount;

    /** Enqueues, collects the heap, times runner.run(), checks success and at least the records in, drops the output. */
    private double time(final TestRunner runner, final byte[] content, final int records) {
        runner.enqueue(content);
        ThroughputBenchmark.collectGarbage();
        final long start = System.nanoTime();
        runner.run();
        final double seconds = (System.nanoTime() - start) / 1e9;
        final List<MockFlowFile> success = runner.getFlowFilesForRelationship("success");
        if (success.size() != 1) {
            throw new IllegalStateException(runner.getProcessor().getClass().getSimpleName() + " did not succeed: "
                    + runner.getFlowFilesForRelationship("failure").stream().map(MockFlowFile::getAttributes).toList());
        }
        final long count = Long.parseLong(success.getFirst().getAttribute("record.count"));
        if (count < records) {
            throw new IllegalStateException("only " + count + " records written of " + records);
        }
        if (runner.getProcessor() instanceof AugmentText) {
            lastCount = count;
        }
        runner.clearTransferState();
        runner.clearProvenanceEvents();
        return seconds;
    }

    static String markdown(final List<Result> results) {
        final StringBuilder out = new StringBuilder();
        out.append("| workload | records in | MB | copies | ConvertRecord median s | AugmentText median s | records out | "
                + "AugmentText out rec/s | time ratio AT/CR | **ratio per produced record** |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (final Result r : results) {
            final double convert = ThroughputTable.median(r.convert());
            final double augment = ThroughputTable.median(r.augment());
            out.append(String.format(Locale.ROOT, "| %s | %,d | %.0f | %d | %.2f | %.2f | %,d | %,.0f | %.2f | **%.2f** |%n",
                    r.workload().key, r.records(), r.bytes() / 1e6, r.copies(), convert, augment, r.augmentedOut(),
                    r.augmentedOut() / augment, augment / convert, r.ratioPerProducedRecord()));
        }
        out.append("\nEvery timed round (seconds):\n\n");
        for (final Result r : results) {
            out.append("- ").append(r.workload().key).append(": ConvertRecord ")
                    .append(r.convert().stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).collect(Collectors.joining(", ")))
                    .append("; AugmentText ")
                    .append(r.augment().stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).collect(Collectors.joining(", ")))
                    .append('\n');
        }
        return out.toString();
    }
}
