package io.nifidq.bench.thesis;

import io.nifidq.bench.degrade.Corruption;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The thesis results as Markdown (what docs/benchmarks.md shows) and as CSV (one row per cell, family and seed). */
final class ThesisReport {

    static final double TARGET_RECOVERY = 0.8;

    private ThesisReport() {
    }

    static String markdown(final ThesisResults results) {
        final StringBuilder out = new StringBuilder();
        final ThesisResults.Settings s = results.settings();
        out.append(String.format(Locale.ROOT, "Families %s; seeds %s (each: the corruption's and the trainings' seed); strengths %s; at "
                        + "most %,d training records per split (stratified sample, the same for every seed). Figures are the seeds' mean "
                        + "± their standard deviation; a loss counts where its mean is at least %.3f macro-F1 and beyond the spread of "
                        + "the seeds' losses; recovery on the means. Label noise handled by %s, rebalancing to the %s share; %.0f s in all.%n%n",
                s.families().stream().map(ThesisFamily::title).toList(), s.seeds(), s.strengths(), s.maxTrainRecords(), s.minLoss(),
                s.labelNoiseHandling(), s.rebalanceTarget().name().toLowerCase(Locale.ROOT), results.seconds()));
        for (final ThesisFamily family : s.families()) {
            out.append("#### Summary, ").append(family.title()).append("\n\n").append(summary(results, family)).append('\n');
        }
        for (final ThesisResults.SplitResult split : results.splits()) {
            for (final ThesisResults.FamilyResult family : split.families()) {
                splitTable(out, s, split, family);
            }
        }
        return out.toString();
    }

    private static void splitTable(final StringBuilder out, final ThesisResults.Settings settings, final ThesisResults.SplitResult split,
                                   final ThesisResults.FamilyResult family) {
        final String evaluated = settings.evaluateOnValidation() ? "validation records of train.csv" : "test";
        out.append(String.format(Locale.ROOT, "#### %s, %s: clean train macro-F1 %s (%,d training records of %,d, %,d %s)%n%n",
                split.split(), family.family().title(), spread(family.clean()), split.trainRecords(), split.trainRecordsInFile(),
                split.testRecords(), evaluated));
        out.append("Baseline (the clean training records' finding measures): ").append(family.baselineMeasures().entrySet().stream()
                .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.4f", e.getValue())).collect(Collectors.joining(", ")))
                .append(".\n");
        out.append(String.format(Locale.ROOT, "The clean %s profiled against the same baseline: %s.%n%n",
                settings.evaluateOnValidation() ? "validation records" : "test file",
                family.cleanFindings().isEmpty() ? "nothing named" : "named " + String.join(", ", family.cleanFindings())));
        out.append("| corruption | strength | injected (first seed) | degraded F1 | repaired F1 | loss | recovery | ProfileQuality names "
                + "| remedies (first seed) | records kept (first seed) |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (final ThesisResults.Cell cell : family.cells()) {
            final ThesisResults.Run first = cell.runs().getFirst();
            out.append(String.format(Locale.ROOT, "| %s | %.1f | %s | %s | %s | %s | %s | %s | %s | %,d of %,d%s |%n",
                    cell.corruption().cliName(), cell.strength(), first.injected(), spread(cell.degraded()), spread(cell.repaired()),
                    signedSpread(cell.loss()), recovery(cell), findings(cell), String.join(" + ", first.remedies()), first.recordsKept(),
                    first.recordsIn(), first.copiesAdded() > 0 ? String.format(Locale.ROOT, " (+%,d copies)", first.copiesAdded()) : ""));
        }
        out.append('\n');
    }

    /** Per corruption, over every split, for one family: the target at 0.2-0.3 and how often the report named the problem. */
    static String summary(final ThesisResults results, final ThesisFamily family) {
        final StringBuilder out = new StringBuilder();
        out.append("| corruption | cells at 0.2-0.3 | recovery >= 0.8 | below 0.8 | no measurable loss | mean recovery (measurable) | "
                + "report named it (runs, all strengths) | named something else too |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (final Corruption corruption : results.settings().corruptions()) {
            final List<ThesisResults.Cell> all = results.splits().stream().flatMap(s -> s.family(family).cells().stream())
                    .filter(c -> c.corruption() == corruption).toList();
            final List<ThesisResults.Cell> target = all.stream().filter(c -> c.strength() >= 0.2 - 1e-9).toList();
            final long met = target.stream().filter(c -> c.recovery() != null && c.recovery() >= TARGET_RECOVERY).count();
            final long missed = target.stream().filter(c -> c.recovery() != null && c.recovery() < TARGET_RECOVERY).count();
            final long noLoss = target.stream().filter(c -> c.recovery() == null).count();
            final String mean = target.stream().filter(c -> c.recovery() != null).mapToDouble(ThesisResults.Cell::recovery).average()
                    .stream().mapToObj(v -> String.format(Locale.ROOT, "%.2f", v)).findFirst().orElse("-");
            final long named = all.stream().mapToLong(ThesisResults.Cell::namedIn).sum();
            final long runs = all.stream().mapToLong(c -> c.runs().size()).sum();
            final String extra = all.stream().flatMap(c -> c.namedButNotInjected().stream()).distinct().sorted()
                    .collect(Collectors.joining(", "));
            final long extraCells = all.stream().filter(c -> !c.namedButNotInjected().isEmpty()).count();
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %s | %d of %d | %s |%n", corruption.cliName(), target.size(),
                    met, missed, noLoss, mean, named, runs,
                    extraCells == 0 ? "never" : extraCells + (extraCells == 1 ? " cell: " : " cells: ") + extra));
        }
        return out.toString();
    }

    static String spread(final ThesisResults.Spread spread) {
        return spread.count() < 2 ? String.format(Locale.ROOT, "%.4f", spread.mean())
                : String.format(Locale.ROOT, "%.4f ± %.4f", spread.mean(), spread.deviation());
    }

    private static String signedSpread(final ThesisResults.Spread spread) {
        return spread.count() < 2 ? String.format(Locale.ROOT, "%+.4f", spread.mean())
                : String.format(Locale.ROOT, "%+.4f ± %.4f", spread.mean(), spread.deviation());
    }

    private static String recovery(final ThesisResults.Cell cell) {
        final Double recovery = cell.recovery();
        if (recovery == null) {
            return "(no loss)";
        }
        final String value = String.format(Locale.ROOT, "%.2f", recovery);
        return recovery >= TARGET_RECOVERY ? value : "**" + value + "**";
    }

    /** The injected finding with the seeds that named it, then anything else named (in bold). */
    private static String findings(final ThesisResults.Cell cell) {
        final String expected = cell.corruption().finding();
        final long named = cell.namedIn();
        final int runs = cell.runs().size();
        final String injected = named == runs ? expected + (runs > 1 ? " (all " + runs + ")" : "")
                : named == 0 ? "**missed** " + expected : expected + " (**" + named + " of " + runs + "**)";
        final List<String> extra = cell.namedButNotInjected();
        return extra.isEmpty() ? injected : injected + ", " + extra.stream().map(f -> "**" + f + "**").collect(Collectors.joining(", "));
    }

    static String csv(final ThesisResults results) {
        final StringBuilder out = new StringBuilder("split,family,corruption,strength,seed,clean_f1,degraded_f1,repaired_f1,cell_recovery,"
                + "findings,expected_finding,remedies,records_in,records_kept,copies_added,seconds\n");
        for (final ThesisResults.SplitResult split : results.splits()) {
            for (final ThesisResults.FamilyResult family : split.families()) {
                for (final ThesisResults.Cell c : family.cells()) {
                    for (final ThesisResults.Run r : c.runs()) {
                        out.append(String.format(Locale.ROOT, "%s,%s,%s,%.2f,%d,%.4f,%.4f,%.4f,%s,%s,%s,%s,%d,%d,%d,%.1f%n", c.split(),
                                c.family().cliName(), c.corruption().cliName(), c.strength(), r.seed(), r.cleanF1(), r.degradedF1(),
                                r.repairedF1(), c.recovery() == null ? "" : String.format(Locale.ROOT, "%.4f", c.recovery()),
                                String.join(";", r.findings()), c.corruption().finding(), String.join(";", r.remedies()), r.recordsIn(),
                                r.recordsKept(), r.copiesAdded(), r.seconds()));
                    }
                }
            }
        }
        return out.toString();
    }
}
