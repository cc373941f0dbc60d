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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CI smoke run of the thesis benchmark: {@code thesis --quick} (one split, one strength, a small training sample,
 * both model families, one seed) end to end, with assertions on the shape of what it writes, not on the figures (docs/benchmarks.md has those).
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
    void quickModeIsOneSplitAtOneStrengthWithEveryCorruptionForBothFamiliesAndOneSeed() {
        assertTrue(results.settings().quick());
        assertEquals(List.of(1L), results.settings().seeds());
        assertEquals(1, results.splits().size());
        final ThesisResults.SplitResult split = results.splits().getFirst();
        assertEquals(ThesisCommand.QUICK_SPLIT, split.split());
        assertEquals(ThesisCommand.QUICK_MAX_TRAIN, split.trainRecords());
        assertEquals(List.of(ThesisFamily.NGRAM, ThesisFamily.ENCODER), split.families().stream().map(ThesisResults.FamilyResult::family).toList());
        for (final ThesisResults.FamilyResult family : split.families()) {
            assertEquals(Arrays.asList(Corruption.values()), family.cells().stream().map(ThesisResults.Cell::corruption).toList());
            family.cells().forEach(cell -> assertEquals(0.2, cell.strength()));
            family.cells().forEach(cell -> assertEquals(1, cell.runs().size()));
        }
        assertTrue(progress.contains("n-gram: clean macro-F1"), progress);
        assertTrue(progress.contains("frozen encoder: clean macro-F1"), progress);
    }

    @Test
    void everyRunHasScoresFindingsAndACellARecoveryOnlyWhereSomethingWasLost() {
        for (final ThesisResults.FamilyResult family : results.splits().getFirst().families()) {
            for (final ThesisResults.Cell cell : family.cells()) {
                final String name = family.family().cliName() + " " + cell.corruption().cliName();
                final ThesisResults.Run run = cell.runs().getFirst();
                for (final double f1 : new double[] {run.cleanF1(), run.degradedF1(), run.repairedF1()}) {
                    assertTrue(f1 > 0 && f1 <= 1, name + ": " + f1);
                }
                assertEquals(family.cleanF1s().getFirst(), run.cleanF1(), name);
                if (run.loss() < results.settings().minLoss()) {
                    assertNull(cell.recovery(), name);
                } else {
                    assertEquals((run.repairedF1() - run.degradedF1()) / run.loss(), cell.recovery(), 1e-12, name);
                }
                assertTrue(run.remedies().contains("CleanRecords"), name);
                assertTrue(run.recordsKept() > 0 && run.recordsKept() <= run.recordsIn(), name);
                assertFalse(run.injected().isBlank(), name);
            }
        }
    }

    @Test
    void remediesFollowTheFindings() {
        for (final ThesisResults.FamilyResult family : results.splits().getFirst().families()) {
            for (final ThesisResults.Cell cell : family.cells()) {
                final ThesisResults.Run run = cell.runs().getFirst();
                final String name = family.family().cliName() + " " + cell.corruption().cliName();
                assertEquals(run.findings().contains("class_imbalance"), run.remedies().stream().anyMatch(r -> r.startsWith("AugmentText rebalance")),
                        name);
                assertEquals(run.findings().contains("label_noise"), run.remedies().stream().anyMatch(r -> r.startsWith("TrainClassifier")),
                        name);
                assertEquals(run.copiesAdded() > 0, run.remedies().stream().anyMatch(r -> r.startsWith("AugmentText rebalance")), name);
            }
        }
    }

    @Test
    void theMarkdownHasATablePerFamilyAndTheCsvARowPerRun() throws Exception {
        final String markdown = Files.readString(out.resolve("thesis.md"));
        for (final ThesisFamily family : ThesisFamily.values()) {
            assertTrue(markdown.contains("#### Summary, " + family.title()), family.title());
            assertTrue(markdown.contains("#### " + ThesisCommand.QUICK_SPLIT + ", " + family.title() + ": clean train macro-F1"), family.title());
        }
        for (final Corruption corruption : Corruption.values()) {
            assertEquals(2, markdown.split("\\| " + java.util.regex.Pattern.quote(corruption.cliName()) + " \\| 0.2 \\|", -1).length - 1,
                    corruption.cliName());
        }
        final List<String> csv = Files.readAllLines(out.resolve("thesis.csv"));
        assertEquals(1 + 2 * Corruption.values().length, csv.size());
        assertTrue(csv.getFirst().startsWith("split,family,corruption,strength,seed,clean_f1,degraded_f1,repaired_f1"));
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
        assertEquals(2 * ThesisCharts.HEADLINE_WIDTH, headline.getWidth(), "a panel per family");
        assertEquals(ThesisCharts.HEADLINE_HEIGHT, headline.getHeight());
        final BufferedImage split = ImageIO.read(out.resolve("thesis-sms-spam-collection.png").toFile());
        assertEquals(5 * ThesisCharts.PANEL_WIDTH, split.getWidth());
        assertEquals(4 * ThesisCharts.PANEL_HEIGHT, split.getHeight(), "ten corruptions for each of two families");
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
