package io.nifidq.runtime;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A part of the main job that runs one example flow in NiFi: the client it drives NiFi with, where it reports, and
 * whether the work of an earlier run (a group of the flow's name and its folders) is kept and used again as it is.
 */
abstract class FlowRun {

    final NiFiRestClient client;
    final PrintStream out;
    final boolean keep;

    FlowRun(final NiFiRestClient client, final PrintStream out, final boolean keep) {
        this.client = client;
        this.out = out;
        this.keep = keep;
    }

    /** Deletes the flow's folders under {@code data} from an earlier run, unless the earlier work is kept. */
    void clearUnlessKept(final Path data) throws IOException {
        if (!keep) {
            NiFiAssembly.deleteRecursively(data);
        }
    }

    /** Says that the flow {@code groupName} runs, imported from {@code definition} or kept, and {@code what} it was given. */
    void announceStarted(final String groupName, final Path definition, final String what) {
        out.println((keep ? "Started the kept flow '" : "Imported and started the flow '") + groupName + "' from " + definition
                + "; " + what);
    }

    /** Prints e.g. "  classified   1 file(s) in /path [support-messages.csv]". */
    static void listFolder(final PrintStream out, final String label, final Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            out.printf("  %-16s 0 file(s) in %s%n", label, folder);
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            final List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            out.printf("  %-16s %d file(s) in %s %s%n", label, names.size(), folder, names.isEmpty() ? "" : names);
        }
    }
}
