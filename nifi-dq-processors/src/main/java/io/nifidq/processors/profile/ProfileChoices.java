package io.nifidq.processors.profile;

import io.nifidq.processors.common.Choice;

/** The choices of ProfileQuality's properties. */
public final class ProfileChoices {

    private ProfileChoices() {
    }

    /** How the profile report is written. */
    public enum ReportFormatChoice implements Choice {
        JSON("JSON", "The whole report as one JSON document (schema in docs/profile-report.md).", "application/json", "json"),
        CSV("CSV", "The same report flattened to rows of metric,value (for spreadsheets), written with OpenCSV.", "text/csv", "csv");

        private final Wording wording;
        private final String mimeType;
        private final String extension;

        ReportFormatChoice(final String displayName, final String description, final String mimeType, final String extension) {
            this.wording = new Wording(displayName, description);
            this.mimeType = mimeType;
            this.extension = extension;
        }

        @Override
        public Wording wording() {
            return wording;
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
        NONE("None", "No drift is measured."),
        LAST_ACCEPTED("Last Accepted Profile", "The last batch that passed the quality gate, kept in cluster-scoped NiFi state. "
                + "The first batch has nothing to compare with and becomes the baseline when it passes."),
        FILE("Baseline File", "A profile report written earlier by ProfileQuality (JSON), or its 'baseline' section alone.");

        private final Wording wording;

        DriftBaselineChoice(final String displayName, final String description) {
            this.wording = new Wording(displayName, description);
        }

        @Override
        public Wording wording() {
            return wording;
        }
    }
}
