package io.nifidq.quality.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifidq.quality.profile.BaselineSummary;
import io.nifidq.quality.profile.DatasetProfile;
import io.nifidq.quality.profile.DriftCalculator;
import io.nifidq.quality.profile.ProfileReport;
import io.nifidq.quality.profile.ProfileReport.Example;
import io.nifidq.quality.profile.ProfileReport.Examples;
import io.nifidq.quality.profile.ProfileSettings;
import io.nifidq.quality.profile.RecordView;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlReportTest {

    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final String SCRIPT = "<script>alert('x')</script> & \u0001";

    private static RecordView record(final Object... namesAndValues) {
        final Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return RecordView.of(values);
    }

    /** Support messages with a number, one duplicate, one label conflict, one script tag and a missing label. */
    private static DatasetProfile messages(final int shift) {
        final DatasetProfile profile = new DatasetProfile(ProfileSettings.defaults("text", "label"));
        final String[] labels = {"billing", "technical", "shipping"};
        for (int i = 0; i < 30; i++) {
            profile.add(record("id", String.valueOf(i + shift), "text", "message number " + i + " about " + labels[i % 3],
                    "label", labels[i % 3]));
        }
        profile.add(record("id", "99", "text", "message number 1 about technical", "label", "technical"));
        profile.add(record("id", "100", "text", "message number 1 about technical", "label", "billing"));
        profile.add(record("id", "101", "text", SCRIPT, "label", ""));
        return profile;
    }

    private static Document parse(final String page) throws Exception {
        final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(page)));
    }

    private static List<Element> figures(final Document page) {
        final NodeList all = page.getElementsByTagNameNS("*", "*");
        final List<Element> figures = new ArrayList<>();
        for (int i = 0; i < all.getLength(); i++) {
            final Element element = (Element) all.item(i);
            if (element.hasAttribute("data-json")) {
                figures.add(element);
            }
        }
        return figures;
    }

    @Test
    void everyFigureOnThePageIsTheJsonReportsValue() throws Exception {
        final ProfileReport report = messages(0).report();
        final JsonNode json = JSON.valueToTree(report);
        final List<Element> figures = figures(parse(HtmlReport.render(report, null, "Profile")));
        final Set<String> pointers = new TreeSet<>();
        for (final Element figure : figures) {
            final String pointer = figure.getAttribute("data-json");
            final JsonNode value = json.at(pointer);
            assertFalse(value.isMissingNode(), pointer + " is not in the JSON report");
            assertEquals(value.asDouble(), Double.parseDouble(figure.getAttribute("data-value")), 0.0, pointer);
            pointers.add(pointer);
        }
        assertTrue(pointers.containsAll(List.of("/recordCount", "/scores/overall", "/scores/noise", "/fields/0/numeric/quantiles/p50",
                "/fields/0/missing/ratio", "/fields/0/distinctEstimate", "/fields/2/string/topValues/0/count", "/text/encodingJunkTexts",
                "/text/latinShare", "/labels/imbalanceRatio", "/labels/conflictingTexts", "/findings/0/value", "/findings/0/limit")),
                "figures shown: " + pointers);
    }

    @Test
    void theOverallScoreIsShownAsPeopleReadIt() throws Exception {
        final ProfileReport report = messages(0).report();
        final Element overall = figures(parse(HtmlReport.render(report, null, "Profile"))).stream()
                .filter(f -> f.getAttribute("data-json").equals("/scores/overall")).findFirst().orElseThrow();
        assertEquals(Xhtml.number(report.scores().overall()), overall.getTextContent());
    }

    @Test
    void aScriptInARecordStaysTextAndControlCharactersBecomeSymbols() throws Exception {
        final String page = HtmlReport.render(messages(0).report(), null, "Profile <of> & 'batch'");
        final Document document = parse(page);
        assertEquals(0, document.getElementsByTagNameNS("*", "script").getLength());
        assertTrue(document.getDocumentElement().getTextContent().contains("<script>alert('x')</script> & \u2401"),
                "the junk example shows the text as it is, its control character as U+2401");
        assertEquals("Profile <of> & 'batch'", document.getElementsByTagNameNS("*", "title").item(0).getTextContent());
    }

    @Test
    void thePageFetchesNothing() {
        final String page = HtmlReport.render(messages(0).report(), null, "Profile");
        for (final String fetching : List.of("<script", "<link", "<img", "<iframe", "src=", "href=", "url(", "@import")) {
            assertFalse(page.contains(fetching), "the page holds " + fetching);
        }
        assertTrue(page.startsWith("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\""));
    }

    @Test
    void thePageShowsChartsForScoresFieldsTextAndLabels() throws Exception {
        final Document page = parse(HtmlReport.render(messages(0).report(), null, "Profile"));
        final NodeList charts = page.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg");
        final List<String> titles = new ArrayList<>();
        for (int i = 0; i < charts.getLength(); i++) {
            titles.add(((Element) charts.item(i)).getElementsByTagNameNS("*", "title").item(0).getTextContent());
        }
        assertEquals(List.of("Scores by dimension", "Histogram of id", "Most frequent values of id",
                "Most frequent values of text", "Most frequent values of label", "Script mix",
                "Tokens per text", "Records per class"), titles);
    }

    @Test
    void withABaselineThePageShowsTheFiguresBeforeAndAfterAndTheDriftPerField() throws Exception {
        final BaselineSummary before = messages(0).report().baseline();
        final DatasetProfile shifted = messages(500);
        final ProfileReport after = shifted.report().withFindingsAgainst(before)
                .withDriftAndGate(DriftCalculator.compare(before, shifted, "Baseline File"), null);
        final JsonNode json = JSON.valueToTree(after);
        final Document page = parse(HtmlReport.render(after, before, "Before and after"));
        final String text = sectionById(page, "before-after").getTextContent();
        assertTrue(text.contains("Baseline: 33 records"), text);
        final Set<String> pointers = new TreeSet<>();
        for (final Element figure : figures(page)) {
            assertEquals(json.at(figure.getAttribute("data-json")).asDouble(), Double.parseDouble(figure.getAttribute("data-value")), 0.0);
            pointers.add(figure.getAttribute("data-json"));
        }
        assertTrue(pointers.containsAll(List.of("/drift/score", "/drift/fieldPsi/id", "/drift/labelPsi", "/baseline/labels/billing",
                "/baseline/findingMeasures/exact_duplicates")), "figures shown: " + pointers);
        assertTrue(json.at("/drift/fieldPsi/id").asDouble() > 0.25, "the ids moved past the baseline's range");
        assertTrue(text.contains("major shift"), text);
    }

    @Test
    void nearDuplicatesAreShownBesideTheEarlierTextTheyResembleOrItsRecordNumber() throws Exception {
        final ProfileReport report = messages(0).report();
        final Examples examples = report.examples();
        final ProfileReport pairs = report.withExamples(new Examples(examples.limitPerKind(), examples.maxChars(), examples.exactDuplicates(),
                List.of(new Example(32L, "message number 1 about technical!", null, null, 2L, "message number 1 about technical"),
                        new Example(33L, "message number 1 about technical?", null, null, 2L, null)),
                examples.labelConflicts(), examples.encodingJunk(), examples.suspectedLabelErrors()));
        final NodeList tables = sectionById(parse(HtmlReport.render(pairs, null, "Profile")), "examples").getElementsByTagNameNS("*", "table");
        final List<Element> pairTables = new ArrayList<>();
        for (int i = 0; i < tables.getLength(); i++) {
            if ("pairs".equals(((Element) tables.item(i)).getAttribute("class"))) {
                pairTables.add((Element) tables.item(i));
            }
        }
        assertEquals(1, pairTables.size());
        final Element table = pairTables.getFirst();
        assertEquals(List.of(List.of("earlier record", "earlier text", "record", "near duplicate"),
                List.of("#2", "message number 1 about technical", "#32", "message number 1 about technical!"),
                List.of("#2", "near duplicate of record 2 (its text was not kept)", "#33", "message number 1 about technical?")), rows(table));
    }

    private static List<List<String>> rows(final Element table) {
        final List<List<String>> rows = new ArrayList<>();
        final NodeList trs = table.getElementsByTagNameNS("*", "tr");
        for (int i = 0; i < trs.getLength(); i++) {
            final List<String> cells = new ArrayList<>();
            final NodeList children = trs.item(i).getChildNodes();
            for (int c = 0; c < children.getLength(); c++) {
                cells.add(children.item(c).getTextContent());
            }
            rows.add(cells);
        }
        return rows;
    }

    private static Element sectionById(final Document page, final String id) {
        final NodeList sections = page.getElementsByTagNameNS("*", "section");
        for (int i = 0; i < sections.getLength(); i++) {
            if (id.equals(((Element) sections.item(i)).getAttribute("id"))) {
                return (Element) sections.item(i);
            }
        }
        throw new AssertionError("no section " + id);
    }
}
