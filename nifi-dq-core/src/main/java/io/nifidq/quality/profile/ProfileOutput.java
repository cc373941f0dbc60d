package io.nifidq.quality.profile;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.zip.CRC32C;

/**
 * Writes the parts of a profile for {@link SerializedProfile}: big-endian numbers, strings as UTF-8 with their length (-1
 * for null), byte arrays (a sketch's own serialisation) with their length, and a tag before each part so that a reader
 * can say which part of a corrupt profile it could not read. {@link ProfileInput} reads it back.
 */
final class ProfileOutput {

    private final DataOutputStream data;

    ProfileOutput(final OutputStream out) {
        this.data = new DataOutputStream(out);
    }

    /** Marks the start of a part; {@link ProfileInput#part} checks it. */
    void part(final Part part) throws IOException {
        data.writeByte(part.tag());
    }

    /** Bytes as they are, without a length (the magic bytes). */
    void writeRaw(final byte[] bytes) throws IOException {
        data.write(bytes);
    }

    void writeLong(final long value) throws IOException {
        data.writeLong(value);
    }

    void writeInt(final int value) throws IOException {
        data.writeInt(value);
    }

    void writeDouble(final double value) throws IOException {
        data.writeDouble(value);
    }

    void writeBoolean(final boolean value) throws IOException {
        data.writeBoolean(value);
    }

    void writeString(final String value) throws IOException {
        if (value == null) {
            data.writeInt(-1);
            return;
        }
        final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        data.writeInt(bytes.length);
        data.write(bytes);
    }

    void writeStrings(final Collection<String> values) throws IOException {
        data.writeInt(values.size());
        for (final String value : values) {
            writeString(value);
        }
    }

    void writeBytes(final byte[] bytes) throws IOException {
        data.writeInt(bytes.length);
        data.write(bytes);
    }

    /**
     * A sketch's own bytes, with their length and a CRC-32C of them: a reader checks them before DataSketches parses them,
     * since a sketch parsed from damaged bytes may ask for any amount of memory.
     */
    void writeSketch(final byte[] bytes) throws IOException {
        writeBytes(bytes);
        final CRC32C checksum = new CRC32C();
        checksum.update(bytes);
        data.writeInt((int) checksum.getValue());
    }

    /** A nullable long, as a presence flag and the value. */
    void writeOptionalLong(final Long value) throws IOException {
        data.writeBoolean(value != null);
        if (value != null) {
            data.writeLong(value);
        }
    }

    void flush() throws IOException {
        data.flush();
    }

    /** The parts of a serialised profile, each with the tag that opens it. */
    enum Part {
        SETTINGS(1, "settings"), COUNTS(2, "record counts"), CONTENT(3, "content"), FIELD(4, "field"), TEXT(5, "text profile"),
        LABELS(6, "label profile"), LABEL_CONFLICTS(7, "label conflicts"), LABEL_NOISE_SAMPLE(8, "label-noise sample"),
        NEAR_DUPLICATES(9, "near-duplicate index"), EXAMPLES(10, "example records"), RECORD_KEYS(11, "exact-duplicate keys"),
        END(12, "end");

        private final int tag;
        private final String description;

        Part(final int tag, final String description) {
            this.tag = tag;
            this.description = description;
        }

        int tag() {
            return tag;
        }

        String description() {
            return description;
        }
    }
}
