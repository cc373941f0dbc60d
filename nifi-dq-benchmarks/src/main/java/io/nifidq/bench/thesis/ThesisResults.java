package io.nifidq.bench.thesis;

import io.nifidq.bench.degrade.Corruption;
import io.nifidq.ml.train.LabelNoiseHandling;

import java.util.List;

/** What one run of the thesis benchmark measured, split by split. */
public record ThesisResults(Settings settings, List<SplitResult> splits, double seconds) {

    /** How the run was configured (echoed in the report so that a table says what produced it). */
    public record Settings(List<String> splits, List<Corruption> corruptions, List<Double> strengths, long seed, int maxTrainRecords,
                    double minLoss, LabelNoiseHandling labelNoiseHandling, RepairPipeline.RebalanceTarget rebalanceTarget,
                    boolean quick) {
    }

    /** One split: its clean training data's score and one cell per corruption and strength. */
    public record SplitResult(String split, int trainRecordsInFile, int trainRecords, int testRecords, double cleanF1,
                       java.util.Map<String, Double> baselineMeasures, List<String> cleanFindings, List<Cell> cells) {
    }

    /** One corruption at one strength on one split. */
    public record Cell(String split, Corruption corruption, double strength, String injected, double cleanF1, double degradedF1,
                double repairedF1, List<String> findings, List<String> remedies, int recordsIn, int recordsKept, int copiesAdded,
                double seconds, double minLoss) {

        double loss() {
            return cleanF1 - degradedF1;
        }

        /** (repaired - degraded) / (clean - degraded), or null when the corruption cost less than the minimum loss. */
        Double recovery() {
            return loss() < minLoss ? null : (repairedF1 - degradedF1) / loss();
        }

        boolean named() {
            return findings.contains(corruption.finding());
        }

        List<String> namedButNotInjected() {
            return findings.stream().filter(f -> !f.equals(corruption.finding())).toList();
        }
    }
}
