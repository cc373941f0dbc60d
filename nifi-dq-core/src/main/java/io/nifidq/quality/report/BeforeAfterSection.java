package io.nifidq.quality.report;

import io.nifidq.quality.profile.BaselineSummary;
import io.nifidq.quality.profile.ProfileReport;
import io.nifidq.quality.profile.ProfileReport.DriftReport;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import static io.nifidq.quality.report.HtmlReport.segment;

/**
 * The baseline beside the report: scores, finding measures and label shares before and after, and the drift (PSI) per
 * field. The "before" figures come from the baseline, not from this report's JSON, so they carry no JSON pointer.
 */
final class BeforeAfterSection {

    private BeforeAfterSection() {
    }

    static void write(final Xhtml page, final ProfileReport report, final BaselineSummary before) {
        page.open("section", "id", "before-after").element("h2", "Before and after");
        page.open("p").text("Baseline: ").text(Xhtml.number(before.recordCount())).text(" records; this batch: ")
                .figure("/recordCount", report.recordCount()).text(" records.").close("p");
        page.open("div", "class", "side");
        page.open("div");
        scores(page, report, before);
        measures(page, report, before);
        page.close("div").open("div");
        drift(page, report.drift());
        labels(page, report, before);
        page.close("div").close("div").close("section");
    }

    private static void scores(final Xhtml page, final ProfileReport report, final BaselineSummary before) {
        page.element("h3", "Scores");
        if (before.scores() == null) {
            page.element("p", "The baseline was written without scores (by an older nifi-dq).", "class", "muted");
            return;
        }
        final Map<String, Double> after = BaselineSummary.scoreMap(report.scores());
        final Set<String> dimensions = new LinkedHashSet<>(before.scores().keySet());
        dimensions.addAll(after.keySet());
        header(page, "dimension");
        for (final String dimension : dimensions) {
            final Double was = before.scores().get(dimension);
            final Double is = after.get(dimension);
            page.open("tr").element("td", dimension).element("td", was == null ? "-" : Xhtml.number(was), "class", "num")
                    .open("td", "class", "num").figure("/scores/" + dimension, is).close("td");
            change(page, was, is, true);
            page.close("tr");
        }
        page.close("table");
    }

    /** The findings' measures: the share or ratio each problem has, lower is better, whether or not it passed its limit. */
    private static void measures(final Xhtml page, final ProfileReport report, final BaselineSummary before) {
        final Map<String, Double> after = report.baseline() == null ? Map.of() : report.baseline().findingMeasures();
        final Map<String, Double> was = before.findingMeasures() == null ? Map.of() : before.findingMeasures();
        if (after == null || after.isEmpty()) {
            return;
        }
        page.element("h3", "Problem measures (lower is better)");
        header(page, "measure");
        for (final Map.Entry<String, Double> measure : after.entrySet()) {
            final Double old = was.get(measure.getKey());
            page.open("tr").element("td", measure.getKey()).element("td", old == null ? "-" : Xhtml.number(old), "class", "num")
                    .open("td", "class", "num").figure("/baseline/findingMeasures/" + segment(measure.getKey()), measure.getValue())
                    .close("td");
            change(page, old, measure.getValue(), false);
            page.close("tr");
        }
        page.close("table");
    }

    private static void drift(final Xhtml page, final DriftReport drift) {
        page.element("h3", "Drift per field (population stability index)");
        if (drift == null) {
            page.element("p", "No drift measured.", "class", "muted");
            return;
        }
        page.open("p").text("Drift score (largest PSI): ").figure("/drift/score", drift.score())
                .text(" \u2014 " + HtmlReport.driftInWords(drift.score())).close("p");
        page.open("table").open("tr").element("th", "field").element("th", "PSI", "class", "num").element("th", "reading").close("tr");
        drift.fieldPsi().forEach((field, psi) -> page.open("tr").element("td", field).open("td", "class", "num")
                .figure("/drift/fieldPsi/" + segment(field), psi).close("td").element("td", HtmlReport.driftInWords(psi)).close("tr"));
        if (drift.labelPsi() != null) {
            page.open("tr").element("td", "(labels)").open("td", "class", "num").figure("/drift/labelPsi", drift.labelPsi()).close("td")
                    .element("td", HtmlReport.driftInWords(drift.labelPsi())).close("tr");
        }
        page.close("table");
        if (!drift.newFields().isEmpty()) {
            page.element("p", "New fields: " + String.join(", ", drift.newFields()));
        }
        if (!drift.missingFields().isEmpty()) {
            page.element("p", "Fields gone: " + String.join(", ", drift.missingFields()), "class", "bad");
        }
    }

    private static void labels(final Xhtml page, final ProfileReport report, final BaselineSummary before) {
        final Map<String, Double> after = report.baseline() == null ? Map.of() : report.baseline().labels();
        if (after.isEmpty() && before.labels().isEmpty()) {
            return;
        }
        page.element("h3", "Class shares");
        final Set<String> classes = new LinkedHashSet<>(before.labels().keySet());
        classes.addAll(after.keySet());
        header(page, "class");
        for (final String label : classes) {
            final Double was = before.labels().get(label);
            final Double is = after.get(label);
            page.open("tr").element("td", label).element("td", was == null ? "-" : Xhtml.number(was), "class", "num").open("td", "class", "num");
            if (is != null) {
                page.figure("/baseline/labels/" + segment(label), is);
            } else {
                page.text("-");
            }
            page.close("td");
            change(page, was, is, null);
            page.close("tr");
        }
        page.close("table");
    }

    private static void header(final Xhtml page, final String what) {
        page.open("table").open("tr").element("th", what).element("th", "before", "class", "num").element("th", "after", "class", "num")
                .element("th", "change", "class", "num").close("tr");
    }

    /** The change after - before, marked good or bad when higherIsBetter says which way is better (null: neither). */
    private static void change(final Xhtml page, final Double was, final Double is, final Boolean higherIsBetter) {
        if (was == null || is == null) {
            page.element("td", "", "class", "num");
            return;
        }
        final double delta = is - was;
        final String shown = Xhtml.number(Math.abs(delta));
        // A change too small to show (below 0.0005) is no change: no sign, no colour.
        if (shown.equals("0")) {
            page.element("td", "0", "class", "num");
            return;
        }
        final String mark = higherIsBetter == null ? "num" : (delta > 0) == higherIsBetter ? "num good" : "num bad";
        page.element("td", (delta > 0 ? "+" : "-") + shown, "class", mark);
    }
}
