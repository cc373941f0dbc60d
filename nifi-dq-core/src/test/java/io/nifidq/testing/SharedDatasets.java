package io.nifidq.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    private static void addIfSet(final List<Path> candidates, final String value) {
        if (value != null && !value.isBlank()) {
            candidates.add(Path.of(value));
        }
    }
}
