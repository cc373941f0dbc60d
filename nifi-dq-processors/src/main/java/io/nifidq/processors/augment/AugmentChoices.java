package io.nifidq.processors.augment;

import io.nifidq.augment.ChineseSplitter;
import io.nifidq.augment.Language;
import io.nifidq.processors.common.Choice;
import io.nifidq.processors.common.Choice.Wording;

/** The choices of AugmentText's properties. */
public final class AugmentChoices {

    private AugmentChoices() {
    }

    public enum AugmentationModeChoice implements Choice {
        @Wording(displayName = "Copies per Record",
                description = "Every record with a text gets the same number of augmented copies (EDA's n_aug).")
        COPIES,
        @Wording(displayName = "Rebalance Classes",
                description = "Reads the FlowFile twice: first counts the records per label, then augments each class below "
                        + "Target Class Share x (size of the largest class) until it reaches that size.")
        REBALANCE
    }

    public enum OperationsPerCopyChoice implements Choice {
        @Wording(displayName = "One",
                description = "Each copy gets one operation, rotating over the enabled ones (as in EDA); when it cannot change "
                        + "the text (no word with a synonym, a single word) the next one is tried.")
        ONE,
        @Wording(displayName = "All",
                description = "Each copy gets every enabled operation in turn: synonym replacement, insertion, swap, deletion, "
                        + "character noise.")
        ALL
    }

    /** The one choice whose names differ from its plain counterpart's: Auto is no language, None is {@link Language#UNKNOWN}. */
    public enum LanguageChoice implements Choice {
        @Wording(displayName = "Auto",
                description = "Per text: Chinese when at least 30% of its letters are Han characters, English when at least "
                        + "half are Latin, otherwise unknown (only random swap and deletion apply).")
        AUTO(null),
        @Wording(displayName = "English",
                description = "Every text is English: words split at spaces and punctuation, WordNet synonyms.")
        ENGLISH(Language.ENGLISH),
        @Wording(displayName = "Chinese", description = "Every text is Chinese: words segmented by HanLP, Cilin synonyms.")
        CHINESE(Language.CHINESE),
        @Wording(displayName = "None",
                description = "No language: words split at spaces and punctuation, only random swap and deletion apply.")
        NONE(Language.UNKNOWN);

        /** The language every text is taken to be in; null: detected per text. */
        final Language language;

        LanguageChoice(final Language language) {
            this.language = language;
        }
    }

    public enum SegmenterChoice implements Choice {
        @Wording(displayName = "Viterbi",
                description = "HanLP's default segmenter: dictionary and word-bigram shortest path, with parts of speech "
                        + "(numerals are recognised). Better words; about 1.4 million characters a second on one core.")
        VITERBI,
        @Wording(displayName = "Dictionary Matching",
                description = "HanLP's double-array-trie dictionary matching on the runs of Chinese characters: about ten "
                        + "times faster, coarser words (很好 becomes 很 / 好).")
        MAXIMUM_MATCHING;

        /** The plain-Java constant of the same name. */
        final ChineseSplitter.Method method = ChineseSplitter.Method.valueOf(name());
    }
}
