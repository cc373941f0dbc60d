package io.nifidq.quality.profile;

import java.util.List;
import java.util.Map;

/** One record as the profiler sees it: its field names in order and a value per name (null when absent). */
public interface RecordView {

    List<String> fieldNames();

    Object value(String field);

    /** A record of these values, its fields in the map's order. */
    static RecordView of(final Map<String, ?> values) {
        final List<String> names = List.copyOf(values.keySet());
        return new RecordView() {
            @Override
            public List<String> fieldNames() {
                return names;
            }

            @Override
            public Object value(final String field) {
                return values.get(field);
            }
        };
    }
}
