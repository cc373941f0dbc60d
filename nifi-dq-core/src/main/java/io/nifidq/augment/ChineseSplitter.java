package io.nifidq.augment;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;
import io.nifidq.text.Scripts;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Segments Chinese text into words with HanLP (the portable jar's dictionaries, read from the class path; nothing
 * is downloaded or written). Two segmenters:
 * <ul>
 *   <li>{@link Method#VITERBI}: HanLP's default, a shortest path over CoreNatureDictionary.mini with its bigram
 *   table and the custom dictionary, with parts of speech (numerals, nature m*, are numbers); person-name
 *   recognition is off (a third of the time, and names have no synonyms).</li>
 *   <li>{@link Method#MAXIMUM_MATCHING}: HanLP's double-array-trie dictionary matching, about ten times faster and
 *   coarser; it runs on the runs of CJK characters only, the rest (numbers, Latin words, punctuation) is split
 *   like English.</li>
 * </ul>
 * Text the segmenter skipped (whitespace) is restored from the offsets, so the tokens always give the text back.
 */
public final class ChineseSplitter implements TextSplitter {

    /** How words are found. */
    public enum Method {
        VITERBI,
        MAXIMUM_MATCHING
    }

    private static final Map<Method, ChineseSplitter> SHARED = new EnumMap<>(Method.class);

    private final Method method;
    private final Segment segment;

    private ChineseSplitter(final Method method) {
        this.method = method;
        segment = ClassLoaders.withOwnLoader(() -> {
            final Segment created = method == Method.VITERBI
                    ? HanLP.newSegment().enableOffset(true).enableNameRecognize(false)
                    : HanLP.newSegment("dat").enableOffset(true);
            created.seg("预热词典"); // loads the dictionaries now rather than inside the first record
            return created;
        });
    }

    /** The Viterbi segmenter of this class loader, its dictionaries loaded on first use (about 0.3 s). */
    public static ChineseSplitter shared() {
        return shared(Method.VITERBI);
    }

    /** The segmenter of this class loader for the method, made on first use. */
    public static ChineseSplitter shared(final Method method) {
        synchronized (SHARED) {
            return SHARED.computeIfAbsent(method, ChineseSplitter::new);
        }
    }

    @Override
    public String wordSeparator() {
        return "";
    }

    @Override
    public List<Token> split(final String text) {
        if (method == Method.VITERBI) {
            return segment(text);
        }
        final List<Token> tokens = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            final boolean cjk = Scripts.isCjk(text.codePointAt(start));
            int end = start;
            while (end < text.length() && Scripts.isCjk(text.codePointAt(end)) == cjk) {
                end += Character.charCount(text.codePointAt(end));
            }
            final String run = text.substring(start, end);
            tokens.addAll(cjk ? segment(run) : LatinSplitter.INSTANCE.split(run));
            start = end;
        }
        return tokens;
    }

    private List<Token> segment(final String text) {
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
