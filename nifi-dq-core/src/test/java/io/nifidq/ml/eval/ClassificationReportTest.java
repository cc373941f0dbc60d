package io.nifidq.ml.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClassificationReportTest {

    // truth:     a a a a b b b c c c
    // predicted: a a b a b b a c c b
    private static final int[] TRUTH = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
    private static final int[] PREDICTED = {0, 0, 1, 0, 1, 1, 0, 2, 2, 1};
    private final ClassificationReport report = ClassificationReport.of(List.of("a", "b", "c"), TRUTH, PREDICTED);

    @Test
    void theConfusionMatrixCountsTrueClassesByRowAndPredictionsByColumn() {
        assertArrayEquals(new long[] {3, 1, 0}, report.confusionMatrix()[0]);
        assertArrayEquals(new long[] {1, 2, 0}, report.confusionMatrix()[1]);
        assertArrayEquals(new long[] {0, 1, 2}, report.confusionMatrix()[2]);
    }

    @Test
    void perClassScoresMatchTheHandComputation() {
        // a: tp 3, predicted 4, support 4 -> P 0.75, R 0.75, F1 0.75
        assertEquals(new ClassificationReport.Scores(0.75, 0.75, 0.75, 4), report.scores(0));
        // b: tp 2, predicted 4, support 3 -> P 0.5, R 2/3, F1 = 2*0.5*0.6667/1.1667 = 4/7
        final ClassificationReport.Scores b = report.scores(1);
        assertEquals(0.5, b.precision(), 1e-12);
        assertEquals(2.0 / 3, b.recall(), 1e-12);
        assertEquals(4.0 / 7, b.f1(), 1e-12);
        // c: tp 2, predicted 2, support 3 -> P 1, R 2/3, F1 0.8
        assertEquals(0.8, report.scores(2).f1(), 1e-12);
    }

    @Test
    void averagesAndAccuracy() {
        assertEquals(0.7, report.accuracy(), 1e-12);
        assertEquals(0.7, report.microAverage().f1(), 1e-12);
        assertEquals((0.75 + 4.0 / 7 + 0.8) / 3, report.macroF1(), 1e-12);
        assertEquals((0.75 * 4 + 4.0 / 7 * 3 + 0.8 * 3) / 10, report.weightedAverage().f1(), 1e-12);
        assertEquals((0.75 + 0.5 + 1.0) / 3, report.macroAverage().precision(), 1e-12);
    }

    @Test
    void aClassThatIsNeverPredictedScoresZeroInsteadOfFailing() {
        final ClassificationReport allHam = ClassificationReport.of(List.of("ham", "spam"), new int[] {0, 0, 1}, new int[] {0, 0, 0});
        assertEquals(new ClassificationReport.Scores(0, 0, 0, 1), allHam.scores(1));
        assertEquals((0.8 + 0) / 2, allHam.macroF1(), 1e-12);
    }

    @Test
    void theTextTableHasScikitLearnsLayout() {
        final String expected = """
                              precision    recall  f1-score   support

                           a     0.7500    0.7500    0.7500         4
                           b     0.5000    0.6667    0.5714         3
                           c     1.0000    0.6667    0.8000         3

                    accuracy                         0.7000        10
                   macro avg     0.7500    0.6944    0.7071        10
                weighted avg     0.7500    0.7000    0.7114        10
                """;
        assertEquals(expected, report.toText().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void theSummaryHoldsEverythingForJson() throws Exception {
        final ClassificationReport.Summary summary = report.summary();
        assertEquals(List.of("a", "b", "c"), List.copyOf(summary.classes().keySet()));
        assertEquals(report.scores(1), summary.classes().get("b"));
        assertEquals(0.7, summary.accuracy());
        assertEquals(10L, summary.support());
        assertEquals(report.macroAverage(), summary.macroAvg());
        final JsonNode json = new ObjectMapper().valueToTree(summary);
        assertEquals(List.of("classes", "accuracy", "microAvg", "macroAvg", "weightedAvg", "support", "confusionMatrix"),
                names(json));
        assertEquals(List.of("precision", "recall", "f1", "support"), names(json.get("classes").get("b")));
        assertEquals("{\"labels\":[\"a\",\"b\",\"c\"],\"rowsTrueColumnsPredicted\":[[3,1,0],[1,2,0],[0,1,2]]}",
                json.get("confusionMatrix").toString());
    }

    private static List<String> names(final JsonNode object) {
        final List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void mismatchedOrOutOfRangeInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ClassificationReport.of(List.of("a"), new int[] {0}, new int[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> ClassificationReport.of(List.of("a"), new int[] {1}, new int[] {0}));
    }
}
