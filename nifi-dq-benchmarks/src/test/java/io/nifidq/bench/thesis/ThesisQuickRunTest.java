package io.nifidq.bench.thesis;

import io.nifidq.bench.degrade.Corruption;
import io.nifidq.testing.SharedDatasets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CI smoke run of the thesis benchmark: {@code thesis --quick} (one split, one strength, a small training sample)
 * end to end, with assertions on the shape of what it writes, not on the figures (docs/benchmarks.md has those).
 */
class ThesisQuickRunTest {

    @TempDir
    static Path out;
    private static ThesisResults results;
    private static String progress;

    @BeforeAll
    static void runQuickMode() throws Exception {
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        results = ThesisCommand.run(List.of("--quick", "--out", out.toString()), SharedDatasets.file("README.md").getParent(),
                out.resolve("unused"), new PrintStream(printed, true, StandardCharsets.UTF_8));
        progress = printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void quickModeIsOneSplitAtOneStrengthWithEveryCorruption() {
        assertTrue(results.settings().quick());
        assertEquals(1, results.splits().size());
        final ThesisResults.SplitResult split = results.splits().getFirst();
        assertEquals(ThesisCommand.QUICK_SPLIT, split.split());
        assertEquals(ThesisCommand.QUICK_MAX_TRAIN, split.trainRecords());
        assertEquals(Corruption.values().length, split.cells().size());
        assertEquals(Arrays.asList(Corruption.values()), split.cells().stream().map(ThesisResults.Cell::corruption).toList());
        split.cells().forEach(cell -> assertEquals(0.2, cell.strength()));
        assertTrue(progress.contains("clean macro-F1"), progress);
    }

    @Test
    void everyCellHasScoresFindingsAndARecoveryOnlyWhereSomethingWasLost() {
        for (final ThesisResults.Cell cell : results.splits().getFirst().cells()) {
            final String name = cell.corruption().cliName();
            for (final double f1 : new double[] {cell.cleanF1(), cell.degradedF1(), cell.repairedF1()}) {
                assertTrue(f1 > 0 && f1 <= 1, name + ": " + f1);
            }
            if (cell.loss() < results.settings().minLoss()) {
                assertNull(cell.recovery(), name);
            } else {
                assertNotNull(cell.recovery(), name);
                assertEquals((cell.repairedF1() - cell.degradedF1()) / cell.loss(), cell.recovery(), 1e-12);
            }
            assertTrue(cell.remedies().contains("CleanRecords"), name);
            assertTrue(cell.recordsKept() > 0 && cell.recordsKept() <= cell.recordsIn(), name);
            assertFalse(cell.injected().isBlank(), name);
        }
    }

    @Test
    void remediesFollowTheFindings() {
        for (final ThesisResults.Cell cell : results.splits().getFirst().cells()) {
            assertEquals(cell.findings().contains("class_imbalance"), cell.remedies().stream().anyMatch(r -> r.startsWith("AugmentText rebalance")),
                    cell.corruption().cliName());
            assertEquals(cell.findings().contains("label_noise"), cell.remedies().stream().anyMatch(r -> r.startsWith("TrainClassifier")),
                    cell.corruption().cliName());
            assertEquals(cell.copiesAdded() > 0, cell.remedies().stream().anyMatch(r -> r.startsWith("AugmentText rebalance")), cell.corruption().cliName());
        }
    }

    @Test
    void theMarkdownAndCsvHaveARowPerCell() throws Exception {
        final String markdown = Files.readString(out.resolve("thesis.md"));
        for (final Corruption corruption : Corruption.values()) {
            assertTrue(markdown.contains("| " + corruption.cliName() + " | 0.2 |"), corruption.cliName());
        }
        assertTrue(markdown.contains("| corruption | cells at 0.2-0.3 |"));
        final List<String> csv = Files.readAllLines(out.resolve("thesis.csv"));
        assertEquals(1 + Corruption.values().length, csv.size());
        assertTrue(csv.getFirst().startsWith("split,corruption,strength,clean_f1,degraded_f1,repaired_f1,recovery,findings"));
    }

    @Test
    void fromResultsWritesTheSameTablesAgainWithoutTraining() throws Exception {
        final Path again = out.resolve("again");
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final ThesisResults reread = ThesisCommand.run(List.of("--from-results", out.resolve(ThesisProcesses.RESULTS_FILE).toString(),
                "--out", again.toString()), Path.of("no-datasets-needed"), out.resolve("unused"), new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertEquals(results, reread);
        assertEquals(Files.readString(out.resolve("thesis.md")), Files.readString(again.resolve("thesis.md")));
        assertEquals(Files.readString(out.resolve("thesis.csv")), Files.readString(again.resolve("thesis.csv")));
        assertTrue(Files.size(again.resolve("thesis-headline.png")) > 0);
        assertFalse(printed.toString(StandardCharsets.UTF_8).contains("clean macro-F1"), "nothing was trained");
    }

    @Test
    void theChartsArePngImagesOfTheExpectedSize() throws Exception {
        final BufferedImage headline = ImageIO.read(out.resolve("thesis-headline.png").toFile());
        assertEquals(720, headline.getWidth());
        assertEquals(440, headline.getHeight());
        final BufferedImage split = ImageIO.read(out.resolve("thesis-sms-spam-collection.png").toFile());
        assertEquals(5 * ThesisCharts.PANEL_WIDTH, split.getWidth());
        assertEquals(2 * ThesisCharts.PANEL_HEIGHT, split.getHeight());
        assertFalse(isBlank(split), "the split chart has something drawn on it");
    }

    private static boolean isBlank(final BufferedImage image) {
        final int first = image.getRGB(0, 0);
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                if (image.getRGB(x, y) != first) {
                    return false;
                }
            }
        }
        return true;
    }
}
