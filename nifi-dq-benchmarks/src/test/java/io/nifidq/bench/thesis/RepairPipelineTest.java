package io.nifidq.bench.thesis;

import io.nifidq.ml.train.LabelNoiseHandling;
import io.nifidq.ml.train.TrainingData;
import io.nifidq.quality.profile.BaselineSummary;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void aClassImbalanceIsRepairedByAugmentTextsPassesAndEachCopyKeepsToItsSource() {
        final List<String> texts = new java.util.ArrayList<>();
        final List<String> labels = new java.util.ArrayList<>();
        final List<String> words = List.of("meeting", "prize", "weekly", "free", "report", "winner", "lunch", "claim", "office",
                "cash", "tomorrow", "offer", "project", "urgent", "family", "reply", "dinner", "bonus", "station", "call");
        final java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 200; i++) {
            final StringBuilder text = new StringBuilder("note " + i);
            for (int w = 0; w < 8; w++) {
                text.append(' ').append(words.get(random.nextInt(words.size())));
            }
            texts.add(text.toString());
            labels.add(i % 2 == 0 ? "ham" : "spam");
        }
        final BaselineSummary balanced = new LabelledRows(texts, labels).profile().baseline();
        final List<String> degradedTexts = new java.util.ArrayList<>();
        final List<String> degradedLabels = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            if (i % 2 == 0 || i % 20 == 1) {
                degradedTexts.add(texts.get(i));
                degradedLabels.add(labels.get(i));
            }
        }
        final RepairPipeline.Repair repair = new RepairPipeline(balanced, LabelNoiseHandling.PRUNE,
                RepairPipeline.RebalanceTarget.BALANCED, 1).repair(new LabelledRows(degradedTexts, degradedLabels),
                new LabelledRows(List.of("a weekly sales meeting"), List.of("ham")));
        assertTrue(repair.findings().contains("class_imbalance"), repair.findings().toString());
        assertTrue(repair.remedies().contains("AugmentText rebalance 1.00"), repair.remedies().toString());
        assertEquals(110, repair.recordsKept());
        assertEquals(90, repair.copiesAdded(), "the 10 spam records are copied up to the 100 ham records");
        final TrainingData data = repair.trainingData();
        assertEquals(110 + 90 + 1, data.size(), "originals, copies, the test record");
        long source = -1;
        for (int i = 0; i < data.size() - 1; i++) {
            if (data.augmented(i)) {
                assertEquals(source, data.group(i), "a copy carries its source's index");
                assertEquals("spam", data.labels().get(i));
            } else {
                source = data.group(i);
            }
        }
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
