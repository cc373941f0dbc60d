package io.nifidq.quality.report;

import io.nifidq.quality.profile.ProfileReport;
import io.nifidq.quality.profile.ProfileReport.DuplicateReport;
import io.nifidq.quality.profile.ProfileReport.FieldReport;
import io.nifidq.quality.profile.ProfileReport.LabelReport;
import io.nifidq.quality.profile.ProfileReport.NearDuplicates;
import io.nifidq.quality.profile.ProfileReport.NumericStats;
import io.nifidq.quality.profile.ProfileReport.TextReport;
import io.nifidq.quality.profile.ProfileReport.ValueCount;
import io.nifidq.quality.profile.ProfileReport.VariantGroup;
import io.nifidq.quality.report.SvgCharts.Bar;

import java.util.List;

/** The page's sections on fields, the text field and the label field. */
final class ProfileSections {

    private ProfileSections() {
    }

    static void fields(final Xhtml page, final ProfileReport report) {
        page.open("section", "id", "fields").element("h2", "Fields").open("div", "class", "grid");
        for (int i = 0; i < report.fields().size(); i++) {
            field(page, report.fields().get(i), "/fields/" + i);
        }
        page.close("div").close("section");
    }

    private static void field(final Xhtml page, final FieldReport field, final String pointer) {
        page.open("div", "class", "card").element("h3", field.name());
        page.open("table");
        row(page, "type", field.inferredType() == null ? "(no values)" : field.inferredType().toLowerCase(java.util.Locale.ROOT));
        row(page, "completeness (missing share)", pointer + "/missing/ratio", field.missing().ratio(),
                pointer + "/missing/total", field.missing().total());
        row(page, "validity (invalid share)", pointer + "/invalidRatio", field.invalidRatio(), pointer + "/invalidCount", field.invalidCount());
        page.open("tr").element("td", "distinct values (estimate)").open("td", "class", "num")
                .figure(pointer + "/distinctEstimate", field.distinctEstimate()).close("td").close("tr");
        page.close("table");
        if (field.numeric() != null) {
            numeric(page, field.numeric(), pointer + "/numeric", field.name());
        }
        if (field.string() != null && !field.string().topValues().isEmpty()) {
            final List<ValueCount> top = field.string().topValues();
            page.element("p", "Top values", "class", "muted");
            topValues(page, field.name(), top, pointer + "/string/topValues");
        }
        page.close("div");
    }

    private static void numeric(final Xhtml page, final NumericStats numeric, final String pointer, final String name) {
        page.open("table").open("tr").element("th", "min", "class", "num");
        numeric.quantiles().keySet().forEach(q -> page.element("th", q, "class", "num"));
        page.element("th", "max", "class", "num").element("th", "mean", "class", "num").close("tr");
        page.open("tr").open("td", "class", "num").figure(pointer + "/min", numeric.min()).close("td");
        numeric.quantiles().forEach((q, value) -> page.open("td", "class", "num").figure(pointer + "/quantiles/" + q, value).close("td"));
        page.open("td", "class", "num").figure(pointer + "/max", numeric.max()).close("td")
                .open("td", "class", "num").figure(pointer + "/mean", numeric.mean()).close("td").close("tr").close("table");
        if (numeric.histogram() != null) {
            SvgCharts.histogram(page, "Histogram of " + name, numeric.histogram());
        }
        page.open("p", "class", "muted").text("Outside the IQR fences: ").figure(pointer + "/iqrOutliers", numeric.iqrOutliers()).close("p");
    }

    private static void topValues(final Xhtml page, final String field, final List<ValueCount> values, final String pointer) {
        SvgCharts.bars(page, "Most frequent values of " + field, values.stream().map(v -> new Bar(v.value(), v.count(), Xhtml.number(v.count()))).toList(),
                false);
        page.open("table", "class", "muted");
        for (int i = 0; i < values.size(); i++) {
            page.open("tr").element("td", values.get(i).value(), "class", "sample").open("td", "class", "num")
                    .figure(pointer + "/" + i + "/count", values.get(i).count()).close("td").close("tr");
        }
        page.close("table");
    }

    static void duplicates(final Xhtml page, final DuplicateReport duplicates) {
        page.open("section", "id", "duplicates").element("h2", "Duplicates").open("table");
        page.open("tr").element("td", "exact duplicates (records repeating an earlier record"
                        + (duplicates.keyFields().isEmpty() ? "" : " by " + String.join(", ", duplicates.keyFields())) + ")")
                .open("td", "class", "num").figure("/duplicates/exactDuplicates", duplicates.exactDuplicates()).text(" (")
                .figure("/duplicates/exactDuplicateRatio", duplicates.exactDuplicateRatio(), Xhtml.percent(duplicates.exactDuplicateRatio()))
                .text(")").close("td").close("tr");
        final NearDuplicates near = duplicates.nearDuplicates();
        if (near != null) {
            page.open("tr").element("td", "near-duplicate texts (estimated Jaccard similarity at least " + Xhtml.number(near.threshold())
                            + (near.sampled() ? "; estimated from a sample" : "") + ")")
                    .open("td", "class", "num").figure("/duplicates/nearDuplicates/records", near.records()).text(" (")
                    .figure("/duplicates/nearDuplicates/ratio", near.ratio(), Xhtml.percent(near.ratio())).text(")").close("td").close("tr");
        }
        page.close("table").close("section");
    }

    static void text(final Xhtml page, final TextReport text) {
        if (text == null) {
            return;
        }
        final String pointer = "/text";
        page.open("section", "id", "text").element("h2", "Text: " + text.field()).open("div", "class", "side").open("div");
        page.open("table");
        count(page, "texts", pointer + "/texts", text.texts());
        count(page, "empty, blank or null token", pointer + "/empty", text.empty());
        count(page, "very short (under " + text.shortBelowChars() + " characters)", pointer + "/veryShort", text.veryShort());
        count(page, "very long (over " + text.longAboveChars() + " characters)", pointer + "/veryLong", text.veryLong());
        count(page, "with control characters", pointer + "/controlCharacters", text.controlCharacters());
        count(page, "with U+FFFD (undecodable bytes)", pointer + "/replacementCharacters", text.replacementCharacters());
        count(page, "with mojibake (UTF-8 read as Latin-1)", pointer + "/mojibake", text.mojibake());
        count(page, "with HTML entities", pointer + "/htmlEntities", text.htmlEntities());
        count(page, "with HTML tags", pointer + "/htmlTags", text.htmlTags());
        count(page, "with any encoding junk", pointer + "/encodingJunkTexts", text.encodingJunkTexts());
        count(page, "noisy (any of the above but empty)", pointer + "/noisyTexts", text.noisyTexts());
        page.close("table").close("div").open("div");
        page.element("h3", "Script mix (share of letters)");
        SvgCharts.bars(page, "Script mix", List.of(new Bar("Latin", text.latinShare(), Xhtml.percent(text.latinShare())),
                new Bar("CJK", text.cjkShare(), Xhtml.percent(text.cjkShare())),
                new Bar("other scripts", text.otherScriptShare(), Xhtml.percent(text.otherScriptShare()))), true);
        page.open("p", "class", "muted").text("Latin ").figure(pointer + "/latinShare", text.latinShare()).text(", CJK ")
                .figure(pointer + "/cjkShare", text.cjkShare()).text(", other ").figure(pointer + "/otherScriptShare", text.otherScriptShare())
                .close("p");
        if (text.tokenHistogram() != null) {
            page.element("h3", "Length: tokens per non-empty text");
            SvgCharts.histogram(page, "Tokens per text", text.tokenHistogram());
            page.open("p", "class", "muted").text("median ").figure(pointer + "/tokens/median", text.tokens().median())
                    .text(", 95th percentile ").figure(pointer + "/tokens/p95", text.tokens().p95()).close("p");
        }
        page.close("div").close("div").close("section");
    }

    static void labels(final Xhtml page, final LabelReport labels) {
        if (labels == null) {
            return;
        }
        final String pointer = "/labels";
        page.open("section", "id", "labels").element("h2", "Labels: " + labels.field()).open("div", "class", "side").open("div");
        page.element("h3", "Class distribution");
        SvgCharts.bars(page, "Records per class", labels.classes().stream()
                .map(c -> new Bar(c.value(), c.count(), Xhtml.number(c.count()))).toList(), false);
        page.open("table");
        count(page, "classes", pointer + "/classCount", labels.classCount());
        count(page, "labelled records", pointer + "/labelled", labels.labelled());
        count(page, "records without a label", pointer + "/missing", labels.missing());
        page.open("tr").element("td", "imbalance (largest / smallest class)").open("td", "class", "num")
                .figure(pointer + "/imbalanceRatio", labels.imbalanceRatio()).close("td").close("tr");
        page.open("tr").element("td", "normalised entropy (balance)").open("td", "class", "num")
                .figure(pointer + "/normalizedEntropy", labels.normalizedEntropy()).close("td").close("tr");
        count(page, "texts that carry conflicting labels", pointer + "/conflictingTexts", labels.conflictingTexts());
        count(page, "records with those texts", pointer + "/conflictingRecords", labels.conflictingRecords());
        if (labels.labelNoise() != null) {
            count(page, "suspected label errors (of " + labels.labelNoise().checkedTexts() + " checked, " + labels.labelNoise().model() + ")",
                    pointer + "/labelNoise/suspectedErrors", labels.labelNoise().suspectedErrors());
        }
        page.close("table").close("div").open("div");
        page.element("h3", "Spelling variants");
        if (labels.spellingVariants().isEmpty()) {
            page.element("p", "Every class has one spelling.", "class", "good");
        } else {
            page.open("table").open("tr").element("th", "class").element("th", "spellings (records)").close("tr");
            for (final VariantGroup group : labels.spellingVariants()) {
                final StringBuilder spellings = new StringBuilder();
                group.spellings().forEach(s -> spellings.append(spellings.isEmpty() ? "" : ", ").append('\u201c').append(s.value())
                        .append("\u201d ").append(s.count()));
                page.open("tr").element("td", group.dominant()).element("td", spellings.toString(), "class", "sample").close("tr");
            }
            page.close("table");
            page.open("p", "class", "muted").text("Records with a minority spelling: ").figure(pointer + "/variantRecords", labels.variantRecords())
                    .close("p");
        }
        page.close("div").close("div").close("section");
    }

    private static void count(final Xhtml page, final String what, final String pointer, final long value) {
        page.open("tr").element("td", what).open("td", "class", "num").figure(pointer, value).close("td").close("tr");
    }

    private static void row(final Xhtml page, final String what, final String value) {
        page.open("tr").element("td", what).element("td", value, "class", "num").close("tr");
    }

    /** A share with its count: "4.0% (8)". */
    private static void row(final Xhtml page, final String what, final String ratioPointer, final double ratio, final String countPointer,
                            final long count) {
        page.open("tr").element("td", what).open("td", "class", "num").figure(ratioPointer, ratio, Xhtml.percent(ratio)).text(" (")
                .figure(countPointer, count).text(")").close("td").close("tr");
    }
}
