package io.nifidq.benchmarks;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.nifidq.testing.SharedDatasets;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes the benchmark inputs: the seed rows of a shared data set repeated, with seeded variations, to the
 * wanted number of records, as CSV (header line, RFC 4180) and as a JSON array. Files are named by data
 * set, record count and generator version, and reused while they exist.
 */
final class BenchmarkDataGenerator {

    /** Bump when the variations change, so that stale files in target/ are not reused. */
    private static final int VERSION = 1;
    private static final long SEED = 20_261_128L;
    private static final Set<String> ADULT_NUMERIC = Set.of("age", "fnlwgt", "education_num", "capital_gain", "capital_loss",
            "hours_per_week");
    private static final Set<String> ADULT_MAY_BE_MISSING = Set.of("workclass", "occupation", "native_country");
    private static final String[] TEXT_PREFIXES = {"Hi, ", "Re: ", "FW: ", "Hey ", "Pls note: "};
    private static final String[] TEXT_SUFFIXES = {" :)", " thx", " ok?", " !!", " lol", " - sent from my phone"};

    /** The seed data sets, by their path under the shared data sets (text first, then label, for the text ones). */
    enum Seed {
        ADULT("uci_adult/adult_train.csv", "adult"),
        SMS_SPAM("sms_spam_collection/sms_spam.csv", "sms"),
        /** Chinese hotel reviews (AugmentText's Chinese workload). */
        CHNSENTICORP("chnsenticorp_htl_all/text_label.csv", "chn");

        final String relativePath;
        final String shortName;

        Seed(final String relativePath, final String shortName) {
            this.relativePath = relativePath;
            this.shortName = shortName;
        }
    }

    enum Format {
        CSV("csv"), JSON("json");

        final String extension;

        Format(final String extension) {
            this.extension = extension;
        }
    }

    private final Path outputDir;

    BenchmarkDataGenerator(final Path outputDir) {
        this.outputDir = outputDir;
    }

    /** The file with the given number of records, written first when it is not there yet. */
    Path file(final Seed seed, final Format format, final int records) throws IOException {
        final Path file = outputDir.resolve(seed.shortName + "-" + records + "-v" + VERSION + "." + format.extension);
        if (Files.isRegularFile(file)) {
            return file;
        }
        Files.createDirectories(outputDir);
        final List<List<String>> rows = CsvRows.read(SharedDatasets.file(seed.relativePath));
        final List<String> header = rows.getFirst();
        final List<List<String>> body = rows.subList(1, rows.size());
        final Path partial = Files.createTempFile(outputDir, file.getFileName().toString(), ".partial");
        final long start = System.nanoTime();
        try (OutputStream out = Files.newOutputStream(partial)) {
            final SplittableRandom random = new SplittableRandom(SEED);
            if (format == Format.CSV) {
                writeCsv(out, seed, header, body, records, random);
            } else {
                writeJson(out, seed, header, body, records, random);
            }
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.printf("generated %s (%,d records, %,d bytes) in %.1f s%n", file.getFileName(), records, Files.size(file),
                (System.nanoTime() - start) / 1e9);
        return file;
    }

    private static void writeCsv(final OutputStream out, final Seed seed, final List<String> header, final List<List<String>> body,
                                 final int records, final SplittableRandom random) throws IOException {
        final Writer writer = new BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        writer.write(String.join(",", header));
        writer.write('\n');
        final StringBuilder line = new StringBuilder(256);
        for (int i = 0; i < records; i++) {
            final List<String> values = vary(seed, header, body.get(i % body.size()), i / body.size(), random);
            line.setLength(0);
            for (int f = 0; f < values.size(); f++) {
                if (f > 0) {
                    line.append(',');
                }
                line.append(CsvRows.escape(values.get(f)));
            }
            line.append('\n');
            writer.append(line);
        }
        writer.flush();
    }

    private static void writeJson(final OutputStream out, final Seed seed, final List<String> header, final List<List<String>> body,
                                  final int records, final SplittableRandom random) throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartArray();
            for (int i = 0; i < records; i++) {
                final List<String> values = vary(seed, header, body.get(i % body.size()), i / body.size(), random);
                json.writeStartObject();
                for (int f = 0; f < header.size(); f++) {
                    final String name = header.get(f);
                    if (seed == Seed.ADULT && ADULT_NUMERIC.contains(name)) {
                        json.writeNumberField(name, Long.parseLong(values.get(f)));
                    } else {
                        json.writeStringField(name, values.get(f));
                    }
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        }
    }

    /** The seed row as it appears in the given repetition; repetition 0 is the row itself. */
    private static List<String> vary(final Seed seed, final List<String> header, final List<String> row, final int repetition,
                                     final SplittableRandom random) {
        if (repetition == 0) {
            return row;
        }
        return seed == Seed.ADULT ? varyAdult(header, row, repetition, random) : varyText(row, repetition, random);
    }

    /**
     * Numbers move a little (age by up to 3 years, fnlwgt by a step per repetition so that repeated rows stay distinct,
     * hours by up to 2); about 0.5% of the fields that have missing values in the seed become "?", and about 0.2% of
     * categorical values change case, which the profile reports as case variants.
     */
    private static List<String> varyAdult(final List<String> header, final List<String> row, final int repetition,
                                          final SplittableRandom random) {
        final String[] values = row.toArray(String[]::new);
        for (int f = 0; f < header.size(); f++) {
            final String name = header.get(f);
            switch (name) {
                case "age" -> values[f] = Integer.toString(Math.clamp(Long.parseLong(values[f]) + random.nextInt(-3, 4), 17, 90));
                case "fnlwgt" -> values[f] = Long.toString(Long.parseLong(values[f]) + 17L * repetition);
                case "hours_per_week" ->
                        values[f] = Integer.toString(Math.clamp(Long.parseLong(values[f]) + random.nextInt(-2, 3), 1, 99));
                default -> {
                    if (ADULT_MAY_BE_MISSING.contains(name) && random.nextInt(200) == 0) {
                        values[f] = "?";
                    } else if (!ADULT_NUMERIC.contains(name) && random.nextInt(500) == 0) {
                        values[f] = values[f].toUpperCase();
                    }
                }
            }
        }
        return List.of(values);
    }

    /**
     * About 10% of repeated texts stay exact duplicates; the others get a prefix, a suffix, a number, a changed case or
     * two swapped words, so that most of them are near duplicates of their seed text. The label stays.
     */
    private static List<String> varyText(final List<String> row, final int repetition, final SplittableRandom random) {
        final String text = row.get(0);
        final String varied = switch (random.nextInt(10)) {
            case 0 -> text;
            case 1, 2 -> TEXT_PREFIXES[random.nextInt(TEXT_PREFIXES.length)] + text;
            case 3, 4 -> text + TEXT_SUFFIXES[random.nextInt(TEXT_SUFFIXES.length)];
            case 5, 6 -> text + " #" + repetition;
            case 7 -> random.nextBoolean() ? text.toUpperCase() : text.toLowerCase();
            default -> swapTwoWords(text, random);
        };
        return List.of(varied, row.get(1));
    }

    private static String swapTwoWords(final String text, final SplittableRandom random) {
        final String[] words = text.split(" ");
        if (words.length < 2) {
            return text + " " + text;
        }
        final int a = random.nextInt(words.length);
        final int b = random.nextInt(words.length);
        final String word = words[a];
        words[a] = words[b];
        words[b] = word;
        return String.join(" ", words);
    }
}
