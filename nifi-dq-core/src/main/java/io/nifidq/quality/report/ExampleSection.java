package io.nifidq.quality.report;

import io.nifidq.quality.profile.ProfileReport.Example;
import io.nifidq.quality.profile.ProfileReport.Examples;

import java.util.List;

/** The example records behind the findings: a few of each kind, as the report's bounded sample holds them. */
final class ExampleSection {

    private ExampleSection() {
    }

    static void write(final Xhtml page, final Examples examples) {
        if (examples == null) {
            return;
        }
        page.open("section", "id", "examples").element("h2", "Example records");
        page.element("p", "The first " + examples.limitPerKind() + " records of each kind, each cut to " + examples.maxChars()
                + " characters. Control characters are shown as their symbols (\u2400\u2026\u241f).", "class", "muted");
        final boolean any = table(page, "Exact duplicates: records whose key an earlier record had", examples.exactDuplicates(), null, null)
                | nearDuplicates(page, examples.nearDuplicates())
                | table(page, "Texts that carry conflicting labels", examples.labelConflicts(), "label", "an earlier record's label")
                | table(page, "Texts with encoding junk (control characters, mojibake, U+FFFD, HTML)", examples.encodingJunk(), null, null)
                | table(page, "Suspected label errors (from the label-noise sample)", examples.suspectedLabelErrors(), "given label",
                "suggested label");
        if (!any) {
            page.element("p", "No duplicates, label conflicts, junk texts or suspected label errors to show.", "class", "good");
        }
        page.close("section");
    }

    /** Each near duplicate beside the earlier text it resembles: earlier record and text, then this record and text. */
    private static boolean nearDuplicates(final Xhtml page, final List<Example> examples) {
        if (examples.isEmpty()) {
            return false;
        }
        page.element("h3", "Near duplicates: texts nearly the same as an earlier text, side by side").open("table", "class", "pairs")
                .open("tr").element("th", "earlier record", "class", "num").element("th", "earlier text")
                .element("th", "record", "class", "num").element("th", "near duplicate").close("tr");
        for (final Example example : examples) {
            page.open("tr").element("td", example.otherRecord() == null ? "" : "#" + example.otherRecord(), "class", "num");
            if (example.otherValue() != null) {
                page.element("td", example.otherValue(), "class", "sample");
            } else {
                page.element("td", example.otherRecord() == null ? "(unknown)" : "near duplicate of record " + example.otherRecord()
                        + " (its text was not kept)", "class", "muted");
            }
            page.element("td", example.record() == null ? "" : "#" + example.record(), "class", "num")
                    .element("td", example.value(), "class", "sample").close("tr");
        }
        page.close("table");
        return true;
    }

    private static boolean table(final Xhtml page, final String title, final List<Example> examples, final String label,
                                 final String otherLabel) {
        if (examples.isEmpty()) {
            return false;
        }
        page.element("h3", title).open("table").open("tr").element("th", "record", "class", "num").element("th", "value");
        if (label != null) {
            page.element("th", label).element("th", otherLabel);
        }
        page.close("tr");
        for (final Example example : examples) {
            page.open("tr").element("td", example.record() == null ? "" : "#" + example.record(), "class", "num")
                    .element("td", example.value(), "class", "sample");
            if (label != null) {
                page.element("td", example.label()).element("td", example.otherLabel());
            }
            page.close("tr");
        }
        page.close("table");
        return true;
    }
}
