package io.nifidq.bench.thesis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.nifidq.testing.SharedDatasets;
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
 * cores need two JVMs. Each child runs {@link ThesisCommand#main} on one split and writes its results as JSON; the
 * parent keeps the given number of children running and merges their results in the order of the splits.
 */
final class ThesisProcesses {

    static final String RESULTS_FILE = "thesis-results.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ThesisProcesses() {
    }

    static ThesisResults run(final List<String> args, final ThesisResults.Settings settings, final Path out, final int processes,
                             final PrintStream progress) throws Exception {
        final long start = System.nanoTime();
        // One child per split, at most `processes` at a time: a free core takes the next split (splits differ in cost 2x).
        final List<String> splits = settings.splits();
        final List<Path> parts = new ArrayList<>();
        final List<Process> running = new ArrayList<>();
        final List<Thread> pumps = new ArrayList<>();
        int next = 0;
        while (next < splits.size() || !running.isEmpty()) {
            while (next < splits.size() && running.size() < processes) {
                final Path part = out.resolve("part-" + next);
                parts.add(part);
                final Process child = new ProcessBuilder(command(args, List.of(splits.get(next)), part)).redirectErrorStream(true).start();
                running.add(child);
                pumps.add(Thread.ofPlatform().start(() -> copyLines(child, progress)));
                next++;
            }
            awaitAny(running);
            for (final Process child : List.copyOf(running)) {
                if (!child.isAlive()) {
                    running.remove(child);
                    if (child.exitValue() != 0) {
                        running.forEach(Process::destroy);
                        throw new IOException("A thesis child process exited with " + child.exitValue() + " (its output is above)");
                    }
                }
            }
        }
        for (final Thread pump : pumps) {
            pump.join();
        }
        final List<ThesisResults.SplitResult> merged = new ArrayList<>();
        for (final Path part : parts) {
            merged.addAll(readJson(part.resolve(RESULTS_FILE)).splits());
        }
        return new ThesisResults(settings, merged, (System.nanoTime() - start) / 1e9);
    }

    /** Returns once at least one of the processes has ended. */
    private static void awaitAny(final List<Process> processes) throws Exception {
        java.util.concurrent.CompletableFuture.anyOf(processes.stream().map(Process::onExit)
                .toArray(java.util.concurrent.CompletableFuture[]::new)).get();
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
        removeOption(own, "--encoder-runs");
        command.addAll(own);
        command.addAll(List.of("--splits", String.join(",", splits), "--out", out.toString(), "--processes", "1", "--encoder-runs", "1",
                "--datasets", SharedDatasets.file("README.md").getParent().toString()));
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

    static ThesisResults readJson(final Path file) throws IOException {
        return JSON.readValue(file.toFile(), ThesisResults.class);
    }
}
