package io.nifidq.quality.report;

import io.nifidq.quality.profile.BaselineSummary;
import io.nifidq.quality.profile.ProfileReport;
import io.nifidq.quality.profile.ProfileReport.Finding;
import io.nifidq.quality.report.SvgCharts.Bar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A profile report as one self-contained XHTML page for people: scores with what they mean, findings in plain sentences,
 * per-field, text and label statistics with inline SVG charts, example records, and, with a baseline, the figures before
 * and after side by side with the drift per field. Nothing is fetched: no script, font or image leaves the page. Every
 * figure is the JSON report's own value (see {@link Xhtml#figure}).
 */
public final class HtmlReport {

    static final Map<String, String> MEANINGS = new LinkedHashMap<>();

    static {
        MEANINGS.put("overall", "The weighted mean of the dimensions that apply (weights below).");
        MEANINGS.put("completeness", "1 - missing cells / cells: null, absent, empty, blank or a null token.");
        MEANINGS.put("validity", "1 - values that do not fit their field's inferred type / present values.");
        MEANINGS.put("consistency", "1 - values off their field's format, with stray whitespace, or a minority spelling of a label / checked values.");
        MEANINGS.put("uniqueness", "1 - the larger of exact duplicate records and near-duplicate texts / records.");
        MEANINGS.put("balance", "The normalised entropy of the class distribution: 1 for equal classes, 0 for one class.");
        MEANINGS.put("noise", "1 - noisy texts / non-empty texts: too short or long, control characters, mojibake, U+FFFD, HTML.");
    }

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;background:#f5f6f8;color:#1d2330}
            header{background:#1f3b57;color:#fff;padding:18px 28px}
            header h1{margin:0 0 4px 0;font-size:22px}
            main{padding:8px 28px 40px 28px;max-width:1200px}
            section{background:#fff;border-radius:6px;padding:12px 18px;margin:16px 0;box-shadow:0 1px 2px rgba(0,0,0,.08)}
            h2{font-size:18px;margin:4px 0 10px 0}
            h3{font-size:15px;margin:14px 0 6px 0}
            table{border-collapse:collapse;margin:6px 0;font-size:13px}
            th,td{border-bottom:1px solid #e3e6ea;padding:4px 10px;text-align:left;vertical-align:top}
            th{background:#f0f2f5}
            td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
            .overall{font-size:40px;font-weight:600}
            .muted{color:#6b7380;font-size:13px}
            .bad{color:#b3261e;font-weight:600}
            .good{color:#1b7a3a;font-weight:600}
            .grid{display:flex;flex-wrap:wrap;gap:16px}
            .card{border:1px solid #e3e6ea;border-radius:6px;padding:8px 12px;min-width:340px}
            .side{display:flex;gap:16px;flex-wrap:wrap}
            .side>div{flex:1;min-width:300px}
            .sample{font-family:ui-monospace,monospace;white-space:pre-wrap;word-break:break-word;max-width:640px}
            table.pairs td.sample{max-width:420px}
            svg.chart text{font-size:11px;fill:#333}
            svg.chart .bar{fill:#3b7dd8}
            svg.chart .axis{stroke:#888}
            """;

    private HtmlReport() {
    }

    /**
     * The page for a report. before: the baseline the report was judged against (null: none); its scores, finding measures
     * and label shares are shown beside the report's, with the drift per field from the report's drift section.
     */
    public static String render(final ProfileReport report, final BaselineSummary before, final String title) {
        final Xhtml page = new Xhtml();
        page.open("html", "xmlns", "http://www.w3.org/1999/xhtml", "lang", "en");
        page.open("head").empty("meta", "charset", "UTF-8").element("title", title).style(CSS).close("head");
        page.open("body");
        header(page, report, title, before != null);
        page.open("main");
        scores(page, report);
        if (before != null) {
            BeforeAfterSection.write(page, report, before);
        }
        findings(page, report.findings());
        ProfileSections.duplicates(page, report.duplicates());
        ProfileSections.fields(page, report);
        ProfileSections.text(page, report.text());
        ProfileSections.labels(page, report.labels());
        ExampleSection.write(page, report.examples());
        page.element("p", "Written by nifi-dq ProfileQuality. Every figure is the JSON report's value (schema version "
                + report.schemaVersion() + "); charts are inline SVG.", "class", "muted");
        page.close("main").close("body").close("html");
        return "<!DOCTYPE html>\n" + page;
    }

    private static void header(final Xhtml page, final ProfileReport report, final String title, final boolean withBaseline) {
        page.open("header").element("h1", title);
        page.open("div").text("Records: ").figure("/recordCount", report.recordCount());
        if (report.content() != null) {
            page.text(" \u00b7 bytes: ").figure("/content/bytes", report.content().bytes())
                    .text(" (" + report.content().charset() + ", ").figure("/content/invalidBytes", report.content().invalidBytes())
                    .text(" invalid)");
        }
        if (report.gate() != null) {
            page.text(" \u00b7 quality gate: " + (report.gate().passed() ? "passed" : "failed: " + String.join("; ", report.gate().violations())));
        }
        if (withBaseline && report.drift() != null) {
            page.text(" \u00b7 compared with: " + report.drift().baselineSource());
        }
        page.close("div").close("header");
    }

    private static void scores(final Xhtml page, final ProfileReport report) {
        final Map<String, Double> scores = BaselineSummary.scoreMap(report.scores());
        page.open("section", "id", "scores").element("h2", "Quality scores");
        page.open("div").open("span", "class", "overall").figure("/scores/overall", report.scores().overall()).close("span")
                .element("span", " overall, in [0, 1]; 1 is perfect", "class", "muted").close("div");
        page.open("table").open("tr").element("th", "dimension").element("th", "score", "class", "num").element("th", "weight", "class", "num")
                .element("th", "what it means").close("tr");
        for (final Map.Entry<String, String> meaning : MEANINGS.entrySet()) {
            final String dimension = meaning.getKey();
            page.open("tr").element("td", dimension).open("td", "class", "num");
            if (scores.containsKey(dimension)) {
                page.figure("/scores/" + dimension, scores.get(dimension));
            } else {
                page.text("not measured");
            }
            page.close("td").open("td", "class", "num");
            final Double weight = report.scores().weights().get(dimension);
            if (weight != null) {
                page.figure("/scores/weights/" + dimension, weight);
            }
            page.close("td").element("td", meaning.getValue()).close("tr");
        }
        page.close("table");
        final List<Bar> bars = new ArrayList<>();
        scores.forEach((dimension, score) -> bars.add(new Bar(dimension, score, Xhtml.number(score))));
        SvgCharts.bars(page, "Scores by dimension", bars, true);
        page.close("section");
    }

    private static void findings(final Xhtml page, final List<Finding> findings) {
        page.open("section", "id", "findings").element("h2", "Findings");
        if (findings == null || findings.isEmpty()) {
            page.element("p", "No problem passed its limit.", "class", "good").close("section");
            return;
        }
        page.open("table").open("tr").element("th", "finding").element("th", "dimension").element("th", "measure")
                .element("th", "value", "class", "num").element("th", "baseline", "class", "num").element("th", "limit", "class", "num")
                .element("th", "in a sentence").close("tr");
        for (int i = 0; i < findings.size(); i++) {
            final Finding finding = findings.get(i);
            final String pointer = "/findings/" + i;
            page.open("tr").element("td", finding.name(), "class", "bad").element("td", finding.dimension()).element("td", finding.measure())
                    .open("td", "class", "num").figure(pointer + "/value", finding.value()).close("td")
                    .open("td", "class", "num");
            if (finding.baseline() != null) {
                page.figure(pointer + "/baseline", finding.baseline());
            }
            page.close("td").open("td", "class", "num").figure(pointer + "/limit", finding.limit()).close("td")
                    .element("td", sentence(finding)).close("tr");
        }
        page.close("table").close("section");
    }

    /** The finding as a sentence: what was measured, how much, and the limit it passed. */
    static String sentence(final Finding finding) {
        final String limit = Xhtml.number(finding.limit());
        return finding.summary() + ", above the limit of " + limit
                + (finding.baseline() == null ? "." : " that the baseline allows.");
    }

    /** A PSI in words, by the usual bounds: below 0.1 stable, below 0.25 a moderate shift, else a major one. */
    static String driftInWords(final double psi) {
        return psi < 0.1 ? "stable" : psi < 0.25 ? "moderate shift" : "major shift";
    }

    /** A JSON pointer's segment for a key that may hold '/' or '~' (RFC 6901). */
    static String segment(final String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
