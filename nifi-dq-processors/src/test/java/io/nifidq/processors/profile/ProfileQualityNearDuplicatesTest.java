package io.nifidq.processors.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifidq.processors.common.TestReaders;
import io.nifidq.processors.profile.ProfileChoices.ReportFormatChoice;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Exact and near duplicates side by side: a page shows each near duplicate beside the earlier text it resembles. */
class ProfileQualityNearDuplicatesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATION = "See you at the station at six,\nbring the tickets please and the umbrella too";
    private static final String CRUISE = "Congratulations! You have won a free cruise to the Bahamas, call 0800 123 456 now";
    private static final String CRUISE_AGAIN = "Congratulations!  You have won a FREE cruise to the Bahamas, call 0800 123 456 now";
    /**
     * Record 1 has no text and record 2's text spans two lines, so record numbers are not line numbers; records 2 and 3 are
     * no examples of their own, so the page must read their texts again; record 6 comes after the last one it needs.
     */
    private static final String MESSAGES = "text,label\n"
            + ",ham\n"
            + "\"" + STATION + "\",ham\n"
            + "\"" + CRUISE + "\",spam\n"
            + "\"" + STATION + "!\",ham\n"
            + "\"" + CRUISE_AGAIN + "\",spam\n"
            + "The weather is fine today,ham\n";

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
        runner.assertTransferCount(ProfileQuality.REL_SUCCESS, 1);
        return runner.getFlowFilesForRelationship(ProfileQuality.REL_PROFILE).getFirst();
    }

    /** The rows of the page's near-duplicate table, each as its cells' texts. */
    private static List<List<String>> nearDuplicateRows(final MockFlowFile page) throws Exception {
        final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        final NodeList tables = factory.newDocumentBuilder().parse(new ByteArrayInputStream(page.toByteArray()))
                .getElementsByTagNameNS("*", "table");
        final List<List<String>> rows = new ArrayList<>();
        for (int t = 0; t < tables.getLength(); t++) {
            if ("pairs".equals(((Element) tables.item(t)).getAttribute("class"))) {
                final NodeList trs = ((Element) tables.item(t)).getElementsByTagNameNS("*", "tr");
                for (int r = 0; r < trs.getLength(); r++) {
                    final List<String> cells = new ArrayList<>();
                    final NodeList children = trs.item(r).getChildNodes();
                    for (int c = 0; c < children.getLength(); c++) {
                        cells.add(children.item(c).getTextContent());
                    }
                    rows.add(cells);
                }
            }
        }
        return rows;
    }

    @Test
    void thePageShowsEachNearDuplicateBesideTheEarlierTextItResembles() throws Exception {
        assertEquals(List.of(List.of("earlier record", "earlier text", "record", "near duplicate"),
                List.of("#2", STATION, "#4", STATION + "!"),
                List.of("#3", CRUISE, "#5", CRUISE_AGAIN)), nearDuplicateRows(profile(ReportFormatChoice.HTML)));
    }

    @Test
    void theJsonReportNamesTheEarlierRecordButDoesNotReadItsTextAgain() throws Exception {
        final JsonNode near = JSON.readTree(profile(ReportFormatChoice.JSON).getContent()).at("/examples/nearDuplicates");
        assertEquals(2, near.size());
        assertEquals(4, near.at("/0/record").asLong());
        assertEquals(2, near.at("/0/otherRecord").asLong());
        assertEquals(STATION + "!", near.at("/0/value").asText());
        assertFalse(near.get(0).has("otherValue"), "the JSON report keeps only what the sample held: " + near);
        assertEquals(5, near.at("/1/record").asLong());
        assertEquals(3, near.at("/1/otherRecord").asLong());
    }

    @Test
    void aFlowFileWithoutNearDuplicatesHasNoPairsOnItsPage() throws Exception {
        runner.setProperty(ProfileProperties.REPORT_FORMAT, ReportFormatChoice.HTML);
        runner.enqueue("text,label\n\"" + STATION + "\",ham\n\"" + CRUISE + "\",spam\n", Map.of("filename", "two.csv"));
        runner.run();
        assertEquals(List.of(), nearDuplicateRows(runner.getFlowFilesForRelationship(ProfileQuality.REL_PROFILE).getFirst()));
    }
}
