package io.nifidq.processors.clean;

import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvException;
import io.nifidq.processors.clean.CleanChoices.ActionChoice;
import io.nifidq.processors.clean.CleanChoices.LabelConflictsChoice;
import io.nifidq.processors.clean.CleanChoices.MissingValuesChoice;
import io.nifidq.processors.clean.CleanChoices.OutlierMethodChoice;
import io.nifidq.processors.clean.CleanChoices.StandardizationChoice;
import io.nifidq.processors.common.SharedDescriptors;
import io.nifidq.quality.clean.CleaningRules;
import io.nifidq.quality.clean.TextNormalization;
import io.nifidq.quality.profile.ValueKind;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.resource.ResourceCardinality;
import org.apache.nifi.components.resource.ResourceType;
import org.apache.nifi.distributed.cache.client.DistributedMapCacheClient;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.util.StandardValidators;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.nifidq.processors.common.Descriptors.choice;
import static io.nifidq.processors.common.Descriptors.fieldNames;
import static io.nifidq.processors.common.Descriptors.flag;
import static io.nifidq.processors.common.Descriptors.optional;
import static io.nifidq.processors.common.Descriptors.withDefault;
import static io.nifidq.processors.common.PropertyValues.blankToNull;
import static io.nifidq.processors.common.PropertyValues.commaSeparated;

/** CleanRecords' property descriptors, and the cleaning rules they describe. */
public final class CleanProperties {

    public static final PropertyDescriptor RECORD_READER = SharedDescriptors.recordReader(
            "Reads the records to clean (CSVReader, JsonTreeReader, AvroReader...).").build();

    public static final PropertyDescriptor RECORD_WRITER = SharedDescriptors.recordWriter(
            "Writes the cleaned records, and the rejected records with their reason field.").build();

    public static final PropertyDescriptor CHARACTER_SET = SharedDescriptors.characterSet("The character set of the content: set it "
            + "to the Record Reader's. Content in which too many bytes are not valid in it is not cleaned (Maximum Invalid Byte "
            + "Ratio).").build();

    public static final PropertyDescriptor MAX_INVALID_BYTE_RATIO = SharedDescriptors.maxInvalidByteRatio().build();

    public static final PropertyDescriptor TEXT_FIELD = SharedDescriptors.textField(
            "The field holding free text: its length bounds apply, near duplicates and label conflicts are found on it.").build();

    public static final PropertyDescriptor LABEL_FIELD = SharedDescriptors.labelField(
            "The field holding the class label: it is canonicalised, checked against Allowed Labels, and conflicts resolved.").build();

    public static final PropertyDescriptor NULL_TOKENS = SharedDescriptors.nullTokens(
            "Comma-separated values that become real nulls, compared trimmed and ignoring case.").build();

    public static final PropertyDescriptor REPAIR_MOJIBAKE = flag("Repair Mojibake", "true",
            "Repair UTF-8 text that was decoded as Latin-1 or Windows-1252 (cafÃ© becomes café) and Windows-1252 punctuation "
                    + "decoded as Latin-1 (U+0092 becomes ’).").build();
    public static final PropertyDescriptor DECODE_HTML = flag("Decode HTML", "true",
            "Decode HTML entities (&amp;lt; becomes <) and replace HTML tags with a space.").build();
    public static final PropertyDescriptor UNICODE_NFKC = flag("Unicode NFKC", "true",
            "Normalise to Unicode NFKC: full-width letters and digits (common in Chinese text) become their usual forms, ligatures "
                    + "split.").build();
    public static final PropertyDescriptor REMOVE_CONTROL_CHARACTERS = flag("Remove Control Characters", "true",
            "Remove control characters other than tab and line breaks.").build();
    public static final PropertyDescriptor NORMALIZE_WHITESPACE = flag("Normalize Whitespace", "true",
            "Trim values and turn every run of whitespace, line breaks included, into one space.").build();
    public static final PropertyDescriptor LOWER_CASE = flag("Lower Case", "false", "Lower-case the values.").build();

    public static final PropertyDescriptor NORMALIZED_FIELDS = fieldNames("Normalized Fields",
            "Comma-separated string fields the text repairs apply to. Empty: every string field.").build();

    public static final PropertyDescriptor CASE_INSENSITIVE_LABELS = flag("Case-Insensitive Labels", "true",
            "Trim labels and compare them regardless of case, so that ' Spam', 'SPAM' and 'spam' are one label, written 'spam' "
                    + "(lower case; with Allowed Labels, as spelled there). When false, labels are only trimmed.").build();

    public static final PropertyDescriptor LABEL_MAPPING = optional("Label Mapping",
            StandardValidators.createRegexMatchingValidator(java.util.regex.Pattern.compile("\\s*[^=,]+=[^=,]*(\\s*,\\s*[^=,]+=[^=,]*)*\\s*")),
            "Comma-separated 'from=to' pairs applied after trimming and case folding, e.g. 'junk=spam, ok=ham'. With "
                    + "Case-Insensitive Labels, 'from' matches in any case and 'to' is written like any other label.")
            .dependsOn(LABEL_FIELD)
            .build();

    public static final PropertyDescriptor LABEL_MAPPING_FILE = new PropertyDescriptor.Builder()
            .name("Label Mapping File")
            .description("A CSV file of 'from,to' rows (no header) applied like Label Mapping; both may be set.")
            .required(false)
            .identifiesExternalResource(ResourceCardinality.SINGLE, ResourceType.FILE)
            .dependsOn(LABEL_FIELD)
            .build();

    public static final PropertyDescriptor ALLOWED_LABELS = optional("Allowed Labels", StandardValidators.NON_BLANK_VALIDATOR,
            "Comma-separated labels, compared after trimming, case folding and Label Mapping. When set, records with any other "
                    + "label, or none, are rejected, and the labels kept are written as spelled here ('Spam,Ham' writes "
                    + "'SPAM' as 'Spam').")
            .dependsOn(LABEL_FIELD)
            .build();

    public static final PropertyDescriptor LABEL_CONFLICTS = choice("Label Conflicts", LabelConflictsChoice.MAJORITY,
            "What happens to identical texts (after the text repairs) that carry different labels.")
            .dependsOn(LABEL_FIELD)
            .build();

    public static final PropertyDescriptor UNCOERCIBLE_VALUES = choice("Uncoercible Values", ActionChoice.REPAIR,
            "What happens to a value that cannot be converted to the type a dynamic property declares for its field.")
            .build();

    public static final PropertyDescriptor MIN_TEXT_LENGTH = withDefault("Minimum Text Length", "1",
            StandardValidators.NON_NEGATIVE_INTEGER_VALIDATOR,
            "Texts with fewer characters, after the repairs and trimming, are rejected; 1 rejects empty texts.")
            .dependsOn(TEXT_FIELD)
            .build();

    public static final PropertyDescriptor MAX_TEXT_LENGTH = withDefault("Maximum Text Length", "100000",
            StandardValidators.POSITIVE_INTEGER_VALIDATOR,
            "Texts with more characters are rejected or truncated (Long Texts).")
            .dependsOn(TEXT_FIELD)
            .build();

    public static final PropertyDescriptor LONG_TEXTS = choice("Long Texts", ActionChoice.REJECT,
            "What happens to texts longer than Maximum Text Length: Repair truncates them.")
            .dependsOn(TEXT_FIELD)
            .build();

    public static final PropertyDescriptor MISSING_VALUES = choice("Missing Values", MissingValuesChoice.KEEP,
            "What happens to missing values (null, empty, or a null token) of the Missing Value Fields.")
            .build();

    public static final PropertyDescriptor FILL_VALUE = new PropertyDescriptor.Builder()
            .name("Fill Value")
            .description("The value missing values become.")
            .required(true)
            .addValidator(StandardValidators.NON_EMPTY_VALIDATOR)
            .dependsOn(MISSING_VALUES, MissingValuesChoice.FILL_CONSTANT)
            .build();

    public static final PropertyDescriptor MISSING_VALUE_FIELDS = fieldNames("Missing Value Fields",
            "Comma-separated fields whose missing values are handled. Empty: every field but the text and label fields.").build();

    public static final PropertyDescriptor OUTLIER_METHOD = choice("Outlier Method", OutlierMethodChoice.OFF,
            "How outliers of numeric fields are found, from the statistics of the whole FlowFile.")
            .build();

    public static final PropertyDescriptor OUTLIER_THRESHOLD = optional("Outlier Threshold",
            StandardValidators.createNonNegativeFloatingPointValidator(1000),
            "t in the outlier method. Empty: 1.5 for IQR, 3 for Z-Score.")
            .dependsOn(OUTLIER_METHOD, OutlierMethodChoice.IQR, OutlierMethodChoice.Z_SCORE)
            .build();

    public static final PropertyDescriptor OUTLIER_ACTION = choice("Outlier Action", ActionChoice.REPAIR,
            "Repair clips an outlier to the nearest fence (winsorising); Reject Record rejects its record.")
            .dependsOn(OUTLIER_METHOD, OutlierMethodChoice.IQR, OutlierMethodChoice.Z_SCORE)
            .build();

    public static final PropertyDescriptor OUTLIER_FIELDS = fieldNames("Outlier Fields",
            "Comma-separated numeric fields checked for outliers. Empty: every numeric field.")
            .dependsOn(OUTLIER_METHOD, OutlierMethodChoice.IQR, OutlierMethodChoice.Z_SCORE)
            .build();

    public static final PropertyDescriptor STANDARDIZATION = choice("Standardization", StandardizationChoice.OFF,
            "Rescales numeric fields with parameters fitted on the FlowFile and written as attributes "
                    + "(dq.clean.standardize.<field>.mean/sd or .min/max). A FlowFile that already carries such attributes is "
                    + "rescaled with them instead, so later batches are transformed exactly as the first.")
            .build();

    public static final PropertyDescriptor STANDARDIZED_FIELDS = fieldNames("Standardized Fields",
            "Comma-separated numeric fields to rescale. Empty: every numeric field.")
            .dependsOn(STANDARDIZATION, StandardizationChoice.Z_SCORE, StandardizationChoice.MIN_MAX)
            .build();

    public static final PropertyDescriptor REMOVE_EXACT_DUPLICATES = flag("Remove Exact Duplicates", "true",
            "Reject records whose Duplicate Key Fields (after cleaning) equal an earlier record's; the first is kept.").build();

    public static final PropertyDescriptor DUPLICATE_KEY_FIELDS = SharedDescriptors.duplicateKeyFields()
            .dependsOn(REMOVE_EXACT_DUPLICATES, "true")
            .build();

    public static final PropertyDescriptor DUPLICATE_CACHE = new PropertyDescriptor.Builder()
            .name("Distributed Duplicate Cache")
            .description("Also reject exact duplicates of records kept from earlier FlowFiles (on any node sharing the cache): the "
                    + "64-bit key of every kept record is stored in this DistributedMapCacheClient once its FlowFile is written. "
                    + "Two FlowFiles cleaned at the same moment by concurrent tasks can both keep a record they share; use one "
                    + "concurrent task when that matters. Unset: duplicates are looked for within each FlowFile only.")
            .identifiesControllerService(DistributedMapCacheClient.class)
            .required(false)
            .dependsOn(REMOVE_EXACT_DUPLICATES, "true")
            .build();

    public static final PropertyDescriptor DUPLICATE_CACHE_PREFIX = withDefault("Duplicate Cache Key Prefix", "nifi-dq.clean",
            StandardValidators.NON_BLANK_VALIDATOR,
            "Prefix of the cache keys (<prefix>:<record key in hex>): one prefix per data set keeps data sets apart in one "
                    + "cache.")
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .dependsOn(DUPLICATE_CACHE)
            .build();

    public static final PropertyDescriptor REMOVE_NEAR_DUPLICATES = flag("Remove Near Duplicates", "false",
            "Reject records whose text is a near duplicate of an earlier text (MinHash, as ProfileQuality measures it); the first "
                    + "is kept.")
            .dependsOn(TEXT_FIELD)
            .build();

    public static final PropertyDescriptor NEAR_DUPLICATE_THRESHOLD = SharedDescriptors.nearDuplicateThreshold()
            .dependsOn(REMOVE_NEAR_DUPLICATES, "true")
            .build();

    public static final PropertyDescriptor NEAR_DUPLICATE_INDEX_LIMIT = SharedDescriptors.nearDuplicateIndexLimit()
            .dependsOn(REMOVE_NEAR_DUPLICATES, "true")
            .build();

    public static final PropertyDescriptor REASON_FIELD = withDefault("Reject Reason Field", "dq_reject_reason",
            StandardValidators.NON_BLANK_VALIDATOR,
            "The field added to rejected records with the reason, as 'step: rule'.")
            .build();

    static final List<PropertyDescriptor> DESCRIPTORS = List.of(RECORD_READER, RECORD_WRITER, CHARACTER_SET, MAX_INVALID_BYTE_RATIO,
            TEXT_FIELD, LABEL_FIELD, NULL_TOKENS, REPAIR_MOJIBAKE, DECODE_HTML, UNICODE_NFKC, REMOVE_CONTROL_CHARACTERS, NORMALIZE_WHITESPACE, LOWER_CASE, NORMALIZED_FIELDS,
            CASE_INSENSITIVE_LABELS, LABEL_MAPPING, LABEL_MAPPING_FILE, ALLOWED_LABELS, LABEL_CONFLICTS, UNCOERCIBLE_VALUES,
            MIN_TEXT_LENGTH, MAX_TEXT_LENGTH, LONG_TEXTS, MISSING_VALUES, FILL_VALUE, MISSING_VALUE_FIELDS, OUTLIER_METHOD,
            OUTLIER_THRESHOLD, OUTLIER_ACTION, OUTLIER_FIELDS, STANDARDIZATION, STANDARDIZED_FIELDS, REMOVE_EXACT_DUPLICATES,
            DUPLICATE_KEY_FIELDS, DUPLICATE_CACHE, DUPLICATE_CACHE_PREFIX, REMOVE_NEAR_DUPLICATES, NEAR_DUPLICATE_THRESHOLD,
            NEAR_DUPLICATE_INDEX_LIMIT, REASON_FIELD);

    private CleanProperties() {
    }

    static CleaningRules rules(final ProcessContext context, final FlowFile flowFile, final Map<String, String> labelMappingFromFile,
                               final Map<String, ValueKind> declaredTypes) {
        final String textField = blankToNull(context.getProperty(TEXT_FIELD).evaluateAttributeExpressions(flowFile).getValue());
        final String labelField = blankToNull(context.getProperty(LABEL_FIELD).evaluateAttributeExpressions(flowFile).getValue());
        final boolean caseInsensitive = context.getProperty(CASE_INSENSITIVE_LABELS).asBoolean();
        // The file's pairs first, so that the property's win where both map the same label.
        final List<Map.Entry<String, String>> mapping = new ArrayList<>(labelMappingFromFile.entrySet());
        mapping.addAll(parseMapping(context.getProperty(LABEL_MAPPING).getValue()).entrySet());
        final CleaningRules.LabelRule labels = CleaningRules.LabelRule.of(caseInsensitive, mapping,
                commaSeparated(context.getProperty(ALLOWED_LABELS).getValue()),
                context.getProperty(LABEL_CONFLICTS).asAllowableValue(LabelConflictsChoice.class).resolution);
        final TextNormalization normalization = new TextNormalization(context.getProperty(REPAIR_MOJIBAKE).asBoolean(),
                context.getProperty(DECODE_HTML).asBoolean(), context.getProperty(DECODE_HTML).asBoolean(),
                context.getProperty(UNICODE_NFKC).asBoolean(), context.getProperty(REMOVE_CONTROL_CHARACTERS).asBoolean(),
                context.getProperty(NORMALIZE_WHITESPACE).asBoolean(), context.getProperty(LOWER_CASE).asBoolean());
        final OutlierMethodChoice outlierMethod = context.getProperty(OUTLIER_METHOD).asAllowableValue(OutlierMethodChoice.class);
        final Double threshold = context.getProperty(OUTLIER_THRESHOLD).asDouble();
        final double outlierThreshold = threshold != null ? threshold : outlierMethod == OutlierMethodChoice.Z_SCORE ? 3.0 : 1.5;
        final boolean rejectOutliers = context.getProperty(OUTLIER_ACTION).asAllowableValue(ActionChoice.class) == ActionChoice.REJECT;
        final boolean nearDuplicates = textField != null && context.getProperty(REMOVE_NEAR_DUPLICATES).asBoolean();
        return new CleaningRules(
                Set.copyOf(commaSeparated(context.getProperty(NULL_TOKENS).getValue()).stream().map(t -> t.toLowerCase(Locale.ROOT)).toList()),
                normalization, fieldList(context, NORMALIZED_FIELDS, flowFile), textField, labelField, labels,
                new CleaningRules.CoercionRule(declaredTypes,
                        context.getProperty(UNCOERCIBLE_VALUES).asAllowableValue(ActionChoice.class) == ActionChoice.REJECT),
                textField == null ? CleaningRules.TextLengthRule.NONE : new CleaningRules.TextLengthRule(
                        context.getProperty(MIN_TEXT_LENGTH).asInteger(), context.getProperty(MAX_TEXT_LENGTH).asInteger(),
                        context.getProperty(LONG_TEXTS).asAllowableValue(ActionChoice.class) == ActionChoice.REPAIR),
                new CleaningRules.MissingValueRule(context.getProperty(MISSING_VALUES).asAllowableValue(MissingValuesChoice.class).strategy,
                        context.getProperty(FILL_VALUE).getValue(), fieldList(context, MISSING_VALUE_FIELDS, flowFile)),
                new CleaningRules.OutlierRule(outlierMethod.method, outlierThreshold, rejectOutliers, fieldList(context, OUTLIER_FIELDS, flowFile)),
                new CleaningRules.StandardizationRule(context.getProperty(STANDARDIZATION).asAllowableValue(StandardizationChoice.class).method,
                        fieldList(context, STANDARDIZED_FIELDS, flowFile)),
                new CleaningRules.DuplicateRule(context.getProperty(REMOVE_EXACT_DUPLICATES).asBoolean(),
                        fieldList(context, DUPLICATE_KEY_FIELDS, flowFile), nearDuplicates,
                        nearDuplicates ? context.getProperty(NEAR_DUPLICATE_THRESHOLD).asDouble() : 0.9,
                        nearDuplicates ? context.getProperty(NEAR_DUPLICATE_INDEX_LIMIT).asInteger() : 0));
    }

    /** Reads a label mapping file: rows of from,to; throws with the line that is wrong. */
    static Map<String, String> readMappingFile(final Path file) throws IOException {
        final Map<String, String> mapping = new LinkedHashMap<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVReader csv = new CSVReader(reader)) {
            final List<String[]> rows = csv.readAll();
            for (int i = 0; i < rows.size(); i++) {
                final String[] row = rows.get(i);
                if (row.length == 1 && row[0].isBlank()) {
                    continue;
                }
                if (row.length != 2 || row[0].isBlank()) {
                    throw new IOException("Line " + (i + 1) + " of " + file + " is not a 'from,to' pair: " + Arrays.toString(row));
                }
                mapping.put(row[0].strip(), row[1].strip());
            }
        } catch (final CsvException e) {
            throw new IOException("Label Mapping File " + file + " is not valid CSV: " + e.getMessage(), e);
        }
        return mapping;
    }

    static ValueKind declaredType(final String value) {
        return ValueKind.valueOf(value.strip().toUpperCase(Locale.ROOT));
    }

    static final Set<String> COERCIBLE_TYPES = Set.of("INTEGER", "DECIMAL", "BOOLEAN", "DATE", "STRING");

    private static Map<String, String> parseMapping(final String value) {
        final Map<String, String> mapping = new LinkedHashMap<>();
        for (final String pair : commaSeparated(value)) {
            final String[] parts = pair.split("=", 2);
            mapping.put(parts[0].strip(), parts[1].strip());
        }
        return mapping;
    }

    private static List<String> fieldList(final ProcessContext context, final PropertyDescriptor property, final FlowFile flowFile) {
        return commaSeparated(context.getProperty(property).evaluateAttributeExpressions(flowFile).getValue());
    }
}
