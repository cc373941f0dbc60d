package io.nifidq.quality.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small records for specification-style tests: {@code Records.of("text", "hi", "label", "ham")}. */
final class Records {

    private Records() {
    }

    static RecordView of(final Object... namesAndValues) {
        final Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return RecordView.of(values);
    }

    /** One record per value, all in a single field. */
    static List<RecordView> column(final String field, final Object... values) {
        final List<RecordView> records = new ArrayList<>();
        for (final Object value : values) {
            records.add(of(field, value));
        }
        return records;
    }

    /** The rows of a CSV file with a header, as records. */
    static List<RecordView> csv(final java.nio.file.Path file) throws java.io.IOException {
        return io.nifidq.testing.SharedDatasets.rows(file).stream().map(RecordView::of).toList();
    }

    static DatasetProfile profile(final ProfileSettings settings, final List<RecordView> records) {
        final DatasetProfile profile = new DatasetProfile(settings);
        records.forEach(profile::add);
        return profile;
    }

    static ProfileReport.FieldReport field(final ProfileReport report, final String name) {
        return report.fields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }
}
