package io.nifidq.bench.thesis;

import io.nifidq.bench.degrade.Corruption;
import io.nifidq.ml.train.LabelNoiseHandling;

import java.util.List;
import java.util.Map;

/** What one run of the thesis benchmark measured: per split, per model family, per corruption and strength, per seed. */
public record ThesisResults(Settings settings, List<SplitResult> splits, double seconds) {

    /** How the run was configured (echoed in the report so that a table says what produced it). */
    public record Settings(List<String> splits, List<ThesisFamily> families, List<Corruption> corruptions, List<Double> strengths,
                           List<Long> seeds, int maxTrainRecords, double minLoss, LabelNoiseHandling labelNoiseHandling,
                           RepairPipeline.RebalanceTarget rebalanceTarget, boolean quick, boolean evaluateOnValidation) {
    }

    /** One split: the records it used and one result per family. */
    public record SplitResult(String split, int trainRecordsInFile, int trainRecords, int testRecords, List<FamilyResult> families) {

        public FamilyResult family(final ThesisFamily family) {
            return families.stream().filter(f -> f.family() == family).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(split + " has no results for " + family));
        }
    }

    /**
     * One family on one split: the clean training data's macro-F1 per seed, the clean profile's finding measures (its label-noise
     * measure is this family's), what the same baseline names on the clean test file, and one cell per corruption and strength.
     */
    public record FamilyResult(ThesisFamily family, List<Double> cleanF1s, Map<String, Double> baselineMeasures,
                               List<String> cleanFindings, List<Cell> cells) {

        public Spread clean() {
            return Spread.of(cleanF1s);
        }
    }

    /** One seed of a cell: the degradation's and the trainings' seed. */
    public record Run(long seed, String injected, double cleanF1, double degradedF1, double repairedF1, List<String> findings,
                      List<String> remedies, int recordsIn, int recordsKept, int copiesAdded, double seconds) {

        double loss() {
            return cleanF1 - degradedF1;
        }

        /** The same results for another degradation that changed the same records the same way; no time spent. */
        Run injecting(final String otherInjected) {
            return new Run(seed, otherInjected, cleanF1, degradedF1, repairedF1, findings, remedies, recordsIn, recordsKept, copiesAdded,
                    0.0);
        }
    }

    /** One corruption at one strength on one split for one family, over every seed. */
    public record Cell(String split, ThesisFamily family, Corruption corruption, double strength, List<Run> runs, double minLoss) {

        public Spread clean() {
            return Spread.of(runs.stream().map(Run::cleanF1).toList());
        }

        public Spread degraded() {
            return Spread.of(runs.stream().map(Run::degradedF1).toList());
        }

        public Spread repaired() {
            return Spread.of(runs.stream().map(Run::repairedF1).toList());
        }

        /** Clean minus degraded macro-F1, seed by seed (each seed trains both with the same training seed). */
        public Spread loss() {
            return Spread.of(runs.stream().map(Run::loss).toList());
        }

        /**
         * Whether the corruption cost something measurable: a mean loss of at least the minimum and beyond the spread of the
         * seeds' losses (a loss within it is what another seed moves macro-F1 by).
         */
        public boolean measurableLoss() {
            final Spread loss = loss();
            return loss.mean() >= minLoss && loss.mean() > loss.deviation();
        }

        /** (repaired - degraded) / (clean - degraded) on the seeds' means, or null without a measurable loss. */
        public Double recovery() {
            return measurableLoss() ? (repaired().mean() - degraded().mean()) / loss().mean() : null;
        }

        /** The seeds whose profile named the injected corruption. */
        public long namedIn() {
            return runs.stream().filter(r -> r.findings().contains(corruption.finding())).count();
        }

        /** What a profile named besides the injected corruption, in any seed. */
        public List<String> namedButNotInjected() {
            return runs.stream().flatMap(r -> r.findings().stream()).filter(f -> !f.equals(corruption.finding())).distinct().sorted()
                    .toList();
        }
    }

    /** The mean of a few seeds' figures and their sample standard deviation (0 for one seed). */
    public record Spread(double mean, double deviation, int count) {

        public static Spread of(final List<Double> values) {
            final double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            if (values.size() < 2) {
                return new Spread(mean, 0.0, values.size());
            }
            final double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            return new Spread(mean, Math.sqrt(squares / (values.size() - 1)), values.size());
        }
    }
}
