package io.nifidq.processors.clean;

import io.nifidq.processors.common.Choice;
import io.nifidq.quality.clean.CleaningRules;

/** The choices of CleanRecords' properties; those that stand for a cleaning rule map onto it by name. */
public final class CleanChoices {

    private CleanChoices() {
    }

    public enum MissingValuesChoice implements Choice {
        KEEP("Keep", "Missing values stay missing."),
        DROP_RECORD("Drop Record", "A record with a missing value in one of the fields is rejected."),
        FILL_CONSTANT("Fill Constant", "Missing values become the Fill Value."),
        MEAN("Mean", "Missing numbers become the field's mean over the FlowFile (numeric fields only)."),
        MEDIAN("Median", "Missing numbers become the field's median over the FlowFile (numeric fields only)."),
        MODE("Mode", "Missing values become the field's most frequent value over the FlowFile.");

        private final Wording wording;
        /** The plain-Java constant of the same name. */
        final CleaningRules.MissingValueStrategy strategy;

        MissingValuesChoice(final String displayName, final String description) {
            this.wording = new Wording(displayName, description);
            this.strategy = CleaningRules.MissingValueStrategy.valueOf(name());
        }

        @Override
        public Wording wording() {
            return wording;
        }
    }

    public enum OutlierMethodChoice implements Choice {
        OFF("Off", "Outliers are left alone."),
        IQR("IQR", "Outside [Q1 - t * IQR, Q3 + t * IQR] (Tukey's fences; t = 1.5 by default)."),
        Z_SCORE("Z-Score", "More than t standard deviations from the mean (t = 3 by default).");

        private final Wording wording;
        /** The plain-Java constant of the same name. */
        final CleaningRules.OutlierMethod method;

        OutlierMethodChoice(final String displayName, final String description) {
            this.wording = new Wording(displayName, description);
            this.method = CleaningRules.OutlierMethod.valueOf(name());
        }

        @Override
        public Wording wording() {
            return wording;
        }
    }

    public enum StandardizationChoice implements Choice {
        OFF("Off", "Numbers are left as they are."),
        Z_SCORE("Z-Score", "(x - mean) / standard deviation."),
        MIN_MAX("Min-Max", "(x - min) / (max - min), into [0, 1].");

        private final Wording wording;
        /** The plain-Java constant of the same name. */
        final CleaningRules.Standardization method;

        StandardizationChoice(final String displayName, final String description) {
            this.wording = new Wording(displayName, description);
            this.method = CleaningRules.Standardization.valueOf(name());
        }

        @Override
        public Wording wording() {
            return wording;
        }
    }

    public enum LabelConflictsChoice implements Choice {
        KEEP("Keep", "Identical texts keep their different labels."),
        MAJORITY("Majority", "Every record of the text gets the label most of them carry; without a majority they are rejected."),
        REJECT("Reject", "Every record of a text that carries different labels is rejected.");

        private final Wording wording;
        /** The plain-Java constant of the same name. */
        final CleaningRules.ConflictResolution resolution;

        LabelConflictsChoice(final String displayName, final String description) {
            this.wording = new Wording(displayName, description);
            this.resolution = CleaningRules.ConflictResolution.valueOf(name());
        }

        @Override
        public Wording wording() {
            return wording;
        }
    }

    /** What happens to a record whose value breaks a rule that can either reject or repair. */
    public enum ActionChoice implements Choice {
        REPAIR("Repair", "Repair the value: set it to null (coercion), clip it to the fence (outliers), truncate it (long texts)."),
        REJECT("Reject Record", "Send the record, unchanged, to 'rejected' with the reason.");

        private final Wording wording;

        ActionChoice(final String displayName, final String description) {
            this.wording = new Wording(displayName, description);
        }

        @Override
        public Wording wording() {
            return wording;
        }
    }
}
