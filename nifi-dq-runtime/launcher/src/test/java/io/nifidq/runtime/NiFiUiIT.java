package io.nifidq.runtime;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NiFi's web UI, in headless Chromium, shows the "quality gate" flow after it has run: the group on the root canvas,
 * and inside it every processor with its name and type, ProfileQuality from the nifi-dq bundle. Screenshots are saved
 * under target/screenshots for people to look at.
 */
class NiFiUiIT {

    private static final int WIDTH = 1400;
    private static final int HEIGHT = 900;
    private static final int BUDGET_MILLIS = 20_000;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @AutoClose
    private static LocalNiFi nifi;
    private static QualityGateFlow flow;
    private static HeadlessChromium chromium;
    private static Path screenshots;

    @BeforeAll
    static void runTheFlowOnTheSample() throws Exception {
        screenshots = Path.of(System.getProperty("dq.screenshot.dir", "target/screenshots"));
        chromium = HeadlessChromium.find(Files.createDirectories(Path.of("target", "chromium")), WIDTH, HEIGHT);
        nifi = LocalNiFi.start("ui");
        flow = QualityGateFlow.importFlow(nifi.client(), LocalNiFi.flowsDirectory(),
                QualityGateFlow.Folders.under(nifi.instance().home().resolve("data")), null);
        flow.start(Duration.ofSeconds(60));
        flow.drop(LocalNiFi.flowsDirectory().resolve(QualityGateJob.SAMPLE), "support-messages.csv");
        flow.awaitOutput(flow.folders().profile(), "support-messages.csv.profile.json", Duration.ofSeconds(90));
    }

    @Test
    void theRootCanvasShowsTheQualityGateGroup() throws Exception {
        final String dom = chromium.dumpDom(nifi.instance().uiUri().toString(), BUDGET_MILLIS);

        assertTrue(dom.contains("class=\"process-group component"), "a process group is drawn on the canvas");
        assertTrue(dom.contains(">" + QualityGateFlow.GROUP_NAME + "<"), "the group's name is on the canvas");
        savePng(nifi.instance().uiUri().toString(), "nifi-canvas.png");
    }

    @Test
    void insideTheGroupEveryProcessorIsDrawnWithItsTypeAndProfileQualityComesFromTheNiFiDqBundle() throws Exception {
        final String groupUrl = nifi.instance().uiUri() + "#/process-groups/" + flow.groupId();
        final String dom = chromium.dumpDom(groupUrl, BUDGET_MILLIS);

        assertAll(List.of(QualityGateFlow.READ_INPUT, QualityGateFlow.PROFILE_QUALITY, QualityGateFlow.WRITE_PASSED,
                        QualityGateFlow.WRITE_PROFILES, QualityGateFlow.WRITE_BELOW_THRESHOLD, QualityGateFlow.WRITE_FAILURES).stream()
                .map(name -> () -> assertTrue(dom.contains("class=\"processor-name\">" + name + "<"), name + " is drawn")));
        assertTrue(dom.contains("ProfileQuality 0.1.0-SNAPSHOT"), "the processor's type and version are shown");
        assertTrue(dom.contains("io.nifidq - nifi-dq-nar"), "the processor's bundle is shown");
        assertEquals(6, count(dom, "class=\"processor component"), "six processors on the canvas");
        assertEquals(5, count(dom, "class=\"connection visible"), "five connections on the canvas");
        savePng(groupUrl, "quality-gate-flow.png");
    }

    private static void savePng(final String url, final String name) throws Exception {
        final Path png = chromium.screenshot(url, BUDGET_MILLIS, screenshots.resolve(name));
        try (InputStream in = Files.newInputStream(png); DataInputStream data = new DataInputStream(in)) {
            final byte[] signature = data.readNBytes(PNG_SIGNATURE.length);
            data.skipNBytes(8); // IHDR chunk length and type
            final int width = data.readInt();
            final int height = data.readInt();
            assertArrayEquals(PNG_SIGNATURE, signature, name + " is a PNG");
            assertEquals(List.of(WIDTH, HEIGHT), List.of(width, height), name + " has the window's size");
        }
        assertTrue(Files.size(png) > 30_000, name + " is not a blank page (" + Files.size(png) + " bytes)");
    }

    private static int count(final String text, final String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }

}
