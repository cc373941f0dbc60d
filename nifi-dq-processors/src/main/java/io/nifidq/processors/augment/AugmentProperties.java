package io.nifidq.processors.augment;

import io.nifidq.augment.AugmentSettings;
import io.nifidq.augment.Augmenter;
import io.nifidq.augment.ChineseSplitter;
import io.nifidq.augment.ChineseSynonyms;
import io.nifidq.augment.CopyMarkers;
import io.nifidq.augment.Operation;
import io.nifidq.augment.SynonymSource;
import io.nifidq.augment.TextSplitter;
import io.nifidq.augment.UserSynonyms;
import io.nifidq.augment.WordNetSynonyms;
import io.nifidq.processors.augment.AugmentChoices.AugmentationModeChoice;
import io.nifidq.processors.augment.AugmentChoices.LanguageChoice;
import io.nifidq.processors.augment.AugmentChoices.OperationsPerCopyChoice;
import io.nifidq.processors.augment.AugmentChoices.SegmenterChoice;
import io.nifidq.processors.common.DqAttributes;
import io.nifidq.processors.common.SharedDescriptors;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.Validator;
import org.apache.nifi.components.resource.ResourceCardinality;
import org.apache.nifi.components.resource.ResourceType;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.util.StandardValidators;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static io.nifidq.processors.common.Descriptors.choice;
import static io.nifidq.processors.common.Descriptors.flag;
import static io.nifidq.processors.common.Descriptors.withDefault;

/** AugmentText's property descriptors, and the augmenter they describe. */
public final class AugmentProperties {

    public static final PropertyDescriptor RECORD_READER = SharedDescriptors.recordReader(
            "Reads the records to augment (CSVReader, JsonTreeReader, AvroReader...).").build();

    public static final PropertyDescriptor RECORD_WRITER = SharedDescriptors.recordWriter(
            "Writes the original records and their augmented copies, with the two marker fields added to the schema.").build();

    public static final PropertyDescriptor CHARACTER_SET = SharedDescriptors.characterSet("The character set of the content: set it "
            + "to the Record Reader's. Content in which too many bytes are not valid in it is not augmented (Maximum Invalid Byte "
            + "Ratio).").build();

    public static final PropertyDescriptor MAX_INVALID_BYTE_RATIO = SharedDescriptors.maxInvalidByteRatio().build();

    public static final PropertyDescriptor TEXT_FIELD = SharedDescriptors.textField("The field holding the text to augment. Records "
            + "whose text is missing or blank pass through unchanged and are counted in " + DqAttributes.Augment.EMPTY_TEXTS + ".")
            .required(true)
            .build();

    public static final PropertyDescriptor LABEL_FIELD = SharedDescriptors.labelField("The field holding the class label. Needed to "
            + "rebalance classes; when set, the records per class before and after augmentation go into attributes in either mode. "
            + "Records without a label get no copies when rebalancing.").build();

    public static final PropertyDescriptor MODE = choice("Augmentation Mode", AugmentationModeChoice.COPIES,
            "How many copies each record gets.")
            .build();

    public static final PropertyDescriptor COPIES_PER_RECORD = withDefault("Copies per Record", "4",
            StandardValidators.createLongValidator(0, 1000, true),
            "Augmented copies made from each record with a text (EDA's n_aug: its authors suggest 16 for a few hundred "
                    + "training texts, 4 to 8 for thousands). 0 passes the records through with their markers.")
            .dependsOn(MODE, AugmentationModeChoice.COPIES)
            .build();

    public static final PropertyDescriptor TARGET_CLASS_SHARE = withDefault("Target Class Share", "1.0", rateValidator(false),
            "Each class is augmented up to this share of the largest class's record count: 1.0 balances the classes, 0.5 "
                    + "brings each to at least half the largest. Classes already there get no copies.")
            .dependsOn(MODE, AugmentationModeChoice.REBALANCE)
            .build();

    public static final PropertyDescriptor MAX_COPIES_PER_RECORD = withDefault("Maximum Copies per Record", "50",
            StandardValidators.createLongValidator(1, 10_000, true),
            "The most copies one record may make when rebalancing; a class with very few records may stay below its target "
                    + "rather than fill up with near-identical copies.")
            .dependsOn(MODE, AugmentationModeChoice.REBALANCE)
            .build();

    public static final PropertyDescriptor OPERATIONS_PER_COPY = choice("Operations per Copy", OperationsPerCopyChoice.ONE,
            "Whether a copy gets one operation (EDA) or all enabled ones.")
            .build();

    public static final PropertyDescriptor SYNONYM_REPLACEMENT_RATE = rate("Synonym Replacement Rate", "0.1",
            "Alpha of synonym replacement: max(1, alpha x words) non-stopword words that have a synonym are replaced by a random "
                    + "synonym, in the word's case. 0 turns the operation off.");
    public static final PropertyDescriptor RANDOM_INSERTION_RATE = rate("Random Insertion Rate", "0.1",
            "Alpha of random insertion: max(1, alpha x words) times a random synonym of a random non-stopword word is inserted "
                    + "between two words. 0 turns the operation off.");
    public static final PropertyDescriptor RANDOM_SWAP_RATE = rate("Random Swap Rate", "0.1",
            "Alpha of random swap: max(1, alpha x words) times two random words exchange places; numbers and punctuation stay. "
                    + "0 turns the operation off.");
    public static final PropertyDescriptor RANDOM_DELETION_RATE = rate("Random Deletion Rate", "0.1",
            "Alpha of random deletion: each word is deleted with probability alpha (one word always stays); numbers and "
                    + "punctuation stay. 0 turns the operation off.");
    public static final PropertyDescriptor CHARACTER_NOISE_RATE = rate("Character Noise Rate", "0",
            "Alpha of character noise: max(1, alpha x words) words of three or more Latin letters get one keyboard typo (a "
                    + "neighbouring key, two letters swapped, a letter dropped or doubled by a neighbour). 0 turns the operation off.");

    public static final PropertyDescriptor LANGUAGE = choice("Language", LanguageChoice.AUTO,
            "The language of the texts, which decides how words are found and where synonyms come from.")
            .build();

    public static final PropertyDescriptor CHINESE_SEGMENTER = choice("Chinese Segmenter", SegmenterChoice.VITERBI,
            "How Chinese texts are cut into words (HanLP).")
            .dependsOn(LANGUAGE, LanguageChoice.AUTO, LanguageChoice.CHINESE)
            .build();

    public static final PropertyDescriptor BUILT_IN_SYNONYMS = flag("Built-in Synonyms", "true",
            "Use the bundled dictionaries: WordNet 3.1 for English, the extended Tongyici Cilin (HanLP) for Chinese. When "
                    + "false, only the Synonym File gives synonyms.")
            .build();

    public static final PropertyDescriptor SYNONYM_FILE = new PropertyDescriptor.Builder()
            .name("Synonym File")
            .description("A UTF-8 CSV file, one group of interchangeable words per row (e.g. 'refund,reimbursement,repayment' or "
                    + "'高兴,快乐,开心'), no header, '#' starts a comment row. Its synonyms come before the built-in ones.")
            .required(false)
            .identifiesExternalResource(ResourceCardinality.SINGLE, ResourceType.FILE)
            .build();

    public static final PropertyDescriptor RANDOM_SEED = withDefault("Random Seed", "42", StandardValidators.LONG_VALIDATOR,
            "Every random choice derives from this seed and the record's position in the FlowFile: the same input and seed "
                    + "give the same output, byte for byte.")
            .build();

    public static final PropertyDescriptor AUGMENTED_FIELD = SharedDescriptors.augmentedField(
            "A boolean field added to every record: false for the originals, true for the copies.").build();

    public static final PropertyDescriptor SOURCE_INDEX_FIELD = SharedDescriptors.sourceIndexField("A long field added to every "
            + "record: the position (from 0) in the incoming FlowFile of the record a copy was made from, and an original's own "
            + "position, so that a trainer can keep a record and its copies on the same side of a train/test split. A value "
            + "already present is kept (augmenting augmented data).").build();

    /** Each operation's rate property. */
    static final Map<Operation, PropertyDescriptor> RATES = new EnumMap<>(Map.of(Operation.SYNONYM_REPLACEMENT, SYNONYM_REPLACEMENT_RATE,
            Operation.RANDOM_INSERTION, RANDOM_INSERTION_RATE, Operation.RANDOM_SWAP, RANDOM_SWAP_RATE,
            Operation.RANDOM_DELETION, RANDOM_DELETION_RATE, Operation.CHARACTER_NOISE, CHARACTER_NOISE_RATE));

    static final List<PropertyDescriptor> DESCRIPTORS = List.of(RECORD_READER, RECORD_WRITER, CHARACTER_SET, MAX_INVALID_BYTE_RATIO,
            TEXT_FIELD, LABEL_FIELD, MODE, COPIES_PER_RECORD, TARGET_CLASS_SHARE, MAX_COPIES_PER_RECORD, OPERATIONS_PER_COPY,
            SYNONYM_REPLACEMENT_RATE, RANDOM_INSERTION_RATE, RANDOM_SWAP_RATE, RANDOM_DELETION_RATE, CHARACTER_NOISE_RATE, LANGUAGE, CHINESE_SEGMENTER,
            BUILT_IN_SYNONYMS, SYNONYM_FILE, RANDOM_SEED, AUGMENTED_FIELD, SOURCE_INDEX_FIELD);

    private AugmentProperties() {
    }

    private static PropertyDescriptor rate(final String name, final String defaultValue, final String description) {
        return withDefault(name, defaultValue, rateValidator(true), description).build();
    }

    /** A number in [0, 1], or in (0, 1] when zero is not allowed. */
    private static Validator rateValidator(final boolean zeroAllowed) {
        return (subject, input, context) -> {
            boolean valid;
            try {
                final double value = Double.parseDouble(input.strip());
                valid = value <= 1 && (zeroAllowed ? value >= 0 : value > 0);
            } catch (final NumberFormatException | NullPointerException e) {
                valid = false;
            }
            return new ValidationResult.Builder().subject(subject).input(input).valid(valid)
                    .explanation(zeroAllowed ? "must be a number from 0 to 1" : "must be a number above 0 and at most 1").build();
        };
    }

    /** The rates the context sets, per operation (zeros included). */
    static Map<Operation, Double> rates(final ProcessContext context) {
        final Map<Operation, Double> rates = new EnumMap<>(Operation.class);
        RATES.forEach((operation, property) -> rates.put(operation, Double.parseDouble(context.getProperty(property).getValue().strip())));
        return rates;
    }

    static UserSynonyms readSynonymFile(final Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return UserSynonyms.read(reader);
        }
    }

    /** The augmenter the properties describe; the built-in dictionaries load on first use. */
    static Augmenter augmenter(final ProcessContext context) throws IOException {
        final AugmentSettings settings = new AugmentSettings(rates(context),
                context.getProperty(OPERATIONS_PER_COPY).asAllowableValue(OperationsPerCopyChoice.class) == OperationsPerCopyChoice.ALL,
                context.getProperty(LANGUAGE).asAllowableValue(LanguageChoice.class).language,
                context.getProperty(RANDOM_SEED).asLong());
        final SynonymSource user = context.getProperty(SYNONYM_FILE).isSet()
                ? readSynonymFile(Path.of(context.getProperty(SYNONYM_FILE).getValue())) : SynonymSource.NONE;
        final boolean builtIn = context.getProperty(BUILT_IN_SYNONYMS).asBoolean();
        final SynonymSource english = builtIn ? SynonymSource.combined(user, SynonymSource.lazy(WordNetSynonyms::shared)) : user;
        final SynonymSource chinese = builtIn ? SynonymSource.combined(user, SynonymSource.lazy(ChineseSynonyms::shared)) : user;
        final ChineseSplitter.Method segmenter = context.getProperty(CHINESE_SEGMENTER).asAllowableValue(SegmenterChoice.class).method;
        return new Augmenter(settings, english, chinese, TextSplitter.lazy(() -> ChineseSplitter.shared(segmenter), ""));
    }

    /** The marker fields AugmentText adds, as the properties name them. */
    static CopyMarkers markers(final ProcessContext context) {
        return new CopyMarkers(context.getProperty(AUGMENTED_FIELD).getValue(), context.getProperty(SOURCE_INDEX_FIELD).getValue());
    }
}
