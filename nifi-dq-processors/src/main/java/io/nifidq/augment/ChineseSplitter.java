package io.nifidq.augment;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;

import java.util.ArrayList;
import java.util.List;

/**
 * Segments Chinese text into words with HanLP's dictionary-based Viterbi segmenter (the portable jar's
 * CoreNatureDictionary.mini, its bigram table and the custom dictionary, read from the class path; nothing is
 * downloaded or written), without person-name recognition.
 * Terms HanLP tags as numerals (nature m*) are numbers, punctuation and symbols are kept in place, and any text
 * the segmenter skipped (whitespace) is restored from the offsets, so the tokens always give the text back.
 */
public final class ChineseSplitter implements TextSplitter {

    private static volatile ChineseSplitter shared;

    private final Segment segment;

    private ChineseSplitter() {
        segment = ClassLoaders.withOwnLoader(() -> {
            // Person-name recognition costs about a third of the time and rarely yields a word with synonyms.
            final Segment viterbi = HanLP.newSegment().enableOffset(true).enableNameRecognize(false);
            viterbi.seg("预热词典"); // loads the dictionaries now rather than inside the first record
            return viterbi;
        });
    }

    /** The one segmenter of this class loader, its dictionaries loaded on first use (about 0.3 s). */
    public static ChineseSplitter shared() {
        ChineseSplitter instance = shared;
        if (instance == null) {
            synchronized (ChineseSplitter.class) {
                instance = shared;
                if (instance == null) {
                    instance = new ChineseSplitter();
                    shared = instance;
                }
            }
        }
        return instance;
    }

    @Override
    public String wordSeparator() {
        return "";
    }

    @Override
    public List<Token> split(final String text) {
        final List<Term> terms = segment.seg(text);
        final List<Token> tokens = new ArrayList<>(terms.size());
        int position = 0;
        for (final Term term : terms) {
            final int start = term.offset;
            if (start < position || start + term.word.length() > text.length()
                    || !text.regionMatches(start, term.word, 0, term.word.length())) {
                // The segmenter changed the text (it never should with normalisation off): keep the text, unsplit.
                return LatinSplitter.INSTANCE.split(text);
            }
            if (start > position) {
                tokens.addAll(LatinSplitter.INSTANCE.split(text.substring(position, start)));
            }
            tokens.add(new Token(term.word, kindOf(term)));
            position = start + term.word.length();
        }
        if (position < text.length()) {
            tokens.addAll(LatinSplitter.INSTANCE.split(text.substring(position)));
        }
        return tokens;
    }

    private static Token.Kind kindOf(final Term term) {
        final String word = term.word;
        if (word.isBlank()) {
            return Token.Kind.SPACE;
        }
        final String nature = term.nature == null ? "" : term.nature.toString();
        if (nature.startsWith("m") || Character.isDigit(word.codePointAt(0))) {
            return Token.Kind.NUMBER;
        }
        return word.codePoints().anyMatch(Character::isLetter) ? Token.Kind.WORD : Token.Kind.OTHER;
    }
}
