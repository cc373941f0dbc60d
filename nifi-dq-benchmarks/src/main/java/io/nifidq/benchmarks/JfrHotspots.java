package io.nifidq.benchmarks;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the execution samples of a JFR recording (profile-throughput --jfr FILE) and splits them by the processor
 * whose onTrigger is on the stack: per processor, the methods that were running (self) and the methods of the
 * readers, writers and profile code that were on the stack (total), with their share of that processor's samples.
 */
final class JfrHotspots {

    static final Set<String> OPTIONS = Set.of("file", "top");
    private static final Map<String, String> PROCESSOR_FRAMES = new LinkedHashMap<>();

    static {
        PROCESSOR_FRAMES.put("io.nifidq.processors.profile.ProfileQuality.onFlowFile", "ProfileQuality");
        PROCESSOR_FRAMES.put("io.nifidq.processors.clean.CleanRecords.onFlowFile", "CleanRecords");
        PROCESSOR_FRAMES.put("io.nifidq.processors.classify.ClassifyText.onFlowFile", "ClassifyText");
        PROCESSOR_FRAMES.put("org.apache.nifi.processors.standard.AbstractRecordProcessor.onTrigger", "ConvertRecord");
        PROCESSOR_FRAMES.put("io.nifidq.benchmarks.ReadRecordsOnly.onTrigger", "read only");
    }

    /** Samples of one processor. */
    private static final class Tally {
        long samples;
        final Map<String, Long> self = new HashMap<>();
        final Map<String, Long> total = new HashMap<>();
    }

    private JfrHotspots() {
    }

    static String report(final Path file, final int top) throws IOException {
        final Map<String, Tally> tallies = new LinkedHashMap<>();
        long unattributed = 0;
        for (final RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            final List<RecordedFrame> frames = event.getStackTrace().getFrames();
            final String processor = processorOf(frames);
            if (processor == null) {
                unattributed++;
                continue;
            }
            final Tally tally = tallies.computeIfAbsent(processor, p -> new Tally());
            tally.samples++;
            if (!frames.isEmpty()) {
                tally.self.merge(name(frames.getFirst().getMethod()), 1L, Long::sum);
            }
            final Set<String> seen = new HashSet<>();
            for (final RecordedFrame frame : frames) {
                final String method = name(frame.getMethod());
                if (isInteresting(method) && seen.add(method)) {
                    tally.total.merge(method, 1L, Long::sum);
                }
            }
        }
        final StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "JFR %s: %,d samples outside the processors (harness, GC threads are not sampled)%n",
                file.getFileName(), unattributed));
        tallies.forEach((processor, tally) -> {
            out.append(String.format(Locale.ROOT, "%n### %s: %,d samples%n%nSelf (the method running):%n%n", processor, tally.samples));
            appendTop(out, tally.self, tally.samples, top);
            out.append("\nTotal (on the stack; reader, writer, profile and hashing code only):\n\n");
            appendTop(out, tally.total, tally.samples, top);
        });
        return out.toString();
    }

    private static String processorOf(final List<RecordedFrame> frames) {
        for (final RecordedFrame frame : frames) {
            final String processor = PROCESSOR_FRAMES.get(name(frame.getMethod()));
            if (processor != null) {
                return processor;
            }
        }
        return null;
    }

    private static boolean isInteresting(final String method) {
        return (method.startsWith("io.nifidq.") || method.startsWith("org.apache.nifi.") || method.startsWith("org.apache.commons.csv.")
                || method.startsWith("com.fasterxml.jackson.") || method.startsWith("org.apache.datasketches."))
                && !method.contains(".onTrigger") && !method.startsWith("org.apache.nifi.util.");
    }

    private static void appendTop(final StringBuilder out, final Map<String, Long> counts, final long samples, final int top) {
        out.append("| share | samples | method |\n|---|---|---|\n");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> out.append(String.format(Locale.ROOT, "| %.1f%% | %,d | %s |%n", 100.0 * e.getValue() / samples,
                        e.getValue(), e.getKey())));
    }

    private static String name(final RecordedMethod method) {
        return method.getType().getName() + "." + method.getName();
    }
}
