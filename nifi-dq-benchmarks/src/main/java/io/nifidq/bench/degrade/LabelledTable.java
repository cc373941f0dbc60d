package io.nifidq.bench.degrade;

import io.nifidq.benchmarks.CsvRows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A split file as the shared data sets ship it: a header row and rows of fields, read from and written to RFC 4180 CSV
 * (quoted fields, doubled quotes, embedded line breaks) or TSV (tab-separated, no quoting; tabs and line breaks in a
 * field are written as spaces). Rows are mutable lists so that corruptions can edit them in place.
 */
public final class LabelledTable {

    /** The file formats, chosen by the file name's extension. */
    public enum Format {
        CSV, TSV;

        static Format of(final Path file) {
            return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".tsv") ? TSV : CSV;
        }
    }

    private final Format format;
    private final List<String> header;
    private final List<List<String>> rows;

    public LabelledTable(final Format format, final List<String> header, final List<List<String>> rows) {
        this.format = format;
        this.header = List.copyOf(header);
        this.rows = rows;
    }

    public Format format() {
        return format;
    }

    public List<String> header() {
        return header;
    }

    /** The data rows (the header excluded), each as long as the header. */
    public List<List<String>> rows() {
        return rows;
    }

    /** The position of a column by name; an IllegalArgumentException names the columns there are. */
    public int column(final String name) {
        final int index = header.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("No column '" + name + "' in the header " + header);
        }
        return index;
    }

    public static LabelledTable read(final Path file) throws IOException {
        final Format format = Format.of(file);
        final String content = Files.readString(file, StandardCharsets.UTF_8);
        final List<List<String>> all = format == Format.CSV ? CsvRows.parse(content) : parseTsv(content);
        if (all.isEmpty()) {
            throw new IllegalArgumentException(file + " is empty: a header row is needed");
        }
        final List<String> header = all.getFirst();
        final List<List<String>> rows = new ArrayList<>(all.size() - 1);
        for (int i = 1; i < all.size(); i++) {
            final List<String> row = all.get(i);
            if (row.size() != header.size()) {
                throw new IllegalArgumentException(file + ": data row " + i + " has " + row.size() + " fields, the header "
                        + header.size());
            }
            rows.add(row);
        }
        return new LabelledTable(format, header, rows);
    }

    public void write(final Path file) throws IOException {
        Files.writeString(file, toText(), StandardCharsets.UTF_8);
    }

    /** The file content: header and rows, each line ended by {@code \n}. */
    public String toText() {
        final StringBuilder text = new StringBuilder();
        appendLine(text, header);
        for (final List<String> row : rows) {
            appendLine(text, row);
        }
        return text.toString();
    }

    private void appendLine(final StringBuilder text, final List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                text.append(format == Format.CSV ? ',' : '\t');
            }
            text.append(format == Format.CSV ? CsvRows.escape(fields.get(i)) : fields.get(i).replaceAll("[\t\r\n]", " "));
        }
        text.append('\n');
    }

    private static List<List<String>> parseTsv(final String content) {
        final List<List<String>> rows = new ArrayList<>();
        for (final String line : content.split("\r?\n", -1)) {
            if (!line.isEmpty()) {
                rows.add(new ArrayList<>(List.of(line.split("\t", -1))));
            }
        }
        return rows;
    }
}
