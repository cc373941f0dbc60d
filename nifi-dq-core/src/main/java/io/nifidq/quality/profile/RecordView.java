package io.nifidq.quality.profile;

import java.util.List;

/** One record as the profiler sees it: its field names in order and a value per name (null when absent). */
public interface RecordView {

    List<String> fieldNames();

    Object value(String field);
}
