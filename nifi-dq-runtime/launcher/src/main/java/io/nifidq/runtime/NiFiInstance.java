package io.nifidq.runtime;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * One local NiFi: a home folder (conf/, extensions/, repositories, logs/) over a shared, read-only lib/ folder. Starts
 * {@code org.apache.nifi.NiFi} on 127.0.0.1 over HTTP with the JDK that runs this class, waits until the REST API
 * answers, and stops it by its process id (SIGTERM, then SIGKILL as a last resort).
 */
public final class NiFiInstance {

    private static final String MAIN_CLASS = "org.apache.nifi.NiFi";
    private static final String CONF_RESOURCES = "/io/nifidq/runtime/conf/";
    private static final List<String> STATE_FOLDERS = List.of("flowfile_repository", "content_repository",
            "provenance_repository", "database_repository", "state", "nar_repository");

    private final Path home;
    private final Path libDirectory;
    private final int port;
    private final String heap;
    private final Path narWorkingDirectory;
    private final ConfOverrides overrides;
    private volatile Process launched;

    /**
     * @param home                where this instance keeps its configuration, state and logs (created if missing)
     * @param libDirectory        NiFi's jars and NARs, see {@link NiFiAssembly}
     * @param port                HTTP port on 127.0.0.1
     * @param heap                maximum heap, in the JVM's -Xmx syntax (e.g. 3g)
     * @param narWorkingDirectory where NiFi unpacks NARs; instances started one after another may share it
     * @param overrides           what differs from the single-node configuration (a cluster node's settings, see {@link NiFiCluster})
     */
    public NiFiInstance(final Path home, final Path libDirectory, final int port, final String heap, final Path narWorkingDirectory,
                        final ConfOverrides overrides) {
        this.home = home.toAbsolutePath().normalize();
        this.libDirectory = libDirectory.toAbsolutePath().normalize();
        this.port = port;
        this.heap = heap;
        this.narWorkingDirectory = narWorkingDirectory.toAbsolutePath().normalize();
        this.overrides = overrides;
    }

    public NiFiInstance(final Path home, final Path libDirectory, final int port, final String heap, final Path narWorkingDirectory) {
        this(home, libDirectory, port, heap, narWorkingDirectory, ConfOverrides.NONE);
    }

    public NiFiInstance(final Path home, final Path libDirectory, final int port, final String heap) {
        this(home, libDirectory, port, heap, home.resolve("work").resolve("nar"));
    }

    public Path home() {
        return home;
    }

    public int port() {
        return port;
    }

    /** http://127.0.0.1:port/nifi-api/ */
    public URI apiUri() {
        return URI.create("http://127.0.0.1:" + port + "/nifi-api/");
    }

    /** http://127.0.0.1:port/nifi/ (the UI) */
    public URI uiUri() {
        return URI.create("http://127.0.0.1:" + port + "/nifi/");
    }

    public Path pidFile() {
        return home.resolve("nifi.pid");
    }

    public Path appLog() {
        return home.resolve("logs").resolve("nifi-app.log");
    }

    /** Forgets the flow and every FlowFile, content claim, provenance event and state; keeps unpacked NARs and logs. */
    public void resetState() throws IOException {
        requireStopped("reset its state");
        Files.deleteIfExists(home.resolve("conf").resolve("flow.json.gz"));
        for (final String folder : STATE_FOLDERS) {
            NiFiAssembly.deleteRecursively(home.resolve(folder));
        }
    }

    /** Puts {@code nars} into extensions/, replacing whatever NARs were there. */
    public void installExtensions(final List<Path> nars) throws IOException {
        final Path extensions = Files.createDirectories(home.resolve("extensions"));
        try (Stream<Path> old = Files.list(extensions)) {
            for (final Path nar : old.filter(p -> p.getFileName().toString().endsWith(".nar")).toList()) {
                Files.delete(nar);
            }
        }
        for (final Path nar : nars) {
            Files.copy(nar, extensions.resolve(nar.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Starts NiFi and returns once GET /nifi-api/flow/about answers; fails with the log's tail if NiFi dies first. */
    public Duration start(final Duration timeout) throws IOException, InterruptedException {
        final long started = System.nanoTime();
        launch();
        awaitApi(timeout);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /**
     * Writes conf/ and launches NiFi without waiting for it (see {@link #awaitApi}): the nodes of a cluster are launched
     * together, since each waits for the other to elect the flow.
     */
    public void launch() throws IOException {
        requireJava21();
        final Optional<ProcessHandle> running = runningProcess();
        if (running.isPresent()) {
            throw new IllegalStateException("NiFi is already running from " + home + " (process " + running.get().pid() + "); stop it first (./dq stop).");
        }
        LocalPorts.requireFree(port, "NiFi's HTTP port");
        for (final Map.Entry<String, Integer> other : overrides.ports().entrySet()) {
            LocalPorts.requireFree(other.getValue(), other.getKey());
        }
        writeConfiguration();
        Files.createDirectories(home.resolve("logs"));
        Files.createDirectories(home.resolve("extensions"));

        final ProcessBuilder builder = new ProcessBuilder(command(LocalPorts.anyFree()))
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("logs").resolve("nifi-bootstrap.log").toFile()));
        builder.environment().remove("CLASSPATH");
        final Process process = builder.start();
        launched = process;
        Files.writeString(pidFile(), Long.toString(process.pid()), StandardCharsets.UTF_8);
    }

    /**
     * Waits until GET /nifi-api/flow/about answers 200; fails with the log's tail if NiFi dies first, and stops it if it
     * does not answer within {@code timeout}.
     */
    public void awaitApi(final Duration timeout) throws IOException, InterruptedException {
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        final HttpRequest about = HttpRequest.newBuilder(apiUri().resolve("flow/about")).timeout(Duration.ofSeconds(5)).GET().build();
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            final Process process = launched;
            if (process != null && !process.isAlive()) {
                Files.deleteIfExists(pidFile());
                throw new IllegalStateException("NiFi exited with status " + process.exitValue() + " while starting. Last lines of "
                        + appLog() + ":\n" + tail(appLog(), 40) + "\n" + tail(home.resolve("logs").resolve("nifi-bootstrap.log"), 20));
            }
            try {
                if (http.send(about, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (final IOException notYet) {
                // Jetty is not listening yet.
            }
            Thread.sleep(500);
        }
        stop(Duration.ofSeconds(20));
        throw new IllegalStateException("NiFi did not answer on " + apiUri() + " within " + timeout.toSeconds() + " s; stopped it. Last lines of "
                + appLog() + ":\n" + tail(appLog(), 40));
    }

    /** The running NiFi of this home, if its pid file names a live NiFi process started from here. */
    public Optional<ProcessHandle> runningProcess() throws IOException {
        if (!Files.exists(pidFile())) {
            return Optional.empty();
        }
        final long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile(), StandardCharsets.UTF_8).trim());
        } catch (final NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::isOurs);
    }

    public boolean isRunning() throws IOException {
        return runningProcess().isPresent();
    }

    /**
     * Stops the NiFi of this home: SIGTERM, up to {@code grace} for NiFi's own orderly shutdown, then SIGKILL.
     *
     * @return true if a running NiFi was stopped
     */
    public boolean stop(final Duration grace) throws IOException, InterruptedException {
        final Optional<ProcessHandle> running = runningProcess();
        if (running.isEmpty()) {
            Files.deleteIfExists(pidFile());
            return false;
        }
        final ProcessHandle process = running.get();
        process.destroy();
        if (!awaitExit(process, grace)) {
            process.destroyForcibly();
            awaitExit(process, Duration.ofSeconds(15));
        }
        Files.deleteIfExists(pidFile());
        return true;
    }

    /**
     * Kills the NiFi of this home at once (SIGKILL, as an out-of-memory killer or a power cut would): no orderly
     * shutdown, repositories left as they were at that instant.
     *
     * @return true if a running NiFi was killed
     */
    public boolean kill() throws IOException, InterruptedException {
        final Optional<ProcessHandle> running = runningProcess();
        if (running.isEmpty()) {
            return false;
        }
        running.get().destroyForcibly();
        if (!awaitExit(running.get(), Duration.ofSeconds(30))) {
            throw new IllegalStateException("NiFi process " + running.get().pid() + " did not die after SIGKILL");
        }
        Files.deleteIfExists(pidFile());
        return true;
    }

    private static boolean awaitExit(final ProcessHandle process, final Duration wait) throws InterruptedException {
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (final TimeoutException e) {
            return false;
        } catch (final ExecutionException e) {
            return !process.isAlive();
        }
    }

    private boolean isOurs(final ProcessHandle process) {
        final String commandLine = process.info().commandLine().orElse("");
        final String[] arguments = process.info().arguments().orElse(new String[0]);
        final String all = commandLine + " " + String.join(" ", arguments);
        return all.contains(MAIN_CLASS) && all.contains(home.resolve("conf").toString());
    }

    private List<String> command(final int managementPort) throws IOException {
        final Path javaBinary = Path.of(System.getProperty("java.home"), "bin", "java");
        final List<String> classPath = new ArrayList<>();
        try (Stream<Path> jars = Files.list(libDirectory)) {
            jars.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().forEach(p -> classPath.add(p.toString()));
        }
        classPath.add(home.resolve("conf").toString());
        final List<String> command = new ArrayList<>();
        command.add(javaBinary.toString());
        command.add("-Xms512m");
        command.add("-Xmx" + heap);
        command.add("-Djava.awt.headless=true");
        command.add("-Dfile.encoding=UTF-8");
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-Dnifi.properties.file.path=" + home.resolve("conf").resolve("nifi.properties"));
        command.add("-Dorg.apache.nifi.bootstrap.config.log.dir=" + home.resolve("logs"));
        command.add("-Dorg.apache.nifi.management.server.address=127.0.0.1:" + managementPort);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classPath));
        command.add(MAIN_CLASS);
        return command;
    }

    private void writeConfiguration() throws IOException {
        final Path conf = Files.createDirectories(home.resolve("conf"));
        final Map<String, String> values = Map.of(
                "http.port", Integer.toString(port),
                "lib.dir", libDirectory.toString(),
                "nar.working.dir", narWorkingDirectory.toString(),
                "sensitive.props.key", sensitivePropertiesKey(conf));
        write(conf.resolve("nifi.properties"), overrides.applyTo(fill(resource("nifi.properties"), values)));
        write(conf.resolve("state-management.xml"), resource("state-management.xml"));
        write(conf.resolve("logback.xml"), resource("logback.xml"));
        for (final Map.Entry<String, String> file : overrides.files().entrySet()) {
            write(conf.resolve(file.getKey()), file.getValue());
        }
    }

    /**
     * A random key per home (or per cluster: every node must have the same), kept in {@code folder} so that sensitive values
     * in the saved flow stay readable across restarts.
     */
    static String sensitivePropertiesKey(final Path folder) throws IOException {
        Files.createDirectories(folder);
        final Path keyFile = folder.resolve("sensitive-props.key");
        if (Files.exists(keyFile)) {
            return Files.readString(keyFile, StandardCharsets.UTF_8).trim();
        }
        final byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        final String key = HexFormat.of().formatHex(random);
        Files.writeString(keyFile, key, StandardCharsets.UTF_8);
        return key;
    }

    static String fill(final String template, final Map<String, String> values) {
        String filled = template;
        for (final Map.Entry<String, String> entry : values.entrySet()) {
            filled = filled.replace("${" + entry.getKey() + "}", entry.getValue());
        }
        return filled;
    }

    /** A configuration template of this package (conf/...), for callers that fill in their own files. */
    static String resource(final String name) throws IOException {
        try (InputStream in = NiFiInstance.class.getResourceAsStream(CONF_RESOURCES + name)) {
            if (in == null) {
                throw new IOException("Missing resource " + CONF_RESOURCES + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void write(final Path file, final String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private void requireStopped(final String action) throws IOException {
        if (isRunning()) {
            throw new IllegalStateException("Cannot " + action + " while NiFi runs from " + home);
        }
    }

    private static void requireJava21() {
        if (Runtime.version().feature() < 21) {
            throw new IllegalStateException("NiFi 2.x needs Java 21 or newer; this is Java " + Runtime.version()
                    + " from " + System.getProperty("java.home") + ". Run through ./dq, which finds a JDK 21+.");
        }
    }

    /** The last {@code lines} lines of a log file, or a note that it does not exist. */
    public static String tail(final Path file, final int lines) {
        try {
            if (!Files.exists(file)) {
                return "(" + file + " does not exist)";
            }
            final List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (final IOException e) {
            return "(" + file + " unreadable: " + e.getMessage() + ")";
        }
    }
}
