package io.nifidq.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes the RFC 4180 CSV of the seed data sets (quoted fields, doubled quotes, embedded newlines). */
public final class CsvRows {

    /** The text and label columns of a data set file, row by row, labels stripped. */
    public record LabelledTexts(List<String> texts, List<String> labels) {
    }

    private CsvRows() {
    }

    /** Every row of the file, the header first. */
    public static List<List<String>> read(final Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** The text and label fields of a file with a {@code text} and a {@code label} column; short rows are skipped. */
    public static LabelledTexts readLabelledTexts(final Path file) throws IOException {
        final List<List<String>> rows = read(file);
        final int text = rows.getFirst().indexOf("text");
        final int label = rows.getFirst().indexOf("label");
        final List<String> texts = new ArrayList<>();
        final List<String> labels = new ArrayList<>();
        for (final List<String> row : rows.subList(1, rows.size())) {
            if (row.size() > Math.max(text, label)) {
                texts.add(row.get(text));
                labels.add(row.get(label).strip());
            }
        }
        return new LabelledTexts(texts, labels);
    }

    /** Every row of CSV content, the header first. */
    public static List<List<String>> parse(final String content) {
        final List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        final StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < content.length(); i++) {
            final char c = content.charAt(i);
            if (quoted) {
                if (c != '"') {
                    field.append(c);
                } else if (i + 1 < content.length() && content.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < content.length() && content.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (!field.isEmpty() || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }

    /** The field as it goes into a CSV line: quoted when it holds a comma, quote or line break. */
    public static String escape(final String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
