package io.nifidq.bench.degrade;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The named corruptions of the degradation tool (BENCHMARKS.md section 3). Each takes a strength in [0, 1]: the share of
 * the records it touches ({@code round(strength * records)}), except {@link #CLASS_IMBALANCE}, whose strength is the share
 * of one class's records that are dropped, and the duplicate corruptions, which add {@code round(strength * records)} rows.
 */
public enum Corruption {
    /** Labels replaced by another label drawn uniformly from the other classes. */
    LABEL_NOISE("label-noise", "label_noise"),
    /** Labels replaced by the next class in sorted label order (a systematic confusion, class-dependent noise). */
    LABEL_NOISE_CLASS("label-noise-class", "label_noise"),
    /** Texts emptied: alternately missing (empty field) and blank (whitespace only). */
    EMPTY_TEXT("empty-text", "empty_text"),
    /** Exact copies (text and label) of randomly chosen records added at random positions. */
    EXACT_DUPLICATES("exact-duplicates", "exact_duplicates"),
    /** Copies with one or two small edits (swapped, dropped or doubled character; changed case) at random positions. */
    NEAR_DUPLICATES("near-duplicates", "near_duplicates"),
    /** A share of one class's records dropped (by default the smallest class, making the imbalance worse). */
    CLASS_IMBALANCE("class-imbalance", "class_imbalance"),
    /** Texts whose UTF-8 bytes are read as windows-1252 (an apostrophe becomes "â€™"). */
    MOJIBAKE("mojibake", "encoding_junk"),
    /** One to three C0 or C1 control characters inserted into the text. */
    CONTROL_CHARS("control-chars", "encoding_junk"),
    /** Characters written as HTML entities ({@code &amp; &quot; &#39; &lt; &gt; &nbsp;}). */
    HTML_ENTITIES("html-entities", "encoding_junk"),
    /** Labels respelled: upper, lower or title case, or padded with spaces. */
    LABEL_SPELLINGS("label-spellings", "inconsistent_labels");

    private final String cliName;
    private final String finding;

    Corruption(final String cliName, final String finding) {
        this.cliName = cliName;
        this.finding = finding;
    }

    /** The name on the command line and in the manifest. */
    public String cliName() {
        return cliName;
    }

    /** The kind of problem a quality report should name for this corruption (one name shared by related corruptions). */
    public String finding() {
        return finding;
    }

    public static Corruption byName(final String name) {
        for (final Corruption corruption : values()) {
            if (corruption.cliName.equals(name.strip().toLowerCase(Locale.ROOT))) {
                return corruption;
            }
        }
        throw new IllegalArgumentException("Unknown corruption '" + name + "'; known: "
                + Arrays.stream(values()).map(Corruption::cliName).collect(Collectors.joining(", ")));
    }
}
