package io.nifidq.bench.thesis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Shares the splits of a thesis run among child JVMs: DJL's PyTorch engine trains one model at a time per JVM, so two
 * cores need two JVMs. Each child runs {@link ThesisCommand#main} on its splits and writes its results as JSON; the
 * parent merges them in the order of the splits.
 */
final class ThesisProcesses {

    static final String RESULTS_FILE = "thesis-results.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ThesisProcesses() {
    }

    static ThesisResults run(final List<String> args, final ThesisResults.Settings settings, final Path out, final int processes,
                             final PrintStream progress) throws Exception {
        final long start = System.nanoTime();
        final int count = Math.min(processes, settings.splits().size());
        final List<Process> children = new ArrayList<>();
        final List<Thread> pumps = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            final List<String> splits = new ArrayList<>();
            for (int i = k; i < settings.splits().size(); i += count) {
                splits.add(settings.splits().get(i));
            }
            final Process child = new ProcessBuilder(command(args, splits, out.resolve("part-" + k))).redirectErrorStream(true).start();
            children.add(child);
            final Thread pump = Thread.ofPlatform().start(() -> copyLines(child, progress));
            pumps.add(pump);
        }
        for (int k = 0; k < count; k++) {
            final int exit = children.get(k).waitFor();
            pumps.get(k).join();
            if (exit != 0) {
                children.forEach(Process::destroy);
                throw new IOException("Thesis child process " + k + " exited with " + exit + " (its output is above)");
            }
        }
        final List<ThesisResults.SplitResult> merged = new ArrayList<>();
        final List<ThesisResults> parts = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            parts.add(JSON.readValue(out.resolve("part-" + k).resolve(RESULTS_FILE).toFile(), ThesisResults.class));
        }
        for (final String split : settings.splits()) {
            parts.stream().flatMap(p -> p.splits().stream()).filter(s -> s.split().equals(split)).findFirst().ifPresent(merged::add);
        }
        return new ThesisResults(settings, merged, (System.nanoTime() - start) / 1e9);
    }

    /** The same JVM options (heap split between the children), the same class path, the same arguments but these splits. */
    private static List<String> command(final List<String> args, final List<String> splits, final Path out) {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-Xms") && !option.startsWith("-Xmx") && !option.startsWith("-agentlib")) {
                command.add(option);
            }
        }
        command.add("-Xmx3g");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ThesisCommand.class.getName());
        final List<String> own = new ArrayList<>(args);
        removeOption(own, "--splits");
        removeOption(own, "--out");
        removeOption(own, "--processes");
        command.addAll(own);
        command.addAll(List.of("--splits", String.join(",", splits), "--out", out.toString(), "--processes", "1",
                "--datasets", io.nifidq.benchmarks.SharedDatasetFiles.file("README.md").getParent().toString()));
        return command;
    }

    private static void removeOption(final List<String> args, final String name) {
        final int at = args.indexOf(name);
        if (at >= 0) {
            args.remove(at + 1 < args.size() ? at + 1 : at);
            args.remove(at);
        }
    }

    private static void copyLines(final Process child, final PrintStream progress) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.startsWith("SLF4J")) {
                    progress.println(line);
                }
            }
        } catch (final IOException e) {
            progress.println("(lost the child's output: " + e.getMessage() + ")");
        }
    }

    static void writeJson(final ThesisResults results, final Path file) throws IOException {
        JSON.writeValue(file.toFile(), results);
    }
}
