package io.nifidq.quality.profile;

import io.nifidq.quality.profile.ProfileReport.TextReport;
import io.nifidq.quality.profile.ProfileReport.TokenStats;
import io.nifidq.text.Mojibake;
import io.nifidq.text.Scripts;
import io.nifidq.text.Tokenizer;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

import java.io.IOException;
import java.util.regex.Pattern;

/** Noise in a free-text field: encoding junk, markup, control characters, extreme lengths, and the scripts used. */
final class TextProfile {

    private static final Pattern HTML_ENTITY = Pattern.compile("&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});");
    private static final Pattern HTML_TAG = Pattern.compile("</?[a-zA-Z][a-zA-Z0-9]*(?:\\s[^<>]*)?/?>");

    private final String field;
    private final ProfileSettings settings;
    private final ExampleRecords examples;
    private long texts;
    private long empty;
    private long veryShort;
    private long veryLong;
    private long control;
    private long c1Control;
    private long replacement;
    private long mojibake;
    private long htmlEntities;
    private long htmlTags;
    private long noisy;
    private long encodingJunk;
    /** Junk marks (a control character, U+FFFD, a mojibake sequence, an HTML entity or tag) per text, against its length. */
    private final JunkRate junkRate = new JunkRate();
    private KllDoublesSketch tokens = KllDoublesSketch.newHeapInstance(FieldProfile.KLL_K);
    /** Texts per token count below 256, kept exactly and moved into {@link #tokens} before it is read. */
    private final long[] smallTokenCounts = new long[256];
    private final Moments tokenMoments = new Moments();
    private long tokenTotal;
    private long latinLetters;
    private long cjkCharacters;
    private long otherLetters;

    TextProfile(final String field, final ProfileSettings settings, final ExampleRecords examples) {
        this.field = field;
        this.settings = settings;
        this.examples = examples;
    }

    /** Adds one record's text; returns the text when it is worth comparing for near duplicates, else null. */
    String add(final Object value) {
        texts++;
        final String text = value == null ? null : value.toString();
        final String stripped = text == null ? "" : text.strip();
        if (stripped.isEmpty() || settings.isNullToken(stripped)) {
            empty++;
            return null;
        }
        boolean isNoisy = false;
        final int length = stripped.codePointCount(0, stripped.length());
        if (length < settings.shortTextLength()) {
            veryShort++;
            isNoisy = true;
        } else if (length > settings.longTextLength()) {
            veryLong++;
            isNoisy = true;
        }
        int marks = scanCharacters(text);
        final int entities = text.indexOf('&') >= 0 ? count(HTML_ENTITY, text) : 0;
        if (entities > 0) {
            htmlEntities++;
        }
        final int tags = text.indexOf('<') >= 0 ? count(HTML_TAG, text) : 0;
        if (tags > 0) {
            htmlTags++;
        }
        marks += entities + tags;
        junkRate.add(marks, text.length());
        if (marks > 0) {
            encodingJunk++;
            examples.encodingJunk(text);
            isNoisy = true;
        }
        if (isNoisy) {
            noisy++;
        }
        final int tokenCount = Tokenizer.countTokens(text);
        if (tokenCount < smallTokenCounts.length) {
            smallTokenCounts[tokenCount]++;
        } else {
            tokens.update(tokenCount);
        }
        tokenMoments.add(tokenCount);
        tokenTotal += tokenCount;
        return text;
    }

    /**
     * One pass over the characters: control characters, U+FFFD, mojibake and letters by script. Returns the junk marks: each
     * control character, U+FFFD and mojibake sequence.
     */
    private int scanCharacters(final String text) {
        int marks = 0;
        boolean hasControl = false;
        boolean hasC1 = false;
        boolean hasReplacement = false;
        boolean hasMojibake = false;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
                latinLetters++;
            } else if (c < 0x20 ? c != '\t' && c != '\n' && c != '\r' : c == 0x7f) {
                hasControl = true;
                marks++;
            } else if (c >= 0x80 && c <= 0x9f) {
                hasControl = true;
                hasC1 = true;
                marks++;
            } else if (c == '\ufffd') {
                hasReplacement = true;
                marks++;
            } else if (Character.isLetter(c) || Character.isHighSurrogate(c)) {
                final int codePoint = text.codePointAt(i);
                if (Scripts.isCjk(codePoint)) {
                    cjkCharacters++;
                } else if (Scripts.isLatinLetter(codePoint)) {
                    latinLetters++;
                } else if (Character.isLetter(codePoint)) {
                    otherLetters++;
                }
                if (c >= 0xc2 && c <= 0xf4 && Mojibake.startsUtf8ReadAsLatin1(text, i)) {
                    hasMojibake = true;
                    marks++;
                }
            }
        }
        control += hasControl ? 1 : 0;
        c1Control += hasC1 ? 1 : 0;
        replacement += hasReplacement ? 1 : 0;
        mojibake += hasMojibake ? 1 : 0;
        return marks;
    }

    private static int count(final Pattern pattern, final String text) {
        final java.util.regex.Matcher matcher = pattern.matcher(text);
        int found = 0;
        while (matcher.find()) {
            found++;
        }
        return found;
    }

    /** Moves the counts of small token numbers into the quantile sketch, as weighted updates. */
    private void settle() {
        for (int count = 0; count < smallTokenCounts.length; count++) {
            if (smallTokenCounts[count] > 0) {
                tokens.update(count, smallTokenCounts[count]);
                smallTokenCounts[count] = 0;
            }
        }
    }

    void merge(final TextProfile other) {
        settle();
        other.settle();
        texts += other.texts;
        empty += other.empty;
        veryShort += other.veryShort;
        veryLong += other.veryLong;
        control += other.control;
        c1Control += other.c1Control;
        replacement += other.replacement;
        mojibake += other.mojibake;
        htmlEntities += other.htmlEntities;
        htmlTags += other.htmlTags;
        noisy += other.noisy;
        encodingJunk += other.encodingJunk;
        junkRate.merge(other.junkRate);
        tokens.merge(other.tokens);
        tokenMoments.merge(other.tokenMoments);
        tokenTotal += other.tokenTotal;
        latinLetters += other.latinLetters;
        cjkCharacters += other.cjkCharacters;
        otherLetters += other.otherLetters;
    }

    /** Writes the counters, the junk rate and the token statistics (the small token counts moved into the sketch first). */
    void writeTo(final ProfileOutput out) throws IOException {
        settle();
        for (final long counter : counters()) {
            out.writeLong(counter);
        }
        junkRate.writeTo(out);
        out.writeSketch(tokens.toByteArray());
        tokenMoments.writeTo(out);
    }

    private long[] counters() {
        return new long[] {texts, empty, veryShort, veryLong, control, c1Control, replacement, mojibake, htmlEntities, htmlTags, noisy,
                encodingJunk, tokenTotal, latinLetters, cjkCharacters, otherLetters};
    }

    /** Reads what {@link #writeTo} wrote into this new, empty text profile. */
    void readFrom(final ProfileInput in) throws IOException {
        final long[] counters = new long[counters().length];
        for (int i = 0; i < counters.length; i++) {
            counters[i] = in.readNonNegative("a text counter");
        }
        int i = 0;
        texts = counters[i++];
        empty = counters[i++];
        veryShort = counters[i++];
        veryLong = counters[i++];
        control = counters[i++];
        c1Control = counters[i++];
        replacement = counters[i++];
        mojibake = counters[i++];
        htmlEntities = counters[i++];
        htmlTags = counters[i++];
        noisy = counters[i++];
        encodingJunk = counters[i++];
        tokenTotal = counters[i++];
        latinLetters = counters[i++];
        cjkCharacters = counters[i++];
        otherLetters = counters[i];
        junkRate.readFrom(in);
        tokens = in.readQuantileSketch("token counts");
        tokenMoments.readFrom(in);
        if (empty > texts || noisy > texts) {
            throw in.corrupt("more empty or noisy texts than texts");
        }
    }

    long nonEmpty() {
        return texts - empty;
    }

    long noisy() {
        return noisy;
    }

    TextReport report() {
        settle();
        final long letters = latinLetters + cjkCharacters + otherLetters;
        final TokenStats tokenStats = tokens.isEmpty() ? null : new TokenStats(tokenTotal,
                (int) tokenMoments.min(), (int) tokenMoments.max(), Rounding.round(tokenMoments.mean()),
                tokens.getQuantile(0.5, QuantileSearchCriteria.INCLUSIVE), tokens.getQuantile(0.95, QuantileSearchCriteria.INCLUSIVE));
        return new TextReport(field, texts, empty, veryShort, veryLong, settings.shortTextLength(), settings.longTextLength(),
                control, c1Control, replacement, mojibake, htmlEntities, htmlTags, noisy, tokenStats,
                Rounding.ratio(latinLetters, letters), Rounding.ratio(cjkCharacters, letters), Rounding.ratio(otherLetters, letters),
                encodingJunk, junkRate.report(), Histograms.of(tokens, tokenMoments.min(), tokenMoments.max(), true));
    }
}
