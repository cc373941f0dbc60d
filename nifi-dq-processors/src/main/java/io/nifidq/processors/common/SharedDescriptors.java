package io.nifidq.processors.common;

import io.nifidq.augment.CopyMarkers;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.resource.ResourceCardinality;
import org.apache.nifi.components.resource.ResourceType;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriterFactory;

import java.nio.charset.StandardCharsets;

import static io.nifidq.processors.common.Descriptors.fieldNames;
import static io.nifidq.processors.common.Descriptors.optional;
import static io.nifidq.processors.common.Descriptors.withDefault;

/**
 * The properties several processors have: the same name, kind, validation and default everywhere, each with the
 * processor's own description. Each returns a builder, so a processor adds what only it needs (required,
 * dependsOn) before build().
 */
public final class SharedDescriptors {

    private SharedDescriptors() {
    }

    /**
     * An admin's encoder directory, in TrainClassifier and ProfileQuality: the processor says required and dependsOn, and
     * what else its description needs (empty for nothing).
     */
    public static PropertyDescriptor.Builder encoderDirectory(final String more) {
        return new PropertyDescriptor.Builder().name("Encoder Directory")
                .description("An admin's encoder directory (model.onnx, tokenizer.json, encoder.json with the files' SHA-256), e.g. a "
                        + "BERT, RoBERTa or MiniLM exported from Hugging Face. Verified at every load; nothing is downloaded. On a "
                        + "cluster, a directory every node can read at the same path." + (more.isEmpty() ? "" : " " + more))
                .identifiesExternalResource(ResourceCardinality.SINGLE, ResourceType.DIRECTORY)
                .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT);
    }

    public static PropertyDescriptor.Builder recordReader(final String description) {
        return new PropertyDescriptor.Builder().name("Record Reader").description(description)
                .identifiesControllerService(RecordReaderFactory.class).required(true);
    }

    public static PropertyDescriptor.Builder recordWriter(final String description) {
        return new PropertyDescriptor.Builder().name("Record Writer").description(description)
                .identifiesControllerService(RecordSetWriterFactory.class).required(true);
    }

    /** Optional unless the processor says required(true). */
    public static PropertyDescriptor.Builder textField(final String description) {
        return fieldNames("Text Field", description);
    }

    /** Optional unless the processor says required(true). */
    public static PropertyDescriptor.Builder labelField(final String description) {
        return fieldNames("Label Field", description);
    }

    /** The same in ProfileQuality and CleanRecords: the fields that identify a record for exact duplicates. */
    public static PropertyDescriptor.Builder duplicateKeyFields() {
        return fieldNames("Duplicate Key Fields",
                "Comma-separated fields that identify a record when counting exact duplicates. Empty: the whole record.");
    }

    public static PropertyDescriptor.Builder nullTokens(final String description) {
        return optional("Null Tokens", StandardValidators.NON_BLANK_VALIDATOR, description)
                .defaultValue("N/A,NA,null,None,NaN,-,?");
    }

    /** The same in ProfileQuality and CleanRecords, which finds near duplicates as ProfileQuality measures them. */
    public static PropertyDescriptor.Builder nearDuplicateThreshold() {
        return withDefault("Near-Duplicate Threshold", "0.9", StandardValidators.createNonNegativeFloatingPointValidator(1.0),
                "Two texts whose estimated Jaccard similarity (over 5-character shingles, 2 for Chinese) is at least this are "
                        + "near duplicates. Needs Text Field.");
    }

    /** The same in ProfileQuality and CleanRecords. */
    public static PropertyDescriptor.Builder nearDuplicateIndexLimit() {
        return withDefault("Near-Duplicate Index Limit", "50000", StandardValidators.createLongValidator(0, 10_000_000, true),
                "The most texts the near-duplicate index holds (about 600 bytes each). Beyond it, a shrinking random share of "
                        + "later texts (limit / n) is compared with the indexed ones and the report says the count is a sampled "
                        + "estimate. 0 turns near-duplicate detection off.");
    }

    /** The content's character set, which should be the Record Reader's: the bytes not valid in it are counted. */
    public static PropertyDescriptor.Builder characterSet(final String description) {
        return withDefault("Character Set", StandardCharsets.UTF_8.name(), StandardValidators.CHARACTER_SET_VALIDATOR, description)
                .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES);
    }

    /** The same in CleanRecords and AugmentText, which refuse content that is not text in the Character Set. */
    public static PropertyDescriptor.Builder maxInvalidByteRatio() {
        return withDefault("Maximum Invalid Byte Ratio", "0.01", StandardValidators.createNonNegativeFloatingPointValidator(1.0),
                "A FlowFile in which a larger share of the bytes is not valid in the Character Set (random or binary bytes, or "
                        + "another character set) goes to 'failure' with the reason in dq.error instead of being passed on as data. "
                        + "1 turns the check off. A FlowFile with content in which the reader finds no record goes to 'failure' too.");
    }

    /** AugmentText's marker of a copy, which TrainClassifier reads back. */
    public static PropertyDescriptor.Builder augmentedField(final String description) {
        return withDefault("Augmented Field", CopyMarkers.DEFAULTS.augmentedField(), StandardValidators.NON_BLANK_VALIDATOR,
                description);
    }

    /** AugmentText's index of a copy's source record, which TrainClassifier reads back. */
    public static PropertyDescriptor.Builder sourceIndexField(final String description) {
        return withDefault("Source Index Field", CopyMarkers.DEFAULTS.sourceIndexField(), StandardValidators.NON_BLANK_VALIDATOR,
                description);
    }
}
