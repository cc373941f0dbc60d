package io.nifidq.quality.profile;

import io.nifidq.quality.profile.ProfileReport.FieldReport;
import io.nifidq.quality.profile.ProfileReport.ValueCount;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.nifidq.quality.profile.Records.column;
import static io.nifidq.quality.profile.Records.field;
import static io.nifidq.quality.profile.Records.profile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class FieldProfileTest {

    private static final ProfileSettings DEFAULTS = ProfileSettings.defaults(null, null);

    private static FieldReport report(final Object... values) {
        return field(profile(DEFAULTS, column("f", values)).report(), "f");
    }

    @Test
    void missingValuesAreCountedByKind() {
        final FieldReport f = report("a", null, "", "   ", "N/A", " null ", "?", "b");
        assertEquals(8, f.count());
        assertEquals(6, f.missing().total());
        assertEquals(1, f.missing().nulls());
        assertEquals(1, f.missing().empty());
        assertEquals(1, f.missing().whitespaceOnly());
        assertEquals(3, f.missing().nullTokens());
        assertEquals(0.75, f.missing().ratio());
    }

    @Test
    void nullTokensAreConfigurable() {
        final ProfileSettings settings = new ProfileSettings(java.util.Set.of("unknown"), null, null, List.of(), 0.9, 100, 3, 5000, 10);
        final FieldReport f = field(profile(settings, column("f", "UNKNOWN", "N/A", "x")).report(), "f");
        assertEquals(1, f.missing().nullTokens());
        assertEquals(2, f.string().count());
    }

    @Test
    void inferredTypeIsTheNarrowestThatFitsEightyPercentAndTheRestIsInvalid() {
        final FieldReport f = report("1", "2", "x", "4", "5");
        assertEquals("INTEGER", f.inferredType());
        assertEquals(1, f.invalidCount());
        assertEquals(0.2, f.invalidRatio());
        assertEquals("DECIMAL", report("1", "2.5", "3e2", "-4", ".5").inferredType());
        assertEquals("DATE", report("2024-01-31", "2023-12-01", "31.12.2024").inferredType());
        assertEquals("TIMESTAMP", report("2024-01-31T10:15:00Z", "2024-01-31 23:59").inferredType());
        assertEquals("BOOLEAN", report("true", "FALSE", "True").inferredType());
        final FieldReport mixed = report("1", "x", "y", "2");
        assertEquals("STRING", mixed.inferredType());
        assertEquals(0, mixed.invalidCount());
        assertNull(report(null, "").inferredType());
    }

    @Test
    void typedValuesFromSchemaAwareReadersAreRecognised() {
        assertEquals("INTEGER", report(1, 2L, (short) 3).inferredType());
        assertEquals("DECIMAL", report(1.5, 2, new BigDecimal("3.25")).inferredType());
        assertEquals("DATE", report(LocalDate.of(2024, 1, 2), java.sql.Date.valueOf("2024-01-03")).inferredType());
        assertEquals("BOOLEAN", report(true, false).inferredType());
        assertEquals(1, report(Double.NaN, 1.0).missing().nulls());
    }

    @Test
    void numericStatisticsAreExactForSmallInputs() {
        final FieldReport f = report("1", "2", "3", "4", "5", "6", "7", "8", "9", "100");
        final ProfileReport.NumericStats n = f.numeric();
        assertEquals(10, n.count());
        assertEquals(1.0, n.min());
        assertEquals(100.0, n.max());
        assertEquals(14.5, n.mean());
        assertEquals(30.152391, n.standardDeviation());
        assertEquals(3.0, n.quantiles().get("p25"));
        assertEquals(5.0, n.quantiles().get("p50"));
        assertEquals(8.0, n.quantiles().get("p75"));
        assertEquals(-4.5, n.iqrLowerFence());
        assertEquals(15.5, n.iqrUpperFence());
        assertEquals(1, n.iqrOutliers());
    }

    @Test
    void distinctValuesAndUniqueness() {
        final FieldReport f = report("a", "b", "a", "c", "a", null);
        assertEquals(3, f.distinctEstimate());
        assertEquals(0.6, f.uniqueness());
        assertEquals(List.of(new ValueCount("a", 3), new ValueCount("b", 1), new ValueCount("c", 1)), f.string().topValues());
    }

    @Test
    void formatConsistencyIsTheShareOfTheDominantShape() {
        final FieldReport f = report("2024-01-02", "2023-11-30", "2022-07-14", "02/01/2024");
        assertEquals("9999-99-99", f.string().dominantFormat());
        assertEquals(0.75, f.string().formatConsistency());
    }

    @Test
    void formatPatternsCollapseLetterRunsButKeepDigits() {
        assertEquals("9999-99-99", FormatPattern.of("2024-01-31"));
        assertEquals("Aa Aa", FormatPattern.of("John Smith"));
        assertEquals("A-999", FormatPattern.of("AB-123"));
        assertEquals("C", FormatPattern.of("酒店很好"));
        assertEquals(FormatPattern.MAX_LENGTH + 1, FormatPattern.of("1".repeat(100)).length());
    }

    @Test
    void surroundingWhitespaceAndCaseVariantsAreInconsistencies() {
        final FieldReport f = report("Male", "Male", "male", " Male", "Female", "FEMALE", "Female", "Female");
        assertEquals(1, f.string().surroundingWhitespace());
        assertEquals(2, f.string().caseVariants().size());
        final ProfileReport.VariantGroup female = f.string().caseVariants().getFirst();
        assertEquals("female", female.canonical());
        assertEquals("Female", female.dominant());
        assertEquals(List.of(new ValueCount("Female", 3), new ValueCount("FEMALE", 1)), female.spellings());
        assertEquals(3, f.string().caseVariantValues());
    }

    @Test
    void aFieldMissingFromSomeRecordsCountsAsMissingThere() {
        final DatasetProfile profile = profile(DEFAULTS, List.of(Records.of("a", "1"), Records.of("a", "2", "b", "x"), Records.of("a", "3")));
        final FieldReport b = field(profile.report(), "b");
        assertEquals(3, b.count());
        assertEquals(2, b.missing().nulls());
    }

    @Test
    void stringLengthStatistics() {
        final ProfileReport.StringStats s = report("a", "abc", "abcde").string();
        assertEquals(1, s.minLength());
        assertEquals(5, s.maxLength());
        assertEquals(3.0, s.meanLength());
        assertEquals(3.0, s.medianLength());
    }

    @Test
    void hugeValuesAreTrackedByTheirPrefix() {
        final char[] big = new char[10_000];
        Arrays.fill(big, 'x');
        final FieldReport f = report(new String(big));
        assertEquals(FieldProfile.MAX_TRACKED_VALUE_LENGTH + 1, f.string().topValues().getFirst().value().length());
        assertEquals(10_000, f.string().maxLength());
    }

    @Test
    void complexValuesArePresentButNotProfiled() {
        final FieldReport f = report(Map.of("k", 1), new Object[] {1, 2});
        assertEquals(0, f.missing().total());
        assertEquals("COMPLEX", f.inferredType());
        assertNull(f.string());
    }
}
