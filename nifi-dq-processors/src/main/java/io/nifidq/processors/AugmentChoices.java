package io.nifidq.processors;

import io.nifidq.augment.ChineseSplitter;
import io.nifidq.augment.Language;
import org.apache.nifi.components.DescribedValue;

/** The choices of AugmentText's properties. */
final class AugmentChoices {

    private AugmentChoices() {
    }

    enum Mode implements DescribedValue {
        COPIES("Copies per Record", "Every record with a text gets the same number of augmented copies (EDA's n_aug)."),
        REBALANCE("Rebalance Classes", "Reads the FlowFile twice: first counts the records per label, then augments each class "
                + "below Target Class Share x (size of the largest class) until it reaches that size.");

        private final String displayName;
        private final String description;

        Mode(final String displayName, final String description) {
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

    enum OperationsPerCopy implements DescribedValue {
        ONE("One", "Each copy gets one operation, rotating over the enabled ones (as in EDA); when it cannot change the text "
                + "(no word with a synonym, a single word) the next one is tried."),
        ALL("All", "Each copy gets every enabled operation in turn: synonym replacement, insertion, swap, deletion, character noise.");

        private final String displayName;
        private final String description;

        OperationsPerCopy(final String displayName, final String description) {
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

    enum LanguageChoice implements DescribedValue {
        AUTO("Auto", "Per text: Chinese when at least 30% of its letters are Han characters, English when at least half are "
                + "Latin, otherwise unknown (only random swap and deletion apply).", null),
        ENGLISH("English", "Every text is English: words split at spaces and punctuation, WordNet synonyms.", Language.ENGLISH),
        CHINESE("Chinese", "Every text is Chinese: words segmented by HanLP, Cilin synonyms.", Language.CHINESE),
        NONE("None", "No language: words split at spaces and punctuation, only random swap and deletion apply.", Language.UNKNOWN);

        private final String displayName;
        private final String description;
        final Language language;

        LanguageChoice(final String displayName, final String description, final Language language) {
            this.displayName = displayName;
            this.description = description;
            this.language = language;
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

    enum Segmenter implements DescribedValue {
        VITERBI("Viterbi", "HanLP's default segmenter: dictionary and word-bigram shortest path, with parts of speech (numerals "
                + "are recognised). Better words; about 1.4 million characters a second on one core.", ChineseSplitter.Method.VITERBI),
        MAXIMUM_MATCHING("Dictionary Matching", "HanLP's double-array-trie dictionary matching on the runs of Chinese characters: "
                + "about ten times faster, coarser words (很好 becomes 很 / 好).", ChineseSplitter.Method.MAXIMUM_MATCHING);

        private final String displayName;
        private final String description;
        final ChineseSplitter.Method method;

        Segmenter(final String displayName, final String description, final ChineseSplitter.Method method) {
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
}
