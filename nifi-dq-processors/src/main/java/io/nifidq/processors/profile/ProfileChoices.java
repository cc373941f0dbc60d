package io.nifidq.processors.profile;

import io.nifidq.processors.common.Choice;
import io.nifidq.processors.common.Choice.Wording;

/** The choices of ProfileQuality's properties. */
public final class ProfileChoices {

    private ProfileChoices() {
    }

    /** How the profile report is written. */
    public enum ReportFormatChoice implements Choice {
        @Wording(displayName = "JSON", description = "The whole report as one JSON document (schema in docs/profile-report.md).")
        JSON("application/json", "json"),
        @Wording(displayName = "CSV",
                description = "The same report flattened to rows of metric,value (for spreadsheets), written with OpenCSV.")
        CSV("text/csv", "csv");

        private final String mimeType;
        private final String extension;

        ReportFormatChoice(final String mimeType, final String extension) {
            this.mimeType = mimeType;
            this.extension = extension;
        }

        String mimeType() {
            return mimeType;
        }

        String extension() {
            return extension;
        }
    }

    /** What a batch is compared with to measure drift. */
    public enum DriftBaselineChoice implements Choice {
        @Wording(displayName = "None", description = "No drift is measured.")
        NONE,
        @Wording(displayName = "Last Accepted Profile",
                description = "The last batch that passed the quality gate, kept in cluster-scoped NiFi state. The first batch "
                        + "has nothing to compare with and becomes the baseline when it passes.")
        LAST_ACCEPTED,
        @Wording(displayName = "Baseline File",
                description = "A profile report written earlier by ProfileQuality (JSON), or its 'baseline' section alone.")
        FILE
    }
}
