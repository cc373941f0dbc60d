package io.nifidq.quality.profile;

import io.nifidq.quality.profile.ProfileReport.DriftReport;
import io.nifidq.quality.profile.ProfileReport.GateReport;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DriftAndGateTest {

    private static DatasetProfile batch(final int ageOffset, final double spamShare, final String city) {
        final List<RecordView> records = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            records.add(Records.of("id", String.valueOf(i), "age", String.valueOf(20 + ageOffset + i % 40), "city", i % 4 == 0 ? city : "Paris",
                    "label", i < spamShare * 1000 ? "spam" : "ham"));
        }
        return Records.profile(ProfileSettings.defaults(null, "label"), records);
    }

    @Test
    void theSameDistributionDoesNotDrift() {
        final DriftReport drift = DriftCalculator.compare(batch(0, 0.2, "Lyon").report().baseline(), batch(0, 0.2, "Lyon"), "test");
        // Numeric bins come from KLL sketches, whose compaction is randomised beyond 200 values: two sketches of the
        // same numbers differ a little. PSI below 0.1 is conventionally "no change"; this asks ten times less.
        assertTrue(drift.score() < 0.01, "drift " + drift);
        assertTrue(drift.fieldPsi().get("age") < 0.01, "drift " + drift);
        assertEquals(0.0, drift.labelPsi());
        assertTrue(drift.newFields().isEmpty());
    }

    @Test
    void shiftedNumbersCategoriesAndLabelsDrift() {
        final BaselineSummary baseline = batch(0, 0.2, "Lyon").report().baseline();
        final DriftReport drift = DriftCalculator.compare(baseline, batch(20, 0.5, "Nice"), "test");
        assertTrue(drift.fieldPsi().get("age") > 0.25, "age moved by half its range: " + drift.fieldPsi());
        assertTrue(drift.fieldPsi().get("city") > 0.25, "a quarter of the cities changed: " + drift.fieldPsi());
        // (0.5 - 0.2) ln(0.5 / 0.2) + (0.5 - 0.8) ln(0.5 / 0.8)
        assertEquals(0.415888, drift.labelPsi(), 1e-5);
        assertEquals(Math.max(drift.labelPsi(), Math.max(drift.fieldPsi().get("age"), drift.fieldPsi().get("city"))), drift.score());
    }

    @Test
    void psiOfKnownShares() {
        assertEquals(0.0, DriftCalculator.psi(new double[] {0.5, 0.5}, new double[] {0.5, 0.5}));
        assertEquals(0.3 * Math.log(0.8 / 0.5) + 0.3 * Math.log(0.5 / 0.2),
                DriftCalculator.psi(new double[] {0.5, 0.5}, new double[] {0.8, 0.2}), 1e-12);
    }

    @Test
    void newAndMissingFieldsAreListed() {
        final BaselineSummary baseline = Records.profile(ProfileSettings.defaults(null, null), List.of(Records.of("a", "1", "b", "x")))
                .report().baseline();
        final DriftReport drift = DriftCalculator.compare(baseline,
                Records.profile(ProfileSettings.defaults(null, null), List.of(Records.of("a", "1", "c", "y"))), "test");
        assertEquals(List.of("c"), drift.newFields());
        assertEquals(List.of("b"), drift.missingFields());
    }

    @Test
    void aGateWithoutRulesHasNoVerdict() {
        assertNull(QualityGate.NONE.evaluate(batch(0, 0.2, "Lyon").report(), null));
    }

    @Test
    void eachBrokenRuleIsNamedWithItsValueAndBound() {
        final DatasetProfile profile = Records.profile(ProfileSettings.defaults(null, "label"), List.of(
                Records.of("a", "1", "label", "x"), Records.of("a", null, "label", "x"), Records.of("a", "1", "label", "x"),
                Records.of("a", "2", "label", "y")));
        final GateReport verdict = new QualityGate(0.99, 0.2, 0.1, 2.0, 0.1)
                .evaluate(profile.report(), new DriftReport("test", 0.3, java.util.Map.of(), null, List.of(), List.of()));
        assertFalse(verdict.passed());
        assertEquals(List.of(
                "overall: score " + trimmed(profile.report().scores().overall()) + " < minimum 0.99",
                "completeness: field 'a' missing ratio 0.25 > maximum 0.2",
                "uniqueness: duplicate ratio 0.25 > maximum 0.1",
                "balance: imbalance ratio 3 > maximum 2",
                "drift: score (largest PSI) 0.3 > maximum 0.1"), verdict.violations());
    }

    @Test
    void aBatchWithinEveryBoundPasses() {
        final GateReport verdict = new QualityGate(0.5, 0.5, 0.5, 10.0, null).evaluate(batch(0, 0.2, "Lyon").report(), null);
        assertTrue(verdict.passed());
        assertTrue(verdict.violations().isEmpty());
    }

    @Test
    void anEmptyBatchFailsAnyGate() {
        final GateReport verdict = new QualityGate(0.5, null, null, null, null)
                .evaluate(new DatasetProfile(ProfileSettings.defaults(null, null)).report(), null);
        assertEquals(List.of("completeness: the batch has no records"), verdict.violations());
    }

    private static String trimmed(final double value) {
        return String.format(java.util.Locale.ROOT, "%.4f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
