package io.nifidq.processors.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifidq.processors.common.TestReaders;
import io.nifidq.processors.profile.ProfileChoices.DriftBaselineChoice;
import io.nifidq.processors.profile.ProfileChoices.ReportFormatChoice;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Report Format HTML: the same batch, the same figures, as one page for people. */
class ProfileQualityHtmlTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MESSAGES = """
            text,label
            Win a FREE prize now &amp; claim,spam
            See you at six,ham
            See you at six,ham
            ,ham
            "<script>alert(1)</script> click here",spam
            Call me later please,SPAM
            """;

    private TestRunner runner;

    @BeforeEach
    void setUp() throws Exception {
        runner = TestReaders.csvRunner(ProfileQuality.class, "text", "label");
    }

    private MockFlowFile profile(final ReportFormatChoice format) {
        runner.clearTransferState();
        runner.setProperty(ProfileProperties.REPORT_FORMAT, format);
        runner.enqueue(MESSAGES, Map.of("filename", "messages.csv"));
        runner.run();
        runner.assertTransferCount(ProfileQuality.REL_PROFILE, 1);
        return runner.getFlowFilesForRelationship(ProfileQuality.REL_PROFILE).getFirst();
    }

    private static Document parse(final MockFlowFile page) throws Exception {
        final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(page.toByteArray()));
    }

    /** JSON pointer to the value the page shows, from the figures' data-json and data-value attributes. */
    private static Map<String, String> figures(final Document page) {
        final Map<String, String> figures = new HashMap<>();
        final NodeList spans = page.getElementsByTagNameNS("*", "span");
        for (int i = 0; i < spans.getLength(); i++) {
            final Element span = (Element) spans.item(i);
            if (span.hasAttribute("data-json")) {
                figures.put(span.getAttribute("data-json"), span.getAttribute("data-value"));
            }
        }
        return figures;
    }

    @Test
    void theHtmlReportIsAWellFormedPageNamedAfterTheFlowFile() throws Exception {
        final MockFlowFile page = profile(ReportFormatChoice.HTML);
        page.assertAttributeEquals("mime.type", "text/html");
        page.assertAttributeEquals("filename", "messages.csv.profile.html");
        final Document document = parse(page);
        assertEquals("html", document.getDocumentElement().getLocalName());
        assertEquals("Data quality: messages.csv", document.getElementsByTagNameNS("*", "title").item(0).getTextContent());
        runner.getFlowFilesForRelationship(ProfileQuality.REL_SUCCESS).getFirst().assertContentEquals(MESSAGES);
    }

    @Test
    void thePageShowsTheSameFiguresAsTheJsonReport() throws Exception {
        final Map<String, String> shown = figures(parse(profile(ReportFormatChoice.HTML)));
        final JsonNode json = JSON.readTree(profile(ReportFormatChoice.JSON).getContent());
        assertTrue(shown.size() > 40, "figures on the page: " + shown.size());
        shown.forEach((pointer, value) -> assertEquals(json.at(pointer).asDouble(), Double.parseDouble(value), 0.0, pointer));
        assertEquals(json.at("/scores/overall").asText(), shown.get("/scores/overall"));
        assertEquals("1", shown.get("/duplicates/exactDuplicates"));
        assertEquals(json.at("/labels/imbalanceRatio").asText(), shown.get("/labels/imbalanceRatio"));
    }

    @Test
    void aScriptInARecordIsShownAsTextNotRun() throws Exception {
        final MockFlowFile page = profile(ReportFormatChoice.HTML);
        final Document document = parse(page);
        assertEquals(0, document.getElementsByTagNameNS("*", "script").getLength());
        assertTrue(page.getContent().contains("&lt;script&gt;alert(1)&lt;/script&gt; click here"), "the junk example, escaped");
        assertFalse(page.getContent().contains("<script"));
    }

    @Test
    void theJsonReportCarriesTheSameExamplesThePageShows() throws Exception {
        final JsonNode examples = JSON.readTree(profile(ReportFormatChoice.JSON).getContent()).get("examples");
        assertEquals(5, examples.get("limitPerKind").asInt());
        assertEquals(300, examples.get("maxChars").asInt());
        assertEquals(3, examples.at("/exactDuplicates/0/record").asLong());
        assertEquals("text: See you at six | label: ham", examples.at("/exactDuplicates/0/value").asText());
        assertEquals(2, examples.get("encodingJunk").size(), "the HTML entity and the script tag");
        final String page = profile(ReportFormatChoice.HTML).getContent();
        assertTrue(page.contains("text: See you at six | label: ham"));
    }

    @Test
    void withABaselineFileThePageShowsBeforeAndAfterAndTheDriftPerField(@TempDir final Path dir) throws Exception {
        final Path baseline = dir.resolve("before.json");
        Files.write(baseline, profile(ReportFormatChoice.JSON).toByteArray());
        runner.setProperty(ProfileProperties.DRIFT_BASELINE, DriftBaselineChoice.FILE);
        runner.setProperty(ProfileProperties.BASELINE_FILE, baseline.toString());
        final Document page = parse(profile(ReportFormatChoice.HTML));
        final Map<String, String> shown = figures(page);
        assertEquals("0.0", shown.get("/drift/score"));
        assertEquals("0.0", shown.get("/drift/labelPsi"));
        final String text = page.getDocumentElement().getTextContent();
        assertTrue(text.contains("Before and after"), text);
        assertTrue(text.contains("Baseline: 6 records; this batch: 6 records."), text);
    }
}
