package io.nifidq.ml.encoder;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an encoder comes from: one of the {@link BundledEncoders} by name, or an admin's encoder directory. A model trained on
 * an encoder's vectors stores its source with the encoder's fingerprint, and is served only with that very encoder.
 *
 * @param bundled   the bundled encoder's name, or null
 * @param directory the admin's encoder directory (absolute), or null
 */
public record EncoderSource(String bundled, Path directory) {

    public EncoderSource {
        if ((bundled == null) == (directory == null)) {
            throw new IllegalArgumentException("an encoder source is either a bundled encoder's name or a directory");
        }
        directory = directory == null ? null : directory.toAbsolutePath().normalize();
    }

    public static EncoderSource bundled(final String name) {
        return new EncoderSource(Objects.requireNonNull(name, "name"), null);
    }

    public static EncoderSource directory(final Path directory) {
        return new EncoderSource(null, Objects.requireNonNull(directory, "directory"));
    }

    /** Loads the encoder (a bundled one is unpacked into the options' cache folder first). */
    public BertEncoder load(final EncoderOptions options) throws EncoderException {
        return bundled != null ? BertEncoder.loadBundled(bundled, options) : BertEncoder.load(directory, options);
    }

    /** "bundled bge-small-en-v1.5-q" or "the encoder directory /models/minilm". */
    public String describe() {
        return bundled != null ? "bundled " + bundled : "the encoder directory " + directory;
    }
}
