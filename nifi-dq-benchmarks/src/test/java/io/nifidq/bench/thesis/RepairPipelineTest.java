package io.nifidq.bench.thesis;

import io.nifidq.ml.train.LabelNoiseHandling;
import io.nifidq.quality.profile.BaselineSummary;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RepairPipelineTest {

    @Test
    void cleaningRepairsTextsAndRejectsEmptyTextsAndDuplicates() {
        final LabelledRows rows = new LabelledRows(
                List.of("Tom &amp; Jerry at six", "see you at the station tomorrow", "", "see you at the station tomorrow", "fine, thanks"),
                List.of("ham", "ham", "ham", "HAM", " spam"));
        final LabelledRows cleaned = RepairPipeline.clean(rows);
        assertEquals(List.of("Tom & Jerry at six", "see you at the station tomorrow", "fine, thanks"), cleaned.texts());
        assertEquals(List.of("ham", "ham", "spam"), cleaned.labels());
    }

    @Test
    void testLabelsAreSpelledAsTheCleanedTrainingLabelsAndTextsStayUntouched() {
        final LabelledRows test = new LabelledRows(List.of("Stocks fall &amp; rise", "", "Cup final"),
                List.of("Business", "World", "Sports"));
        final LabelledRows spelled = RepairPipeline.sameLabelSpelling(test);
        assertEquals(test.texts(), spelled.texts());
        assertEquals(List.of("business", "world", "sports"), spelled.labels());
    }

    @Test
    void rebalancingRestoresTheBaselinesShareOrBalancesFully() {
        final BaselineSummary baseline = new BaselineSummary(100, List.of("text", "label"), Map.of(), Map.of(), Map.of("a", 0.8, "b", 0.2),
                Map.of("class_imbalance", 4.0));
        final BaselineSummary unmeasured = new BaselineSummary(100, List.of("text", "label"), Map.of(), Map.of(), Map.of(), Map.of());
        assertEquals(0.25, new RepairPipeline(baseline, LabelNoiseHandling.PRUNE, RepairPipeline.RebalanceTarget.BASELINE, 1).targetShare());
        assertEquals(1.0, new RepairPipeline(baseline, LabelNoiseHandling.PRUNE, RepairPipeline.RebalanceTarget.BALANCED, 1).targetShare());
        assertEquals(1.0, new RepairPipeline(unmeasured, LabelNoiseHandling.PRUNE, RepairPipeline.RebalanceTarget.BASELINE, 1).targetShare());
    }

    @Test
    void aStratifiedSampleKeepsTheClassSharesAndTheOrder() {
        final List<String> texts = new java.util.ArrayList<>();
        final List<String> labels = new java.util.ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            texts.add("text " + i);
            labels.add(i % 10 == 0 ? "rare" : "common");
        }
        final LabelledRows sample = new LabelledRows(texts, labels).stratifiedSample(200, 1);
        assertEquals(200, sample.size());
        assertEquals(20, sample.labels().stream().filter("rare"::equals).count());
        final List<Integer> positions = sample.texts().stream().map(t -> Integer.parseInt(t.substring(5))).toList();
        assertEquals(positions.stream().sorted().toList(), positions);
    }
}
