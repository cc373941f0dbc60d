package io.nifidq.testing;

import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds a file of the shared data sets (the real labelled data the project is measured on) from wherever the build runs:
 * under the dq.datasets.dir system property, the DQ_DATASETS environment variable, ../shared/datasets from here or up to
 * three folders above, then /work/shared/datasets. The core and processor tests and the benchmarks (through this module's
 * test-jar) all use it.
 */
public final class SharedDatasets {

    private SharedDatasets() {
    }

    public static Path file(final String relative) {
        final List<Path> candidates = new ArrayList<>();
        addIfSet(candidates, System.getProperty("dq.datasets.dir"));
        addIfSet(candidates, System.getenv("DQ_DATASETS"));
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
            candidates.add(dir.resolve("../shared/datasets").normalize());
        }
        candidates.add(Path.of("/work/shared/datasets"));
        for (final Path candidate : candidates) {
            final Path file = candidate.resolve(relative);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new IllegalStateException("Data set file " + relative + " not found under any of " + candidates
                + "; set DQ_DATASETS to the shared datasets folder");
    }

    /** The rows of a CSV file with a header, each as field name to value, in file order. */
    public static List<Map<String, String>> rows(final Path csv) throws IOException {
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8); CSVReader lines = new CSVReader(reader)) {
            final List<String[]> all = lines.readAll();
            final String[] header = all.getFirst();
            final List<Map<String, String>> rows = new ArrayList<>(all.size() - 1);
            for (final String[] line : all.subList(1, all.size())) {
                final Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.length && i < line.length; i++) {
                    row.put(header[i], line[i]);
                }
                rows.add(row);
            }
            return rows;
        } catch (final CsvException e) {
            throw new IOException("Not CSV: " + csv + ": " + e.getMessage(), e);
        }
    }

    /** One column of a CSV file with a header, at most limit values. */
    public static List<String> column(final Path csv, final String name, final int limit) throws IOException {
        return rows(csv).stream().limit(limit).map(row -> row.get(name)).toList();
    }

    private static void addIfSet(final List<Path> candidates, final String value) {
        if (value != null && !value.isBlank()) {
            candidates.add(Path.of(value));
        }
    }
}
