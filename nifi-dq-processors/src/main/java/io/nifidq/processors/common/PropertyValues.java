package io.nifidq.processors.common;

import java.util.Arrays;
import java.util.List;

/** How property values that name fields or list tokens are read. */
public final class PropertyValues {

    private PropertyValues() {
    }

    /** The comma-separated items, stripped, empty ones left out; none for null. */
    public static List<String> commaSeparated(final String value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The value stripped, or null when it is unset or blank. */
    public static String blankToNull(final String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
