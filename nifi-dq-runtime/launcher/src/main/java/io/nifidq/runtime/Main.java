package io.nifidq.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Command line of the launcher. {@code run}: the main job ({@link QualityGateJob}; {@code --reset} forgets the
 * instance's earlier work first); {@code start}: NiFi with the fresh NAR, keeping its flow and state, no import;
 * {@code stop}; {@code status}; {@code cluster [start|stop|status]}: the local two-node cluster ({@link ClusterJob}).
 */
public final class Main {

    private Main() {
    }

    public static void main(final String[] args) throws Exception {
        final Deque<String> rest = new ArrayDeque<>(List.of(args));
        final String command = rest.isEmpty() ? "help" : rest.pop();
        try {
            if (command.equals("cluster")) {
                cluster(rest);
                return;
            }
            final Options options = Options.parse(rest);
            switch (command) {
                case "run" -> new QualityGateJob(options, System.out).run();
                case "start" -> {
                    final NiFiInstance nifi = QualityGateJob.instance(options, QualityGateJob.assemble(options, System.out).libDirectory());
                    nifi.installExtensions(QualityGateJob.extensionNars(options));
                    System.out.println("NiFi started in " + nifi.start(Duration.ofMinutes(3)).toSeconds() + " s: " + nifi.uiUri());
                }
                case "stop" -> {
                    final NiFiInstance nifi = QualityGateJob.instance(options, Path.of("lib-unused"));
                    System.out.println(nifi.stop(Duration.ofSeconds(60)) ? "Stopped the NiFi of " + nifi.home() : "No NiFi running from " + nifi.home());
                }
                case "status" -> {
                    final NiFiInstance nifi = QualityGateJob.instance(options, Path.of("lib-unused"));
                    System.out.println(nifi.runningProcess().map(p -> "NiFi runs from " + nifi.home() + " as process " + p.pid() + ": " + nifi.uiUri())
                            .orElse("No NiFi running from " + nifi.home()));
                }
                default -> {
                    System.out.println("usage: run [--reset]|start|stop|status [--port N] [--heap 3g] [--home DIR] [--inputs DIR] [--flows DIR]\n"
                            + "       cluster [start|stop|status] [--reset] [--port 18091] [--heap 2g] [--home DIR]");
                    System.exit(2);
                }
            }
        } catch (final IllegalStateException e) {
            System.err.println("nifi-dq: " + e.getMessage());
            System.exit(1);
        }
    }

    /** {@code cluster [start|stop|status] [flags]}: the two-node cluster of {@link ClusterJob}. */
    private static void cluster(final Deque<String> rest) throws Exception {
        final String action = !rest.isEmpty() && !rest.peek().startsWith("--") ? rest.pop() : "start";
        final ClusterJob job = new ClusterJob(Options.parseCluster(rest), System.out);
        switch (action) {
            case "start" -> job.start();
            case "stop" -> job.stop();
            case "status" -> job.status();
            default -> throw new IllegalStateException("Unknown cluster action " + action + " (known: start, stop, status)");
        }
    }
}
