package io.nifidq.processors;

import io.nifidq.quality.clean.CleaningRules;
import org.apache.nifi.components.DescribedValue;

/** The choices of CleanRecords' properties, each mapped to the plain rule it stands for. */
final class CleanChoices {

    private CleanChoices() {
    }

    enum MissingValues implements DescribedValue {
        KEEP("Keep", "Missing values stay missing.", CleaningRules.MissingValueStrategy.KEEP),
        DROP_RECORD("Drop Record", "A record with a missing value in one of the fields is rejected.", CleaningRules.MissingValueStrategy.DROP_RECORD),
        FILL_CONSTANT("Fill Constant", "Missing values become the Fill Value.", CleaningRules.MissingValueStrategy.FILL_CONSTANT),
        MEAN("Mean", "Missing numbers become the field's mean over the FlowFile (numeric fields only).", CleaningRules.MissingValueStrategy.MEAN),
        MEDIAN("Median", "Missing numbers become the field's median over the FlowFile (numeric fields only).", CleaningRules.MissingValueStrategy.MEDIAN),
        MODE("Mode", "Missing values become the field's most frequent value over the FlowFile.", CleaningRules.MissingValueStrategy.MODE);

        private final String displayName;
        private final String description;
        final CleaningRules.MissingValueStrategy strategy;

        MissingValues(final String displayName, final String description, final CleaningRules.MissingValueStrategy strategy) {
            this.displayName = displayName;
            this.description = description;
            this.strategy = strategy;
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

    enum OutlierMethod implements DescribedValue {
        OFF("Off", "Outliers are left alone.", CleaningRules.OutlierMethod.OFF),
        IQR("IQR", "Outside [Q1 - t * IQR, Q3 + t * IQR] (Tukey's fences; t = 1.5 by default).", CleaningRules.OutlierMethod.IQR),
        Z_SCORE("Z-Score", "More than t standard deviations from the mean (t = 3 by default).", CleaningRules.OutlierMethod.Z_SCORE);

        private final String displayName;
        private final String description;
        final CleaningRules.OutlierMethod method;

        OutlierMethod(final String displayName, final String description, final CleaningRules.OutlierMethod method) {
            this.displayName = displayName;
            this.description = description;
            this.method = method;
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

    enum Standardization implements DescribedValue {
        OFF("Off", "Numbers are left as they are.", CleaningRules.Standardization.OFF),
        Z_SCORE("Z-Score", "(x - mean) / standard deviation.", CleaningRules.Standardization.Z_SCORE),
        MIN_MAX("Min-Max", "(x - min) / (max - min), into [0, 1].", CleaningRules.Standardization.MIN_MAX);

        private final String displayName;
        private final String description;
        final CleaningRules.Standardization method;

        Standardization(final String displayName, final String description, final CleaningRules.Standardization method) {
            this.displayName = displayName;
            this.description = description;
            this.method = method;
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

    enum LabelConflicts implements DescribedValue {
        KEEP("Keep", "Identical texts keep their different labels.", CleaningRules.ConflictResolution.KEEP),
        MAJORITY("Majority", "Every record of the text gets the label most of them carry; without a majority they are rejected.",
                CleaningRules.ConflictResolution.MAJORITY),
        REJECT("Reject", "Every record of a text that carries different labels is rejected.", CleaningRules.ConflictResolution.REJECT);

        private final String displayName;
        private final String description;
        final CleaningRules.ConflictResolution resolution;

        LabelConflicts(final String displayName, final String description, final CleaningRules.ConflictResolution resolution) {
            this.displayName = displayName;
            this.description = description;
            this.resolution = resolution;
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

    /** What happens to a record whose value breaks a rule that can either reject or repair. */
    enum Action implements DescribedValue {
        REPAIR("Repair", "Repair the value: set it to null (coercion), clip it to the fence (outliers), truncate it (long texts)."),
        REJECT("Reject Record", "Send the record, unchanged, to 'rejected' with the reason.");

        private final String displayName;
        private final String description;

        Action(final String displayName, final String description) {
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
}
