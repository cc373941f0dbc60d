package io.nifidq.processors.augment;

import io.nifidq.augment.ChineseSplitter;
import io.nifidq.augment.Language;
import io.nifidq.processors.common.Choice;

/** The choices of AugmentText's properties. */
public final class AugmentChoices {

    private AugmentChoices() {
    }

    public enum AugmentationModeChoice implements Choice {
        COPIES("Copies per Record", "Every record with a text gets the same number of augmented copies (EDA's n_aug)."),
        REBALANCE("Rebalance Classes", "Reads the FlowFile twice: first counts the records per label, then augments each class "
                + "below Target Class Share x (size of the largest class) until it reaches that size.");

        private final Wording wording;

        AugmentationModeChoice(final String displayName, final String description) {
            this.wording = new Wording(displayName, description);
        }

        @Override
        public Wording wording() {
            return wording;
        }
    }

    public enum OperationsPerCopyChoice implements Choice {
        ONE("One", "Each copy gets one operation, rotating over the enabled ones (as in EDA); when it cannot change the text "
                + "(no word with a synonym, a single word) the next one is tried."),
        ALL("All", "Each copy gets every enabled operation in turn: synonym replacement, insertion, swap, deletion, character noise.");

        private final Wording wording;

        OperationsPerCopyChoice(final String displayName, final String description) {
            this.wording = new Wording(displayName, description);
        }

        @Override
        public Wording wording() {
            return wording;
        }
    }

    /** The one choice whose names differ from its plain counterpart's: Auto is no language, None is {@link Language#UNKNOWN}. */
    public enum LanguageChoice implements Choice {
        AUTO("Auto", "Per text: Chinese when at least 30% of its letters are Han characters, English when at least half are "
                + "Latin, otherwise unknown (only random swap and deletion apply).", null),
        ENGLISH("English", "Every text is English: words split at spaces and punctuation, WordNet synonyms.", Language.ENGLISH),
        CHINESE("Chinese", "Every text is Chinese: words segmented by HanLP, Cilin synonyms.", Language.CHINESE),
        NONE("None", "No language: words split at spaces and punctuation, only random swap and deletion apply.", Language.UNKNOWN);

        private final Wording wording;
        /** The language every text is taken to be in; null: detected per text. */
        final Language language;

        LanguageChoice(final String displayName, final String description, final Language language) {
            this.wording = new Wording(displayName, description);
            this.language = language;
        }

        @Override
        public Wording wording() {
            return wording;
        }
    }

    public enum SegmenterChoice implements Choice {
        VITERBI("Viterbi", "HanLP's default segmenter: dictionary and word-bigram shortest path, with parts of speech (numerals "
                + "are recognised). Better words; about 1.4 million characters a second on one core."),
        MAXIMUM_MATCHING("Dictionary Matching", "HanLP's double-array-trie dictionary matching on the runs of Chinese characters: "
                + "about ten times faster, coarser words (很好 becomes 很 / 好).");

        private final Wording wording;
        /** The plain-Java constant of the same name. */
        final ChineseSplitter.Method method;

        SegmenterChoice(final String displayName, final String description) {
            this.wording = new Wording(displayName, description);
            this.method = ChineseSplitter.Method.valueOf(name());
        }

        @Override
        public Wording wording() {
            return wording;
        }
    }
}
