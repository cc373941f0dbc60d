package io.nifidq.processors.common;

import io.nifidq.augment.CopyMarkers;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriterFactory;

/**
 * The properties several processors have: the same name, kind, validation and default everywhere, each with the
 * processor's own description. Each returns a builder, so a processor adds what only it needs (required,
 * dependsOn) before build().
 */
public final class SharedDescriptors {

    private SharedDescriptors() {
    }

    public static PropertyDescriptor.Builder recordReader(final String description) {
        return new PropertyDescriptor.Builder()
                .name("Record Reader")
                .description(description)
                .identifiesControllerService(RecordReaderFactory.class)
                .required(true);
    }

    public static PropertyDescriptor.Builder recordWriter(final String description) {
        return new PropertyDescriptor.Builder()
                .name("Record Writer")
                .description(description)
                .identifiesControllerService(RecordSetWriterFactory.class)
                .required(true);
    }

    /** Optional unless the processor says required(true). */
    public static PropertyDescriptor.Builder textField(final String description) {
        return fieldName("Text Field", description);
    }

    /** Optional unless the processor says required(true). */
    public static PropertyDescriptor.Builder labelField(final String description) {
        return fieldName("Label Field", description);
    }

    /** Comma-separated fields that identify a record for exact duplicates. */
    public static PropertyDescriptor.Builder duplicateKeyFields(final String description) {
        return fieldName("Duplicate Key Fields", description);
    }

    public static PropertyDescriptor.Builder nullTokens(final String description) {
        return new PropertyDescriptor.Builder()
                .name("Null Tokens")
                .description(description)
                .required(false)
                .defaultValue("N/A,NA,null,None,NaN,-,?")
                .addValidator(StandardValidators.NON_BLANK_VALIDATOR);
    }

    public static PropertyDescriptor.Builder nearDuplicateThreshold(final String description) {
        return new PropertyDescriptor.Builder()
                .name("Near-Duplicate Threshold")
                .description(description)
                .required(true)
                .defaultValue("0.9")
                .addValidator(StandardValidators.createNonNegativeFloatingPointValidator(1.0));
    }

    public static PropertyDescriptor.Builder nearDuplicateIndexLimit(final String description) {
        return new PropertyDescriptor.Builder()
                .name("Near-Duplicate Index Limit")
                .description(description)
                .required(true)
                .defaultValue("50000")
                .addValidator(StandardValidators.createLongValidator(0, 10_000_000, true));
    }

    /** AugmentText's marker of a copy, which TrainClassifier reads back. */
    public static PropertyDescriptor.Builder augmentedField(final String description) {
        return markerField("Augmented Field", CopyMarkers.DEFAULTS.augmentedField(), description);
    }

    /** AugmentText's index of a copy's source record, which TrainClassifier reads back. */
    public static PropertyDescriptor.Builder sourceIndexField(final String description) {
        return markerField("Source Index Field", CopyMarkers.DEFAULTS.sourceIndexField(), description);
    }

    private static PropertyDescriptor.Builder fieldName(final String name, final String description) {
        return new PropertyDescriptor.Builder()
                .name(name)
                .description(description)
                .required(false)
                .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
                .addValidator(StandardValidators.NON_BLANK_VALIDATOR);
    }

    private static PropertyDescriptor.Builder markerField(final String name, final String defaultValue, final String description) {
        return new PropertyDescriptor.Builder()
                .name(name)
                .description(description)
                .required(true)
                .defaultValue(defaultValue)
                .addValidator(StandardValidators.NON_BLANK_VALIDATOR);
    }
}
