package io.nifidq.processors.clean;

import io.nifidq.processors.common.Choice;
import io.nifidq.processors.common.Choice.Wording;
import io.nifidq.quality.clean.CleaningRules;

/** The choices of CleanRecords' properties; those that stand for a cleaning rule map onto it by name. */
public final class CleanChoices {

    private CleanChoices() {
    }

    public enum MissingValuesChoice implements Choice {
        @Wording(displayName = "Keep", description = "Missing values stay missing.")
        KEEP,
        @Wording(displayName = "Drop Record", description = "A record with a missing value in one of the fields is rejected.")
        DROP_RECORD,
        @Wording(displayName = "Fill Constant", description = "Missing values become the Fill Value.")
        FILL_CONSTANT,
        @Wording(displayName = "Mean",
                description = "Missing numbers become the field's mean over the FlowFile (numeric fields only).")
        MEAN,
        @Wording(displayName = "Median",
                description = "Missing numbers become the field's median over the FlowFile (numeric fields only).")
        MEDIAN,
        @Wording(displayName = "Mode", description = "Missing values become the field's most frequent value over the FlowFile.")
        MODE;

        /** The plain-Java constant of the same name. */
        final CleaningRules.MissingValueStrategy strategy = CleaningRules.MissingValueStrategy.valueOf(name());
    }

    public enum OutlierMethodChoice implements Choice {
        @Wording(displayName = "Off", description = "Outliers are left alone.")
        OFF,
        @Wording(displayName = "IQR",
                description = "Outside [Q1 - t * IQR, Q3 + t * IQR] (Tukey's fences; t = 1.5 by default).")
        IQR,
        @Wording(displayName = "Z-Score", description = "More than t standard deviations from the mean (t = 3 by default).")
        Z_SCORE;

        /** The plain-Java constant of the same name. */
        final CleaningRules.OutlierMethod method = CleaningRules.OutlierMethod.valueOf(name());
    }

    public enum StandardizationChoice implements Choice {
        @Wording(displayName = "Off", description = "Numbers are left as they are.")
        OFF,
        @Wording(displayName = "Z-Score", description = "(x - mean) / standard deviation.")
        Z_SCORE,
        @Wording(displayName = "Min-Max", description = "(x - min) / (max - min), into [0, 1].")
        MIN_MAX;

        /** The plain-Java constant of the same name. */
        final CleaningRules.Standardization method = CleaningRules.Standardization.valueOf(name());
    }

    public enum LabelConflictsChoice implements Choice {
        @Wording(displayName = "Keep", description = "Identical texts keep their different labels.")
        KEEP,
        @Wording(displayName = "Majority",
                description = "Every record of the text gets the label most of them carry; without a majority they are "
                        + "rejected.")
        MAJORITY,
        @Wording(displayName = "Reject", description = "Every record of a text that carries different labels is rejected.")
        REJECT;

        /** The plain-Java constant of the same name. */
        final CleaningRules.ConflictResolution resolution = CleaningRules.ConflictResolution.valueOf(name());
    }

    /** What happens to a record whose value breaks a rule that can either reject or repair. */
    public enum ActionChoice implements Choice {
        @Wording(displayName = "Repair",
                description = "Repair the value: set it to null (coercion), clip it to the fence (outliers), truncate it (long "
                        + "texts).")
        REPAIR,
        @Wording(displayName = "Reject Record", description = "Send the record, unchanged, to 'rejected' with the reason.")
        REJECT
    }
}
