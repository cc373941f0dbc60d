package io.nifidq.bench.thesis;

import io.nifidq.bench.degrade.Corruption;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The thesis results as Markdown (what docs/benchmarks.md shows) and as CSV (one row per cell, for other tools). */
final class ThesisReport {

    static final double TARGET_RECOVERY = 0.8;

    private ThesisReport() {
    }

    static String markdown(final ThesisResults results) {
        final StringBuilder out = new StringBuilder();
        final ThesisResults.Settings s = results.settings();
        out.append(String.format(Locale.ROOT, "Seed %d, strengths %s, at most %,d training records per split (stratified sample), "
                        + "recovery shown where the corruption cost at least %.3f macro-F1; label noise handled by %s, rebalancing to the %s share; %.0f s in all.%n%n",
                s.seed(), s.strengths(), s.maxTrainRecords(), s.minLoss(), s.labelNoiseHandling(),
                s.rebalanceTarget().name().toLowerCase(Locale.ROOT), results.seconds()));
        out.append(summary(results)).append('\n');
        for (final ThesisResults.SplitResult split : results.splits()) {
            out.append(String.format(Locale.ROOT, "#### %s: clean train macro-F1 %.4f (%,d training records of %,d, %,d test)%n%n",
                    split.split(), split.cleanF1(), split.trainRecords(), split.trainRecordsInFile(), split.testRecords()));
            out.append("Baseline (the clean training records' finding measures): ").append(split.baselineMeasures().entrySet().stream()
                    .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.4f", e.getValue())).collect(Collectors.joining(", ")))
                    .append(".\n");
            out.append(String.format(Locale.ROOT, "The clean test file profiled against the same baseline: %s.%n%n",
                    split.cleanFindings().isEmpty() ? "nothing named" : "named " + String.join(", ", split.cleanFindings())));
            out.append("| corruption | strength | injected | degraded F1 | repaired F1 | loss | recovery | ProfileQuality names | remedies | records kept |\n");
            out.append("|---|---|---|---|---|---|---|---|---|---|\n");
            for (final ThesisResults.Cell cell : split.cells()) {
                out.append(String.format(Locale.ROOT, "| %s | %.1f | %s | %.4f | %.4f | %+.4f | %s | %s | %s | %,d of %,d%s |%n",
                        cell.corruption().cliName(), cell.strength(), cell.injected(), cell.degradedF1(), cell.repairedF1(), cell.loss(),
                        recovery(cell), findings(cell), String.join(" + ", cell.remedies()), cell.recordsKept(), cell.recordsIn(),
                        cell.copiesAdded() > 0 ? String.format(Locale.ROOT, " (+%,d copies)", cell.copiesAdded()) : ""));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Per corruption, over every split: the target at 0.2-0.3 and how often the report named exactly the injected problem. */
    static String summary(final ThesisResults results) {
        final StringBuilder out = new StringBuilder();
        out.append("| corruption | cells at 0.2-0.3 | recovery >= 0.8 | below 0.8 | no measurable loss | mean recovery (measurable) | "
                + "report named it (all strengths) | named something else too |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (final Corruption corruption : results.settings().corruptions()) {
            final List<ThesisResults.Cell> all = results.splits().stream().flatMap(s -> s.cells().stream())
                    .filter(c -> c.corruption() == corruption).toList();
            final List<ThesisResults.Cell> target = all.stream().filter(c -> c.strength() >= 0.2 - 1e-9).toList();
            final long met = target.stream().filter(c -> c.recovery() != null && c.recovery() >= TARGET_RECOVERY).count();
            final long missed = target.stream().filter(c -> c.recovery() != null && c.recovery() < TARGET_RECOVERY).count();
            final long noLoss = target.stream().filter(c -> c.recovery() == null).count();
            final String mean = target.stream().filter(c -> c.recovery() != null).mapToDouble(ThesisResults.Cell::recovery).average()
                    .stream().mapToObj(v -> String.format(Locale.ROOT, "%.2f", v)).findFirst().orElse("-");
            final long named = all.stream().filter(ThesisResults.Cell::named).count();
            final String extra = all.stream().flatMap(c -> c.namedButNotInjected().stream()).distinct().sorted()
                    .collect(Collectors.joining(", "));
            final long extraCells = all.stream().filter(c -> !c.namedButNotInjected().isEmpty()).count();
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %s | %d of %d | %s |%n", corruption.cliName(), target.size(),
                    met, missed, noLoss, mean, named, all.size(), extraCells == 0 ? "never" : extraCells + (extraCells == 1 ? " cell: " : " cells: ") + extra));
        }
        return out.toString();
    }

    private static String recovery(final ThesisResults.Cell cell) {
        final Double recovery = cell.recovery();
        if (recovery == null) {
            return "(no loss)";
        }
        final String value = String.format(Locale.ROOT, "%.2f", recovery);
        return recovery >= TARGET_RECOVERY ? value : "**" + value + "**";
    }

    private static String findings(final ThesisResults.Cell cell) {
        if (cell.findings().isEmpty()) {
            return "**nothing** (expected " + cell.corruption().finding() + ")";
        }
        return cell.findings().stream().map(f -> f.equals(cell.corruption().finding()) ? f : "**" + f + "**")
                .collect(Collectors.joining(", ")) + (cell.named() ? "" : " (**missed** " + cell.corruption().finding() + ")");
    }

    static String csv(final ThesisResults results) {
        final StringBuilder out = new StringBuilder(
                "split,corruption,strength,clean_f1,degraded_f1,repaired_f1,recovery,findings,expected_finding,remedies,records_in,records_kept,copies_added,seconds\n");
        for (final ThesisResults.SplitResult split : results.splits()) {
            for (final ThesisResults.Cell c : split.cells()) {
                out.append(String.format(Locale.ROOT, "%s,%s,%.2f,%.4f,%.4f,%.4f,%s,%s,%s,%s,%d,%d,%d,%.1f%n", c.split(),
                        c.corruption().cliName(), c.strength(), c.cleanF1(), c.degradedF1(), c.repairedF1(),
                        c.recovery() == null ? "" : String.format(Locale.ROOT, "%.4f", c.recovery()), String.join(";", c.findings()),
                        c.corruption().finding(), String.join(";", c.remedies()), c.recordsIn(), c.recordsKept(), c.copiesAdded(),
                        c.seconds()));
            }
        }
        return out.toString();
    }
}
