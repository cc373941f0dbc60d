package io.nifidq.ml.encoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** Checks an encoder directory against its descriptor: every listed file present, with the listed SHA-256. */
public final class EncoderFiles {

    private EncoderFiles() {
    }

    /** Reads the descriptor and verifies every file it lists; a missing or corrupt file fails naming the file and the check. */
    public static EncoderDescriptor verify(final Path directory) throws EncoderException {
        if (!Files.isDirectory(directory)) {
            throw new EncoderException("The encoder directory " + directory + " does not exist or is not a directory");
        }
        final EncoderDescriptor descriptor = EncoderDescriptor.read(directory);
        for (final Map.Entry<String, String> file : descriptor.files().entrySet()) {
            final Path path = directory.resolve(file.getKey());
            if (!Files.isRegularFile(path)) {
                throw new EncoderException("The encoder directory " + directory + " is incomplete: " + file.getKey()
                        + " is missing (listed in " + EncoderDescriptor.FILE_NAME + ")");
            }
            final String actual;
            try {
                actual = sha256(path);
            } catch (final IOException e) {
                throw new EncoderException("The encoder directory " + directory + " is unreadable: " + file.getKey() + ": " + e.getMessage(), e);
            }
            if (!actual.equals(file.getValue())) {
                throw new EncoderException("The encoder directory " + directory + " is corrupt: " + file.getKey() + " has SHA-256 "
                        + actual + ", " + EncoderDescriptor.FILE_NAME + " says " + file.getValue());
            }
        }
        return descriptor;
    }

    /** Lower-case hex SHA-256 of a file, as {@code sha256sum} prints it. */
    public static String sha256(final Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    static String sha256(final InputStream stream) throws IOException {
        try (DigestInputStream in = new DigestInputStream(stream, MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
