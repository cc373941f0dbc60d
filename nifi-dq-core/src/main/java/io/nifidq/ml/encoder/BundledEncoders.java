package io.nifidq.ml.encoder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The encoders that ship inside nifi-dq-core's jar (unpacked from the LangChain4j jars at build time, see the pom), under
 * {@code io/nifidq/ml/encoder/<name>/}: {@value #ENGLISH} and {@value #CHINESE}, int8 BGE small v1.5, and
 * {@value #ENGLISH_FP32}, the English one unquantised. ONNX Runtime and the
 * tokenizer read files, so a bundled encoder is copied out of the jar once into {@code <cache>/encoders/<name>-<fingerprint>/}
 * and verified like an admin's directory at every load.
 */
public final class BundledEncoders {

    public static final String ENGLISH = "bge-small-en-v1.5-q";
    public static final String CHINESE = "bge-small-zh-v1.5-q";
    /** The English encoder in fp32: slower to run than the int8 one, and the weights fine-tuning starts from. */
    public static final String ENGLISH_FP32 = "bge-small-en-v1.5";
    public static final List<String> NAMES = List.of(ENGLISH, CHINESE, ENGLISH_FP32);

    private static final String RESOURCE_ROOT = "/io/nifidq/ml/encoder/";
    private static final int DETECTION_SAMPLE = 200;
    private static final double CHINESE_SHARE = 0.3;

    private BundledEncoders() {
    }

    /**
     * The bundled encoder for the language of the texts: Chinese when Han characters are more than {@value #CHINESE_SHARE} of
     * the letters of the first {@value #DETECTION_SAMPLE} texts, English otherwise.
     */
    public static String forTexts(final List<? extends CharSequence> texts) {
        long han = 0;
        long letters = 0;
        for (final CharSequence text : texts.subList(0, Math.min(DETECTION_SAMPLE, texts.size()))) {
            for (int i = 0; i < text.length(); i++) {
                final char c = text.charAt(i);
                if (Character.isLetter(c)) {
                    letters++;
                    han += Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN ? 1 : 0;
                }
            }
        }
        return letters > 0 && han > CHINESE_SHARE * letters ? CHINESE : ENGLISH;
    }

    /** The descriptor of a bundled encoder, read from the class path. */
    public static EncoderDescriptor descriptor(final String name) throws EncoderException {
        checkName(name);
        final String resource = RESOURCE_ROOT + name + "/" + EncoderDescriptor.FILE_NAME;
        try (InputStream in = BundledEncoders.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new EncoderException("The bundled encoder " + name + " is incomplete: " + resource + " is not on the class path");
            }
            return EncoderDescriptor.parse(in, "the class path (" + resource + ")", name);
        } catch (final EncoderException e) {
            throw e;
        } catch (final IOException e) {
            throw new EncoderException("The bundled encoder " + name + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The verified directory of a bundled encoder, copied out of the jar into the cache folder when not there yet. */
    public static synchronized Path unpack(final String name, final Path cacheDirectory) throws EncoderException {
        final EncoderDescriptor descriptor = descriptor(name);
        final Path target = cacheDirectory.resolve("encoders").resolve(name + "-" + descriptor.fingerprint().substring(0, 12));
        if (isIntact(target, descriptor)) {
            return target;
        }
        try {
            Files.createDirectories(target.getParent());
            // Copied into a temporary sibling and renamed: another JVM never loads a half-written directory.
            final Path temporary = Files.createTempDirectory(target.getParent(), name + "-");
            try {
                for (final String file : descriptor.files().keySet()) {
                    copyResource(name, file, temporary);
                }
                copyResource(name, EncoderDescriptor.FILE_NAME, temporary);
                EncoderFiles.verify(temporary);
                deleteRecursively(target);
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (final FileAlreadyExistsException raced) {
                    // Another JVM finished first; its copy is checked below.
                }
            } finally {
                deleteRecursively(temporary);
            }
        } catch (final EncoderException e) {
            throw e;
        } catch (final IOException e) {
            throw new EncoderException("The bundled encoder " + name + " cannot be unpacked into " + target + ": " + e.getMessage(), e);
        }
        EncoderFiles.verify(target);
        return target;
    }

    private static boolean isIntact(final Path directory, final EncoderDescriptor expected) {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try {
            return EncoderFiles.verify(directory).fingerprint().equals(expected.fingerprint());
        } catch (final EncoderException corrupt) {
            return false;
        }
    }

    private static void copyResource(final String name, final String file, final Path directory) throws IOException {
        final String resource = RESOURCE_ROOT + name + "/" + file;
        try (InputStream in = BundledEncoders.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new EncoderException("The bundled encoder " + name + " is incomplete: " + file + " is not on the class path at "
                        + resource + " (the build unpacks it from the LangChain4j jar)");
            }
            Files.copy(in, directory.resolve(file));
        }
    }

    private static void checkName(final String name) throws EncoderException {
        if (!NAMES.contains(name)) {
            throw new EncoderException("There is no bundled encoder named " + name + "; the bundled ones are " + String.join(", ", NAMES));
        }
    }

    private static void deleteRecursively(final Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            for (final Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
