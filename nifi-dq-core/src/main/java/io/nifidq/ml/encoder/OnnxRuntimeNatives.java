package io.nifidq.ml.encoder;

import ai.onnxruntime.OrtEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Unpacks ONNX Runtime's native libraries once into a fixed folder and points ONNX Runtime at it.
 *
 * <p>How ONNX Runtime's Java binding (1.21, {@code ai.onnxruntime.OnnxRuntime#init}, run by the first use of
 * {@link OrtEnvironment}) finds its libraries, {@code libonnxruntime} and {@code libonnxruntime4j_jni}:
 * <ol>
 *   <li>system property {@value #NATIVE_PATH_PROPERTY}: a folder holding both, loaded from there (an error if one is
 *       missing);</li>
 *   <li>else {@code onnxruntime.native.<library>.path}: the full path of that one library;</li>
 *   <li>else copied from the jar ({@code /ai/onnxruntime/native/<os>-<arch>/}) into a NEW temporary folder
 *       {@code java.io.tmpdir/onnxruntime-java<random>} at every start, deleted only at a clean JVM exit (a killed NiFi
 *       leaves 20 MB behind each time);</li>
 *   <li>else {@code System.loadLibrary} from {@code java.library.path}.</li>
 * </ol>
 * So this class copies the two libraries into {@code <cache>/onnxruntime/<version>-<os>-<arch>/} (only when missing or
 * different, checked by SHA-256) and sets {@value #NATIVE_PATH_PROPERTY} before ONNX Runtime starts. An admin's own setting
 * of that property wins and is left alone. ONNX Runtime still creates an (empty) {@code onnxruntime-java*} temporary folder
 * at start, and execution-provider libraries (CUDA, TensorRT of the onnxruntime_gpu jar) are still copied there from the
 * jar when a session asks for them: that is ONNX Runtime's code, not configurable in 1.21.
 */
final class OnnxRuntimeNatives {

    static final String NATIVE_PATH_PROPERTY = "onnxruntime.native.path";
    private static final String[] LIBRARIES = {"onnxruntime", "onnxruntime4j_jni"};
    private static final Logger LOGGER = LoggerFactory.getLogger(OnnxRuntimeNatives.class);

    private OnnxRuntimeNatives() {
    }

    /**
     * Makes sure ONNX Runtime will load its libraries from a fixed folder; call before anything touches ONNX Runtime.
     *
     * @return the folder ONNX Runtime loads from, or null when the jar has no libraries for this platform (ONNX Runtime then
     * falls back to {@code java.library.path})
     */
    static synchronized Path prepare(final Path cacheDirectory) throws IOException {
        final String configured = System.getProperty(NATIVE_PATH_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        final String platform = platform();
        if (platform == null || OrtEnvironment.class.getResource(resource(platform, LIBRARIES[0])) == null) {
            LOGGER.warn("ONNX Runtime's jar has no native libraries for {} {}; it will look in java.library.path",
                    System.getProperty("os.name"), System.getProperty("os.arch"));
            return null;
        }
        final String version = OrtEnvironment.class.getPackage().getImplementationVersion();
        final Path folder = cacheDirectory.resolve("onnxruntime").resolve((version == null ? "unversioned" : version) + "-" + platform);
        Files.createDirectories(folder);
        for (final String library : LIBRARIES) {
            unpackIfChanged(resource(platform, library), folder.resolve(libraryFileName(library)));
        }
        System.setProperty(NATIVE_PATH_PROPERTY, folder.toAbsolutePath().toString());
        LOGGER.info("ONNX Runtime {} loads its native libraries from {}", version, folder);
        return folder;
    }

    private static void unpackIfChanged(final String resource, final Path target) throws IOException {
        final String expected;
        try (InputStream in = OrtEnvironment.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("ONNX Runtime's jar has no " + resource);
            }
            expected = EncoderFiles.sha256(in);
        }
        if (Files.isRegularFile(target) && EncoderFiles.sha256(target).equals(expected)) {
            return;
        }
        // A temporary file in the same folder, then an atomic rename: another JVM loading the folder never sees half a file.
        final Path temporary = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try (InputStream in = OrtEnvironment.class.getResourceAsStream(resource)) {
            Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static String resource(final String platform, final String library) {
        return "/ai/onnxruntime/native/" + platform + "/" + libraryFileName(library);
    }

    private static String libraryFileName(final String library) {
        return System.mapLibraryName(library).replace("jnilib", "dylib");
    }

    /** ONNX Runtime's own name for the platform's folder in its jar (linux-x64, osx-aarch64, win-x64, ...). */
    static String platform() {
        final String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        final String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        final String osName;
        if (os.contains("mac") || os.contains("darwin")) {
            osName = "osx";
        } else if (os.contains("win")) {
            osName = "win";
        } else if (os.contains("nux")) {
            osName = "linux";
        } else {
            return null;
        }
        final String archName;
        if (arch.startsWith("amd64") || arch.startsWith("x86_64")) {
            archName = "x64";
        } else if (arch.startsWith("aarch64")) {
            archName = "aarch64";
        } else if (arch.startsWith("ppc64")) {
            archName = "ppc64";
        } else if (arch.startsWith("x86")) {
            archName = "x86";
        } else {
            return null;
        }
        return osName + "-" + archName;
    }
}
