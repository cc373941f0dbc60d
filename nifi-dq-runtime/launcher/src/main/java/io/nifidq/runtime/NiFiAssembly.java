package io.nifidq.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The read-only part of a local NiFi: a lib/ folder with NiFi's jars and NARs. It is assembled once per set of inputs
 * into a cache folder named by a hash of those inputs (file names and the entries of every jar and NAR), and reused while they stay the same.
 */
public final class NiFiAssembly {

    /** The NiFi release this project can assemble from Maven Central. */
    public static final String NIFI_VERSION = "2.3.0";

    private static final String COMPLETE_MARKER = ".complete";
    private static final int KEPT_ASSEMBLIES = 3;

    private final Path cacheRoot;

    public NiFiAssembly(final Path cacheRoot) {
        this.cacheRoot = cacheRoot;
    }

    /** The outcome of {@link #prepare}: where lib/ is, and whether it was reused from an earlier run. */
    public record Prepared(Path libDirectory, boolean reused, Duration took) {
    }

    /** $NIFI_DQ_CACHE, else $XDG_CACHE_HOME/nifi-dq, else ~/.cache/nifi-dq. */
    public static Path defaultCacheRoot() {
        final String explicit = System.getenv("NIFI_DQ_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        final String xdg = System.getenv("XDG_CACHE_HOME");
        final Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("nifi-dq");
    }

    /**
     * Returns a complete lib/ folder holding exactly the jars and NARs of {@code inputLib}, copying them into the
     * cache only when no assembly of the same inputs exists yet.
     */
    public Prepared prepare(final Path inputLib) throws IOException {
        final long started = System.nanoTime();
        final List<Path> inputs = listInputs(inputLib);
        if (inputs.isEmpty()) {
            throw new IOException("No NiFi jars or NARs in " + inputLib + "; build the module first: ./mvnw -f nifi-dq-runtime package");
        }
        final String key = inputsKey(inputs);
        final Path assembly = cacheRoot.resolve("nifi-" + NIFI_VERSION + "-" + key);
        final Path lib = assembly.resolve("lib");
        if (Files.exists(assembly.resolve(COMPLETE_MARKER))) {
            return new Prepared(lib, true, Duration.ofNanos(System.nanoTime() - started));
        }

        Files.createDirectories(cacheRoot);
        final Path staging = Files.createTempDirectory(cacheRoot, ".assembling-" + key + "-");
        try {
            final Path stagingLib = Files.createDirectories(staging.resolve("lib"));
            final StringBuilder manifest = new StringBuilder();
            for (final Path input : inputs) {
                Files.copy(input, stagingLib.resolve(input.getFileName().toString()), StandardCopyOption.COPY_ATTRIBUTES);
                manifest.append(input.getFileName()).append(' ').append(Files.size(input)).append('\n');
            }
            Files.writeString(staging.resolve("inputs.txt"), manifest, StandardCharsets.UTF_8);
            Files.writeString(staging.resolve(COMPLETE_MARKER), key, StandardCharsets.UTF_8);
            moveIntoPlace(staging, assembly);
        } finally {
            deleteRecursively(staging);
        }
        pruneOldAssemblies(assembly);
        return new Prepared(lib, false, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Keeps the newest {@value #KEPT_ASSEMBLIES} assemblies (each is about 175 MB); a NiFi still running from an older one keeps its open files. */
    private void pruneOldAssemblies(final Path current) throws IOException {
        try (Stream<Path> children = Files.list(cacheRoot)) {
            final List<Path> assemblies = children
                    .filter(p -> p.getFileName().toString().startsWith("nifi-" + NIFI_VERSION + "-") && !p.equals(current))
                    .sorted(Comparator.comparing(NiFiAssembly::lastModified).reversed())
                    .toList();
            for (final Path old : assemblies.subList(Math.min(assemblies.size(), KEPT_ASSEMBLIES - 1), assemblies.size())) {
                deleteRecursively(old);
            }
        }
    }

    private static long lastModified(final Path path) {
        try {
            return Files.getLastModifiedTime(path).toMillis();
        } catch (final IOException e) {
            return 0;
        }
    }

    private static void moveIntoPlace(final Path staging, final Path assembly) throws IOException {
        try {
            Files.move(staging, assembly, StandardCopyOption.ATOMIC_MOVE);
        } catch (final FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            // Another run assembled the same inputs at the same time, or left a broken folder: keep a complete one.
            if (!Files.exists(assembly.resolve(COMPLETE_MARKER))) {
                deleteRecursively(assembly);
                Files.move(staging, assembly);
            }
        } catch (final IOException e) {
            if (Files.isDirectory(assembly) && !Files.exists(assembly.resolve(COMPLETE_MARKER))) {
                deleteRecursively(assembly);
                Files.move(staging, assembly);
            } else if (!Files.exists(assembly.resolve(COMPLETE_MARKER))) {
                throw e;
            }
        }
    }

    static List<Path> listInputs(final Path inputLib) throws IOException {
        if (!Files.isDirectory(inputLib)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(inputLib)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".jar") || p.getFileName().toString().endsWith(".nar"))
                    .sorted()
                    .toList();
        }
    }

    /**
     * A short hash of the inputs: each file's name and, for jars and NARs, the name, size and CRC of every entry.
     * Entries under META-INF/docs/ are left out: NiFi's NAR plugin writes its extension manifest in a different order
     * on every build, and a rebuilt NAR with the same classes must not cause a new assembly.
     */
    static String inputsKey(final List<Path> inputs) throws IOException {
        try {
            final MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (final Path input : inputs) {
                digest.update((input.getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
                try (ZipFile zip = new ZipFile(input.toFile())) {
                    zip.stream().filter(e -> !e.getName().startsWith("META-INF/docs/")).sorted(Comparator.comparing(ZipEntry::getName))
                            .forEach(e -> digest.update((e.getName() + "\t" + e.getSize() + "\t" + e.getCrc() + "\n").getBytes(StandardCharsets.UTF_8)));
                } catch (final ZipException notAZip) {
                    digest.update(Files.readAllBytes(input));
                }
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static void deleteRecursively(final Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (final IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (final UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
