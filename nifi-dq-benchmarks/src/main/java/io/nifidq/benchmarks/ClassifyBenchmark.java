package io.nifidq.benchmarks;

import io.nifidq.ml.train.EpochListener;
import io.nifidq.ml.train.JobSettings;
import io.nifidq.ml.train.ModelPublisher;
import io.nifidq.ml.train.TrainingData;
import io.nifidq.ml.train.TrainingJob;

import io.nifidq.testing.SharedDatasets;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * ClassifyText's inference cost, two ways, in one run. First the model: TrainClassifier's default
 * training on the sms_spam_collection train split, published as TrainClassifier publishes it, and
 * fastText (default settings) on the same split. Then (1) ClassifyText against ConvertRecord on the
 * generated SMS inputs ({@link ThroughputBenchmark}, same harness as the other processors), and (2)
 * ClassifyText against {@code fasttext predict} on the same texts: the test split repeated to the
 * wanted number of records, as a CSV for ClassifyText and one text per line for fastText.
 */
final class ClassifyBenchmark {

    static final Set<String> OPTIONS = Set.of("records", "rounds", "warmups", "workloads", "jfr", "read-only",
            "near-duplicate-limit", "predict-records");

    private ClassifyBenchmark() {
    }

    /** Trains and publishes the model under {@code outputDir/model}; returns the model directory (the store's root). */
    static Path trainModel(final Path outputDir) throws Exception {
        final Path root = outputDir.resolve("model");
        final TrainingData data = new TrainingData();
        for (final List<String> row : rows(split().resolve("train.csv"))) {
            data.add(row.get(0), row.get(1), false, null);
        }
        final long start = System.nanoTime();
        final var result = new TrainingJob(JobSettings.defaults()).run(data, EpochListener.NONE);
        final Path version = ModelPublisher.publish(root, result, data);
        System.out.printf(Locale.ROOT, "Trained the default model in %.1f s: %s%n", (System.nanoTime() - start) / 1e9, version);
        return root;
    }

    /** The sms test split's texts repeated to {@code records}: a text,label CSV and a fastText input file. */
    static Path[] predictInputs(final Path outputDir, final int records) throws Exception {
        final List<List<String>> test = rows(split().resolve("test.csv"));
        final Path csv = outputDir.resolve("data/sms-test-" + records + ".csv");
        final Path txt = outputDir.resolve("data/sms-test-" + records + ".txt");
        Files.createDirectories(csv.getParent());
        try (BufferedWriter c = Files.newBufferedWriter(csv, StandardCharsets.UTF_8); BufferedWriter t = Files.newBufferedWriter(txt,
                StandardCharsets.UTF_8)) {
            c.write("text,label\n");
            for (int i = 0; i < records; i++) {
                final List<String> row = test.get(i % test.size());
                c.write('"' + row.get(0).replace("\"", "\"\"") + "\"," + row.get(1) + "\n");
                t.write(row.get(0).replace('\n', ' ').replace('\r', ' ') + "\n");
            }
        }
        return new Path[] {csv, txt};
    }

    /** Trains fastText with its defaults on the train split; returns the model file. */
    static Path trainFastText(final Path outputDir) throws Exception {
        final Path input = outputDir.resolve("data/sms-train.fasttext");
        try (BufferedWriter out = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            for (final List<String> row : rows(split().resolve("train.csv"))) {
                out.write("__label__" + row.get(1).strip() + " " + row.get(0).replace('\n', ' ').replace('\r', ' ') + "\n");
            }
        }
        final Path model = outputDir.resolve("data/sms-fasttext");
        run("fasttext", "supervised", "-input", input.toString(), "-output", model.toString(), "-thread", "1");
        return Path.of(model + ".bin");
    }

    /** Seconds of {@code fasttext predict} over the file, output discarded. */
    static double fastTextPredictSeconds(final Path model, final Path texts) throws Exception {
        final long start = System.nanoTime();
        run("fasttext", "predict", model.toString(), texts.toString());
        return (System.nanoTime() - start) / 1e9;
    }

    private static void run(final String... command) throws Exception {
        final Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (is the Debian package fasttext installed?)");
        }
    }

    private static Path split() {
        return SharedDatasets.file("README.md").getParent().resolve("sms_spam_collection/split");
    }

    /** The rows of a text,label CSV without its header, as [text, label]. */
    private static List<List<String>> rows(final Path file) throws Exception {
        final CsvRows.LabelledTexts rows = CsvRows.readLabelledTexts(file);
        return java.util.stream.IntStream.range(0, rows.texts().size()).mapToObj(i -> List.of(rows.texts().get(i), rows.labels().get(i)))
                .toList();
    }
}
