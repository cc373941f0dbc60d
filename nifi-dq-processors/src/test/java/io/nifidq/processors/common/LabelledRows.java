package io.nifidq.processors.common;

import com.opencsv.CSVReader;
import com.opencsv.CSVWriter;
import io.nifidq.testing.SharedDatasets;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.List;

/** Rows of the shared data sets' text,label files, and the CSV content a test enqueues from them. */
public final class LabelledRows {

    private LabelledRows() {
    }

    /** The first rows of a split file (relative to the data sets folder), its header left out. */
    public static List<String[]> first(final String file, final int limit) {
        try (CSVReader reader = new CSVReader(Files.newBufferedReader(SharedDatasets.file(file)))) {
            final List<String[]> all = reader.readAll();
            return List.copyOf(all.subList(1, Math.min(all.size(), limit + 1)));
        } catch (final Exception e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** A text,label CSV of the rows, every value quoted. */
    public static String csv(final List<String[]> rows) {
        final StringWriter out = new StringWriter();
        try (CSVWriter writer = new CSVWriter(out, ',', '"', '"', "\r\n")) {
            writer.writeNext(new String[]{"text", "label"}, false);
            rows.forEach(r -> writer.writeNext(r, true));
        } catch (final IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
