package io.nifidq.bench.degrade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code degrade --in <split dir> --out <dir> --corruption <name> --strength 0.2 --seed 1}: writes a corrupted copy of the
 * split's training file (train.csv or train.tsv, same format) to the output folder, copies the test file untouched, and
 * writes {@link DegradationManifest#FILE_NAME}. Optional: {@code --text-field text}, {@code --label-field label},
 * {@code --class <label>} (the class that class-imbalance thins; default the smallest).
 */
public final class DegradeCommand {

    public static final Set<String> OPTIONS = Set.of("in", "out", "corruption", "strength", "seed", "text-field", "label-field",
            "class");

    public static final String USAGE = """
              degrade             write a corrupted copy of a split's training file and degradation.json (what was injected)
                  --in DIR          the split folder (train.csv or train.tsv; test.* is copied untouched)
                  --out DIR         the output folder (created)
                  --corruption NAME label-noise, label-noise-class, empty-text, exact-duplicates, near-duplicates,
                                    class-imbalance, mojibake, control-chars, html-entities, label-spellings
                  --strength R      share of records touched, 0..1 (class-imbalance: share of one class dropped; default 0.2)
                  --seed N          (default 1)
                  --class LABEL     the class class-imbalance thins (default: the smallest)
                  --text-field F / --label-field F   columns (default text / label)
            """;

    private DegradeCommand() {
    }

    /** Parses {@code --name value} pairs and runs; returns the manifest written. */
    public static DegradationManifest run(final List<String> args) throws IOException {
        final Map<String, String> options = parse(args);
        final Path in = Path.of(required(options, "in"));
        final Path out = Path.of(required(options, "out"));
        final Corruption corruption = Corruption.byName(required(options, "corruption"));
        final double strength = parseDouble("strength", options.getOrDefault("strength", "0.2"));
        final long seed = parseLong("seed", options.getOrDefault("seed", "1"));
        return degrade(in, out, corruption, strength, seed, options.getOrDefault("text-field", "text"),
                options.getOrDefault("label-field", "label"), options.get("class"));
    }

    public static DegradationManifest degrade(final Path splitDir, final Path outDir, final Corruption corruption, final double strength,
                                              final long seed, final String textField, final String labelField,
                                              final String imbalanceClass) throws IOException {
        final Path trainFile = existing(splitDir, "train");
        final LabelledTable input = LabelledTable.read(trainFile);
        final Degradation result = new Degrader(textField, labelField, imbalanceClass).apply(input, corruption, strength, seed);
        Files.createDirectories(outDir);
        final Path outFile = outDir.resolve(trainFile.getFileName().toString());
        result.table().write(outFile);
        for (final String ext : List.of("csv", "tsv")) {
            final Path test = splitDir.resolve("test." + ext);
            if (Files.isRegularFile(test)) {
                Files.copy(test, outDir.resolve(test.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        final DegradationManifest manifest = new DegradationManifest(1, corruption.cliName(), corruption.finding(), strength, seed,
                trainFile.toAbsolutePath().toString(), outFile.toAbsolutePath().toString(), textField, labelField,
                input.rows().size(), result.table().rows().size(), result.counts(), result.rowsRefer(), result.rows());
        manifest.write(outDir);
        return manifest;
    }

    private static Path existing(final Path dir, final String name) {
        for (final String ext : List.of("csv", "tsv")) {
            final Path file = dir.resolve(name + "." + ext);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new IllegalArgumentException("No " + name + ".csv or " + name + ".tsv in " + dir);
    }

    private static Map<String, String> parse(final List<String> args) {
        final Map<String, String> options = new HashMap<>();
        final List<String> rest = new ArrayList<>(args);
        for (int i = 0; i < rest.size(); i++) {
            final String arg = rest.get(i);
            if (!arg.startsWith("--") || !OPTIONS.contains(arg.substring(2))) {
                throw new IllegalArgumentException("Unknown option '" + arg + "'; known: --" + String.join(", --", OPTIONS));
            }
            if (i + 1 >= rest.size()) {
                throw new IllegalArgumentException("Option " + arg + " needs a value");
            }
            options.put(arg.substring(2), rest.get(++i));
        }
        return options;
    }

    private static String required(final Map<String, String> options, final String name) {
        final String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("degrade needs --" + name);
        }
        return value;
    }

    private static long parseLong(final String name, final String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, not '" + value + "'", e);
        }
    }

    private static double parseDouble(final String name, final String value) {
        try {
            return Double.parseDouble(value);
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, not '" + value + "'", e);
        }
    }
}
