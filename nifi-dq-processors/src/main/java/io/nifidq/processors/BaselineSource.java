package io.nifidq.processors;

import org.apache.nifi.components.DescribedValue;

/** What ProfileQuality compares a batch with to measure drift. */
public enum BaselineSource implements DescribedValue {
    NONE("None", "No drift is measured."),
    LAST_ACCEPTED("Last Accepted Profile", "The last batch that passed the quality gate, kept in cluster-scoped NiFi state. "
            + "The first batch has nothing to compare with and becomes the baseline when it passes."),
    FILE("Baseline File", "A profile report written earlier by ProfileQuality (JSON), or its 'baseline' section alone.");

    private final String displayName;
    private final String description;

    BaselineSource(final String displayName, final String description) {
        this.displayName = displayName;
        this.description = description;
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
}
