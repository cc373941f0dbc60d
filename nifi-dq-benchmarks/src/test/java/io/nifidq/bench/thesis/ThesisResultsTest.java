package io.nifidq.bench.thesis;

import io.nifidq.bench.degrade.Corruption;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a cell of several seeds reads: means, spreads, when a loss counts, and the recovery on the means. */
class ThesisResultsTest {

    @Test
    void aSpreadIsTheMeanAndTheSampleStandardDeviation() {
        final ThesisResults.Spread spread = ThesisResults.Spread.of(List.of(0.80, 0.82, 0.84));
        assertEquals(0.82, spread.mean(), 1e-12);
        assertEquals(0.02, spread.deviation(), 1e-12);
        assertEquals(0.0, ThesisResults.Spread.of(List.of(0.7)).deviation());
    }

    @Test
    void theRecoveryIsComputedOnTheSeedsMeans() {
        final ThesisResults.Cell cell = cell(run(1, 0.90, 0.70, 0.88), run(2, 0.92, 0.74, 0.86), run(3, 0.91, 0.72, 0.87));
        assertTrue(cell.measurableLoss());
        assertEquals(0.19, cell.loss().mean(), 1e-12);
        assertEquals((0.87 - 0.72) / (0.91 - 0.72), cell.recovery(), 1e-12);
    }

    @Test
    void aLossWithinTheSpreadOfTheSeedsLossesDoesNotCount() {
        // Losses 0.04, -0.02, 0.01: mean 0.01, standard deviation 0.03.
        final ThesisResults.Cell cell = cell(run(1, 0.90, 0.86, 0.90), run(2, 0.90, 0.92, 0.90), run(3, 0.90, 0.89, 0.90));
        assertEquals(0.01, cell.loss().mean(), 1e-12);
        assertFalse(cell.measurableLoss());
        assertNull(cell.recovery());
    }

    @Test
    void aLossBelowTheMinimumDoesNotCountEvenWithoutSpread() {
        final ThesisResults.Cell cell = cell(run(1, 0.90, 0.895, 0.90));
        assertFalse(cell.measurableLoss());
    }

    @Test
    void theFindingsAreCountedPerSeed() {
        final ThesisResults.Cell cell = new ThesisResults.Cell("s", ThesisFamily.NGRAM, Corruption.LABEL_NOISE, 0.2, List.of(
                run(1, 0.9, 0.8, 0.85, List.of("label_noise")), run(2, 0.9, 0.8, 0.85, List.of()),
                run(3, 0.9, 0.8, 0.85, List.of("label_noise", "exact_duplicates"))), 0.01);
        assertEquals(2, cell.namedIn());
        assertEquals(List.of("exact_duplicates"), cell.namedButNotInjected());
    }

    private static ThesisResults.Cell cell(final ThesisResults.Run... runs) {
        return new ThesisResults.Cell("s", ThesisFamily.ENCODER, Corruption.LABEL_NOISE, 0.2, List.of(runs), 0.01);
    }

    private static ThesisResults.Run run(final long seed, final double clean, final double degraded, final double repaired) {
        return run(seed, clean, degraded, repaired, List.of("label_noise"));
    }

    private static ThesisResults.Run run(final long seed, final double clean, final double degraded, final double repaired,
                                         final List<String> findings) {
        return new ThesisResults.Run(seed, "10 labelsFlipped", clean, degraded, repaired, findings, List.of("CleanRecords"), 100, 100, 0, 1.0);
    }
}
