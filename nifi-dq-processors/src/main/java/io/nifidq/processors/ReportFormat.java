package io.nifidq.processors;

import org.apache.nifi.components.DescribedValue;

/** How ProfileQuality writes the profile report. */
public enum ReportFormat implements DescribedValue {
    JSON("JSON", "The whole report as one JSON document (schema in docs/profile-report.md).", "application/json", "json"),
    CSV("CSV", "The same report flattened to rows of metric,value (for spreadsheets), written with OpenCSV.", "text/csv", "csv");

    private final String displayName;
    private final String description;
    private final String mimeType;
    private final String extension;

    ReportFormat(final String displayName, final String description, final String mimeType, final String extension) {
        this.displayName = displayName;
        this.description = description;
        this.mimeType = mimeType;
        this.extension = extension;
    }

    @Override
    public String getValue() {
        return name();
    }

    @Override
    public String getDisplayName() {
        return displayName;
    }

    @Override
    public String getDescription() {
        return description;
    }

    String mimeType() {
        return mimeType;
    }

    String extension() {
        return extension;
    }
}
