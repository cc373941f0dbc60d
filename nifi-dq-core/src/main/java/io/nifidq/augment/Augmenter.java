package io.nifidq.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes augmented copies of a text. Every random choice comes from a generator seeded with (seed, record index,
 * copy number), so the same text at the same position with the same seed always gives the same copies, whatever
 * else is in the batch and however many threads run. Thread-safe.
 */
public final class Augmenter {

    private final AugmentSettings settings;
    private final SynonymSource englishSynonyms;
    private final SynonymSource chineseSynonyms;
    private final TextSplitter chineseSplitter;

    /**
     * @param englishSynonyms synonyms for English texts (WordNet, a user file, both, or none)
     * @param chineseSynonyms synonyms for Chinese texts
     * @param chineseSplitter the segmenter for Chinese texts
     */
    public Augmenter(final AugmentSettings settings, final SynonymSource englishSynonyms, final SynonymSource chineseSynonyms,
                     final TextSplitter chineseSplitter) {
        this.settings = settings;
        this.englishSynonyms = englishSynonyms;
        this.chineseSynonyms = chineseSynonyms;
        this.chineseSplitter = chineseSplitter;
    }

    /** One augmented copy: its text and the operations that changed it (empty when none could). */
    public record Copy(String text, List<Operation> operations) {
        public boolean changed() {
            return !operations.isEmpty();
        }
    }

    /** The copies of one text and the language they were made for. */
    public record Result(Language language, List<Copy> copies) {
    }

    public Language languageOf(final String text) {
        return settings.language() != null ? settings.language() : Language.detect(text);
    }

    /**
     * Makes the copies of a text. With one operation per copy, copy k applies the enabled operation at position
     * (start + k) of the rotation, start drawn per record; when that operation cannot change the text (no word
     * with a synonym, a single word), the next one is tried. A copy no operation could change is the text itself.
     */
    public Result augment(final String text, final long recordIndex, final int copies) {
        final Language language = languageOf(text);
        final List<Operation> operations = settings.operationsFor(language);
        final TextSplitter splitter = language == Language.CHINESE ? chineseSplitter : LatinSplitter.INSTANCE;
        final SynonymSource synonyms = switch (language) {
            case ENGLISH -> englishSynonyms;
            case CHINESE -> chineseSynonyms;
            case UNKNOWN -> SynonymSource.NONE;
        };
        final Operations edits = new Operations(language, synonyms, splitter.wordSeparator());
        final List<Token> tokens = copies > 0 && !operations.isEmpty() ? splitter.split(text) : List.of();
        final int start = operations.isEmpty() ? 0 : new SplittableRandom(mix(settings.seed(), recordIndex)).nextInt(operations.size());
        final List<Copy> result = new ArrayList<>(copies);
        for (int k = 0; k < copies; k++) {
            final SplittableRandom random = new SplittableRandom(mix(mix(settings.seed(), recordIndex), k + 1));
            final List<Token> edited = new ArrayList<>(tokens);
            final List<Operation> applied = new ArrayList<>();
            if (settings.allPerCopy()) {
                for (final Operation operation : operations) {
                    if (edits.apply(operation, edited, settings.rate(operation), random)) {
                        applied.add(operation);
                    }
                }
            } else {
                for (int attempt = 0; attempt < operations.size() && applied.isEmpty(); attempt++) {
                    final Operation operation = operations.get((start + k + attempt) % operations.size());
                    if (edits.apply(operation, edited, settings.rate(operation), random)) {
                        applied.add(operation);
                    }
                }
            }
            result.add(applied.isEmpty() ? new Copy(text, List.of()) : new Copy(join(edited), List.copyOf(applied)));
        }
        return new Result(language, result);
    }

    static String join(final List<Token> tokens) {
        final StringBuilder text = new StringBuilder();
        for (final Token token : tokens) {
            text.append(token.text());
        }
        return text.toString();
    }

    /** SplitMix64's finaliser over a combination of the two values: well-spread seeds from (seed, index). */
    static long mix(final long a, final long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
