package io.nifidq.benchmarks;

import io.nifidq.benchmarks.BenchmarkDataGenerator.Format;
import io.nifidq.benchmarks.BenchmarkDataGenerator.Seed;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A nifi-dq processor (the subject: ProfileQuality or CleanRecords) against ConvertRecord (and the
 * read-only floor) on the same FlowFile, in the same TestRunner
 * setup: each contender runs once to warm up, then the contenders alternate (the order rotates every round) for
 * the wanted number of rounds; the figure of a contender is its median. Only runner.run() is timed: the
 * FlowFile is enqueued and the heap collected before it, the output checked and dropped after it.
 */
final class ThroughputBenchmark {

    static final Set<String> OPTIONS = Set.of("records", "rounds", "warmups", "workloads", "jfr", "read-only",
            "near-duplicate-limit");

    /** One input: a seed data set in one format, and the ProfileQuality fields that apply to it. */
    enum Workload {
        ADULT_CSV("adult-csv", Seed.ADULT, Format.CSV, null, null),
        ADULT_JSON("adult-json", Seed.ADULT, Format.JSON, null, null),
        SMS_CSV("sms-csv", Seed.SMS_SPAM, Format.CSV, "text", "label"),
        SMS_JSON("sms-json", Seed.SMS_SPAM, Format.JSON, "text", "label");

        final String key;
        final Seed seed;
        final Format format;
        final String textField;
        final String labelField;

        Workload(final String key, final Seed seed, final Format format, final String textField, final String labelField) {
            this.key = key;
            this.seed = seed;
            this.format = format;
            this.textField = textField;
            this.labelField = labelField;
        }

        static Workload byKey(final String key) {
            return Keyed.byKey(Workload.class, workload -> workload.key, key, "workload");
        }
    }

    /** The nifi-dq processor measured against ConvertRecord, with its target ratio from BENCHMARKS.md section 2. */
    enum Subject {
        PROFILE_QUALITY("ProfileQuality", "PQ", 1.5), CLEAN_RECORDS("CleanRecords", "Clean", 2.0),
        CLASSIFY_TEXT("ClassifyText", "Classify", 3.0);

        final String label;
        final String abbreviation;
        final double targetRatio;

        Subject(final String label, final String abbreviation, final double targetRatio) {
            this.label = label;
            this.abbreviation = abbreviation;
            this.targetRatio = targetRatio;
        }
    }

    enum Contender {
        CONVERT_RECORD, SUBJECT, READ_ONLY;

        String label(final Subject subject) {
            return switch (this) {
                case CONVERT_RECORD -> "ConvertRecord";
                case SUBJECT -> subject.label;
                case READ_ONLY -> "read only";
            };
        }
    }

    /** The seconds of every timed round of every contender on one workload. */
    record WorkloadResult(Subject subject, Workload workload, int records, long bytes, Map<Contender, List<Double>> seconds) {
    }

    private final Subject subject;
    private final BenchmarkOptions options;
    private final Path outputDir;
    private final Integer nearDuplicateLimit;
    private Path modelDirectory;

    ThroughputBenchmark(final Subject subject, final BenchmarkOptions options, final Path outputDir) {
        this.subject = subject;
        this.options = options;
        this.outputDir = outputDir;
        final int limit = options.intValue("near-duplicate-limit", -1);
        this.nearDuplicateLimit = limit < 0 ? null : limit;
    }

    /** The model store ClassifyText's service serves (CLASSIFY_TEXT only). */
    ThroughputBenchmark withModel(final Path directory) {
        this.modelDirectory = directory;
        return this;
    }

    List<WorkloadResult> run() throws Exception {
        final int records = options.intValue("records", 1_000_000);
        final int rounds = options.intValue("rounds", 3);
        final int warmups = options.intValue("warmups", 1);
        final boolean readOnly = Boolean.parseBoolean(options.string("read-only", "true"));
        final List<String> defaultWorkloads = subject == Subject.CLASSIFY_TEXT ? List.of("sms-csv", "sms-json")
                : List.of("adult-csv", "adult-json", "sms-csv", "sms-json");
        final List<Workload> workloads = options.stringList("workloads", defaultWorkloads)
                .stream().map(Workload::byKey).toList();
        final List<Contender> contenders = readOnly ? List.of(Contender.values())
                : List.of(Contender.CONVERT_RECORD, Contender.SUBJECT);
        final BenchmarkDataGenerator generator = new BenchmarkDataGenerator(outputDir.resolve("data"));
        final Path jfrDir = options.path("jfr");

        final List<WorkloadResult> results = new ArrayList<>();
        for (final Workload workload : workloads) {
            final Path file = generator.file(workload.seed, workload.format, records);
            // One recording per workload, so that the hotspots of tabular and text data stay apart.
            try (Recording recording = jfrDir == null ? null : new Recording(Configuration.getConfiguration("profile"))) {
                if (recording != null) {
                    Files.createDirectories(jfrDir);
                    recording.setToDisk(true);
                    recording.setDestination(jfrFile(jfrDir, workload));
                    recording.start();
                }
                results.add(measure(workload, file, records, contenders, warmups, rounds));
                if (recording != null) {
                    recording.stop();
                    System.out.println("  JFR recording written to " + jfrFile(jfrDir, workload).toAbsolutePath());
                }
            }
        }
        return results;
    }

    static Path jfrFile(final Path jfrDir, final Workload workload) {
        return jfrDir.resolve(workload.key + ".jfr");
    }

    private WorkloadResult measure(final Workload workload, final Path file, final int records, final List<Contender> contenders,
                                   final int warmups, final int rounds) throws Exception {
        final byte[] content = Files.readAllBytes(file);
        final Map<Contender, TestRunner> runners = new EnumMap<>(Contender.class);
        for (final Contender contender : contenders) {
            runners.put(contender, switch (contender) {
                case CONVERT_RECORD -> ProcessorRunners.convertRecord(workload.format);
                case SUBJECT -> switch (subject) {
                    case PROFILE_QUALITY -> ProcessorRunners.profileQuality(workload.format, workload.textField, workload.labelField,
                            nearDuplicateLimit);
                    case CLEAN_RECORDS -> ProcessorRunners.cleanRecords(workload.format, workload.textField, workload.labelField,
                            nearDuplicateLimit);
                    case CLASSIFY_TEXT -> ProcessorRunners.classifyText(workload.format, workload.textField, modelDirectory);
                };
                case READ_ONLY -> ProcessorRunners.readRecordsOnly(workload.format);
            });
        }
        System.out.printf("%n== %s: %,d records, %,d bytes ==%n", workload.key, records, content.length);
        for (int w = 0; w < warmups; w++) {
            for (final Contender contender : contenders) {
                final double seconds = timeOneRun(runners.get(contender), content, records);
                System.out.printf("  warm-up   %-15s %7.2f s%n", contender.label(subject), seconds);
            }
        }
        final Map<Contender, List<Double>> seconds = new EnumMap<>(Contender.class);
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < contenders.size(); i++) {
                final Contender contender = contenders.get((i + round) % contenders.size());
                final double s = timeOneRun(runners.get(contender), content, records);
                seconds.computeIfAbsent(contender, c -> new ArrayList<>()).add(s);
                System.out.printf("  round %d   %-15s %7.2f s%n", round + 1, contender.label(subject), s);
            }
        }
        return new WorkloadResult(subject, workload, records, content.length, seconds);
    }

    /** Enqueues the content, collects the heap, times runner.run(), checks the record count, drops the output. */
    static double timeOneRun(final TestRunner runner, final byte[] content, final int records) {
        runner.enqueue(content);
        collectGarbage();
        final long start = System.nanoTime();
        runner.run();
        final double seconds = (System.nanoTime() - start) / 1e9;
        final List<MockFlowFile> failed = runner.getFlowFilesForRelationship("failure");
        if (!failed.isEmpty()) {
            throw new IllegalStateException(runner.getProcessor().getClass().getSimpleName() + " routed to failure: "
                    + failed.getFirst().getAttributes());
        }
        // CleanRecords sends what it drops to 'rejected': records in = records out + records rejected.
        final long counted = recordCount(runner, "success") + recordCount(runner, "rejected");
        if (counted != records) {
            throw new IllegalStateException(runner.getProcessor().getClass().getSimpleName() + " accounted for " + counted
                    + " of " + records + " records on success and rejected");
        }
        runner.clearTransferState();
        runner.clearProvenanceEvents();
        return seconds;
    }

    private static long recordCount(final TestRunner runner, final String relationship) {
        if (runner.getProcessor().getRelationships().stream().noneMatch(r -> r.getName().equals(relationship))) {
            return 0;
        }
        return runner.getFlowFilesForRelationship(relationship).stream()
                .mapToLong(flowFile -> Long.parseLong(flowFile.getAttribute("record.count"))).sum();
    }

    static void collectGarbage() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
    }
}
