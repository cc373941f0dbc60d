package io.nifidq.runtime;

import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvException;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** RFC 4180 CSV for the end-to-end tests: the data sets' text,label files in, the flows' CSV output back. */
final class Csv {

    private Csv() {
    }

    /** Every row of the content, the header first. */
    static List<List<String>> parse(final String content) {
        try (CSVReader reader = new CSVReader(new StringReader(content))) {
            return reader.readAll().stream().map(List::of).toList();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final CsvException e) {
            throw new IllegalArgumentException("Not CSV: " + e.getMessage(), e);
        }
    }

    /** The rows after the header. */
    static List<List<String>> records(final String content) {
        final List<List<String>> rows = parse(content);
        return rows.subList(1, rows.size());
    }

    /** One CSV line, every field quoted. */
    static String line(final String... fields) {
        return Arrays.stream(fields).map(f -> '"' + f.replace("\"", "\"\"") + '"').collect(Collectors.joining(",", "", "\n"));
    }
}
