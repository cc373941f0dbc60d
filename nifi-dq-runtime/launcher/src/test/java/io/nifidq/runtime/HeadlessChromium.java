package io.nifidq.runtime;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium (Debian package chromium) run as a command: loads a page, lets its scripts and requests run for a
 * virtual-time budget, then prints the DOM or saves a screenshot. Every run gets a fresh profile folder.
 */
final class HeadlessChromium {

    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");

    private final Path binary;
    private final Path workDirectory;
    private final int width;
    private final int height;
    private int runs;

    private HeadlessChromium(final Path binary, final Path workDirectory, final int width, final int height) {
        this.binary = binary;
        this.workDirectory = workDirectory;
        this.width = width;
        this.height = height;
    }

    /** Finds Chromium on the PATH; fails with the command that installs it (.ci/run does). */
    static HeadlessChromium find(final Path workDirectory, final int width, final int height) {
        final Path binary = onPath().orElseThrow(() -> new IllegalStateException(
                "Chromium is not installed; the UI test needs it: apt-get install -y chromium chromium-driver (.ci/run does this)"));
        return new HeadlessChromium(binary, workDirectory, width, height);
    }

    static Optional<Path> onPath() {
        for (final String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (final String name : NAMES) {
                final Path candidate = Path.of(directory, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** The DOM after the page has run for {@code budgetMillis} of virtual time. */
    String dumpDom(final String url, final int budgetMillis) throws IOException, InterruptedException {
        final Path out = workDirectory.resolve("dom-" + (runs + 1) + ".html");
        run(List.of("--dump-dom", url), budgetMillis, out);
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** Saves a PNG of the page after {@code budgetMillis} of virtual time. */
    Path screenshot(final String url, final int budgetMillis, final Path png) throws IOException, InterruptedException {
        Files.createDirectories(png.getParent());
        Files.deleteIfExists(png);
        run(List.of("--screenshot=" + png.toAbsolutePath(), url), budgetMillis, workDirectory.resolve("screenshot-" + (runs + 1) + ".out"));
        if (!Files.exists(png)) {
            throw new IllegalStateException("Chromium wrote no screenshot to " + png);
        }
        return png;
    }

    private void run(final List<String> action, final int budgetMillis, final Path stdout) throws IOException, InterruptedException {
        runs++;
        final Path profile = Files.createDirectories(workDirectory.resolve("profile-" + runs));
        final List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--virtual-time-budget=" + budgetMillis));
        command.addAll(action);
        final Path stderr = workDirectory.resolve("chromium-" + runs + ".log");
        final Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IllegalStateException("Chromium did not finish within 120 s: " + command);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("Chromium exited with " + process.exitValue() + "; see " + stderr);
        }
    }
}
