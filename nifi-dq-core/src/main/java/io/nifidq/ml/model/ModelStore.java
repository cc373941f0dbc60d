package io.nifidq.ml.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A directory of versioned models: {@code v0001}, {@code v0002}, ... and a {@code LATEST} file naming
 * the newest. A version is written into a hidden temporary directory, given its metadata and a
 * {@code checksums.sha256} file (the format of {@code sha256sum}, so an admin can check it by hand),
 * then renamed into place in one atomic move; {@code LATEST} is then replaced by an atomic move too.
 * A reader therefore sees a version whole or not at all, and a write that fails leaves the previous
 * versions and {@code LATEST} as they were. Writers in several processes are safe: a version number
 * taken by another writer is detected by the failing rename and the next number is tried.
 */
public final class ModelStore {

    public static final String LATEST = "LATEST";
    public static final String CHECKSUMS = "checksums.sha256";
    private static final Pattern VERSION_NAME = Pattern.compile("v(\\d{4,})");
    private static final int MAX_RENAME_ATTEMPTS = 100;

    /** Writes a model's own files (parameters, vocabulary, settings) into the directory it is given. */
    @FunctionalInterface
    public interface ModelWriter {
        void write(Path directory) throws IOException;
    }

    private final Path root;

    public ModelStore(final Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /**
     * Publishes a new version: the writer's files plus metadata and checksums, then LATEST.
     *
     * @return the new version's directory
     */
    public synchronized Path write(final ModelMetadata metadata, final ModelWriter writer) throws IOException {
        Files.createDirectories(root);
        final Path temporary = Files.createTempDirectory(root, ".tmp-");
        try {
            writer.write(temporary);
            metadata.write(temporary);
            writeChecksums(temporary);
            final Path published = moveToNextVersion(temporary);
            pointLatestAt(published.getFileName().toString());
            return published;
        } catch (final IOException | RuntimeException e) {
            deleteRecursively(temporary);
            throw e;
        }
    }

    /** The directory LATEST names. */
    public Path latest() throws IOException {
        return latestVersion().orElseThrow(() -> new ModelStoreException("No model has been published in " + root + " yet (no "
                + LATEST + " file)")).path();
    }

    public Optional<ModelVersion> latestVersion() throws IOException {
        final Path pointer = root.resolve(LATEST);
        if (!Files.isRegularFile(pointer)) {
            return Optional.empty();
        }
        return Optional.of(version(Files.readString(pointer, StandardCharsets.UTF_8).strip()));
    }

    /** "latest" (any case) or a version name such as v0003. */
    public ModelVersion resolve(final String versionOrLatest) throws IOException {
        if (versionOrLatest == null || versionOrLatest.isBlank() || versionOrLatest.strip().equalsIgnoreCase("latest")) {
            return latestVersion().orElseThrow(() -> new ModelStoreException("No model has been published in " + root + " yet"));
        }
        return version(versionOrLatest.strip());
    }

    /** The published versions, oldest first (temporary directories of unfinished writes are not versions). */
    public List<ModelVersion> versions() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(name -> VERSION_NAME.matcher(name).matches())
                    .map(name -> new ModelVersion(name, number(name), root.resolve(name)))
                    .sorted(Comparator.comparingInt(ModelVersion::number))
                    .toList();
        }
    }

    /**
     * Checks a version: its metadata is readable and of a format this code reads, and every file listed
     * in the checksums exists with the listed SHA-256.
     *
     * @return the version's metadata
     */
    public static ModelMetadata verify(final Path versionDirectory) throws IOException {
        if (!Files.isDirectory(versionDirectory)) {
            throw new ModelStoreException("The model directory " + versionDirectory + " does not exist");
        }
        final ModelMetadata metadata = ModelMetadata.read(versionDirectory);
        if (metadata.formatVersion() < 1 || metadata.formatVersion() > ModelMetadata.CURRENT_FORMAT_VERSION) {
            throw new ModelStoreException("The model in " + versionDirectory + " has format version " + metadata.formatVersion()
                    + "; this nifi-dq reads format versions 1 to " + ModelMetadata.CURRENT_FORMAT_VERSION);
        }
        final Map<String, String> expected = readChecksums(versionDirectory);
        for (final Map.Entry<String, String> file : expected.entrySet()) {
            final Path path = versionDirectory.resolve(file.getKey());
            if (!Files.isRegularFile(path)) {
                throw new ModelStoreException("The model in " + versionDirectory + " is incomplete: " + file.getKey() + " is missing");
            }
            final String actual = sha256(path);
            if (!actual.equals(file.getValue())) {
                throw new ModelStoreException("The model in " + versionDirectory + " is corrupt: " + file.getKey()
                        + " has SHA-256 " + actual + ", " + CHECKSUMS + " says " + file.getValue());
            }
        }
        return metadata;
    }

    private ModelVersion version(final String name) throws ModelStoreException {
        if (!VERSION_NAME.matcher(name).matches()) {
            throw new ModelStoreException("'" + name + "' is not a model version: use 'latest' or a name such as v0001");
        }
        final Path path = root.resolve(name);
        if (!Files.isDirectory(path)) {
            throw new ModelStoreException("The model version " + name + " does not exist in " + root);
        }
        return new ModelVersion(name, number(name), path);
    }

    private Path moveToNextVersion(final Path temporary) throws IOException {
        int next = versions().stream().mapToInt(ModelVersion::number).max().orElse(0) + 1;
        for (int attempt = 0; attempt < MAX_RENAME_ATTEMPTS; attempt++, next++) {
            final Path target = root.resolve(String.format("v%04d", next));
            if (Files.exists(target)) {
                continue;
            }
            try {
                return Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (final FileAlreadyExistsException | DirectoryNotEmptyException e) {
                // Another writer took this number between the listing and the rename: try the next one.
            }
        }
        throw new ModelStoreException("Could not find a free version number in " + root + " after " + MAX_RENAME_ATTEMPTS + " attempts");
    }

    private void pointLatestAt(final String versionName) throws IOException {
        final Path pointer = root.resolve("." + LATEST + "-" + UUID.randomUUID() + ".tmp");
        try {
            Files.writeString(pointer, versionName + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(pointer, root.resolve(LATEST), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (final AtomicMoveNotSupportedException e) {
                throw new ModelStoreException("The file system of " + root + " cannot replace " + LATEST + " atomically", e);
            }
        } finally {
            Files.deleteIfExists(pointer);
        }
    }

    private static void writeChecksums(final Path directory) throws IOException {
        final List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(CHECKSUMS)).sorted().toList();
        }
        final StringBuilder lines = new StringBuilder();
        for (final Path file : files) {
            lines.append(sha256(file)).append("  ").append(directory.relativize(file).toString().replace('\\', '/')).append('\n');
        }
        Files.writeString(directory.resolve(CHECKSUMS), lines.toString(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> readChecksums(final Path directory) throws IOException {
        final Path file = directory.resolve(CHECKSUMS);
        if (!Files.isRegularFile(file)) {
            throw new ModelStoreException("The model in " + directory + " has no " + CHECKSUMS + ": it was not published by nifi-dq "
                    + "or is incomplete");
        }
        final Map<String, String> checksums = new LinkedHashMap<>();
        final Pattern line = Pattern.compile("([0-9a-f]{64})  (.+)");
        final List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (final CharacterCodingException e) {
            throw new ModelStoreException("The model in " + directory + " is corrupt: " + CHECKSUMS + " is not UTF-8 text, so its "
                    + "files cannot be checked", e);
        }
        for (final String text : lines) {
            if (text.isBlank()) {
                continue;
            }
            final Matcher matcher = line.matcher(text);
            if (!matcher.matches()) {
                throw new ModelStoreException("The model in " + directory + " has a malformed " + CHECKSUMS + " line: " + text);
            }
            checksums.put(matcher.group(2), matcher.group(1));
        }
        checksums.putIfAbsent(ModelMetadata.FILE_NAME, "missing from " + CHECKSUMS);
        return checksums;
    }

    /**
     * What a version's directory holds, as its name, file names, sizes and modification times: equal as long as
     * nobody touched it, different once a file is repaired or replaced. Cheap enough to take every second.
     */
    public static String fingerprint(final ModelVersion version) throws IOException {
        final StringBuilder fingerprint = new StringBuilder(version.name());
        try (Stream<Path> walk = Files.walk(version.path())) {
            for (final Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                fingerprint.append('|').append(version.path().relativize(file)).append(':').append(Files.size(file))
                        .append('@').append(Files.getLastModifiedTime(file).toMillis());
            }
        }
        return fingerprint.toString();
    }

    static String sha256(final Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        } catch (final NoSuchFileException e) {
            throw new ModelStoreException("Missing model file " + file, e);
        }
    }

    private static int number(final String name) {
        return Integer.parseInt(name.substring(1));
    }

    private static void deleteRecursively(final Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            final List<Path> paths = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
            for (final Path path : paths) {
                Files.deleteIfExists(path);
            }
        } catch (final IOException e) {
            // Best effort: a leftover hidden .tmp- directory is never taken for a version.
        }
    }
}
