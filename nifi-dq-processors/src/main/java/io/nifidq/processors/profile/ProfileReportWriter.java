package io.nifidq.processors.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import io.nifidq.processors.profile.ProfileChoices.ReportFormatChoice;
import io.nifidq.quality.profile.BaselineSummary;
import io.nifidq.quality.profile.ProfileReport;
import io.nifidq.quality.report.HtmlReport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/** Writes profile reports as JSON, as metric,value CSV rows or as an HTML page, and reads baselines back. */
final class ProfileReportWriter {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ProfileReportWriter() {
    }

    /** before: the baseline the report was judged against, shown beside it on an HTML page (null: none); title: the page's. */
    static void write(final ProfileReport report, final ReportFormatChoice format, final BaselineSummary before, final String title,
                      final OutputStream out) throws IOException {
        if (format == ReportFormatChoice.PARTIAL_PROFILE) {
            throw new IllegalStateException("A partial profile is the serialised profile (ProfileReporting.writePartial), not a report");
        }
        if (format == ReportFormatChoice.JSON) {
            MAPPER.writeValue(out, report);
            return;
        }
        final Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        if (format == ReportFormatChoice.HTML) {
            writer.write(HtmlReport.render(report, before, title));
            writer.flush();
            return;
        }
        final ICSVWriter csv = new CSVWriter(writer);
        csv.writeNext(new String[] {"metric", "value"}, false);
        flatten("", MAPPER.valueToTree(report), csv);
        csv.flush();
    }

    private static void flatten(final String path, final JsonNode node, final ICSVWriter csv) {
        if (node.isObject()) {
            final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                final Map.Entry<String, JsonNode> field = fields.next();
                flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), csv);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), csv);
            }
        } else {
            csv.writeNext(new String[] {path, node.asText()}, false);
        }
    }

    static String baselineJson(final BaselineSummary baseline) throws IOException {
        return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(baseline);
    }

    /** Reads a baseline from a whole profile report (its "baseline" section) or from a bare baseline summary. */
    static BaselineSummary readBaseline(final String json) throws IOException {
        final JsonNode root = MAPPER.readTree(json);
        final JsonNode baseline = root.has("baseline") ? root.get("baseline") : root;
        if (!baseline.has("fields") || !baseline.has("numeric")) {
            throw new IOException("Not a ProfileQuality report or baseline: no 'baseline' section with 'fields' and 'numeric'");
        }
        return MAPPER.treeToValue(baseline, BaselineSummary.class);
    }
}
