package io.nifidq.quality.profile;

import io.nifidq.quality.profile.ProfileOutput.Part;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * A whole {@link DatasetProfile} as bytes, so that the profiles of the parts of a batch (made on the nodes of a NiFi
 * cluster) travel as FlowFiles and merge into the profile of the whole elsewhere. The format: the magic bytes "DQPF", a
 * format version (an int, {@value #FORMAT_VERSION}), the settings the profile was built with (profiles merge only when
 * they match), then the profile's parts, each opened by a tag (record counts, content, the fields with their DataSketches
 * sketches in the library's own format, the text and label profiles, the label-conflict table and label-noise sample, the
 * near-duplicate index, the example records and the exact-duplicate keys), an end tag and a CRC-32C of every byte before
 * it. Reading a profile back and reporting it gives the report of the original.
 * <p>
 * The size grows like the exact structures of the profile: 8 bytes per distinct record key, 16 per distinct labelled
 * text, 261 per indexed near-duplicate text (at most the index limit), the label-noise sample (at most 10,000 texts of at
 * most 1,000 characters); the field sketches take a few KB to a few tens of KB per field.
 */
public final class SerializedProfile {

    /** The MIME type of a serialised profile as FlowFile content. */
    public static final String MIME_TYPE = "application/vnd.nifidq.profile";
    /** The file name extension of a serialised profile. */
    public static final String FILE_EXTENSION = "dqprofile";
    public static final int FORMAT_VERSION = 1;
    private static final byte[] MAGIC = {'D', 'Q', 'P', 'F'};
    private static final int MAX_SETTING_ITEMS = 100_000;

    private SerializedProfile() {
    }

    /** Writes the profile; the stream is flushed, not closed. */
    public static void write(final DatasetProfile profile, final OutputStream out) throws IOException {
        SketchMemory.ensureUsable();
        final CRC32C checksum = new CRC32C();
        final ProfileOutput output = new ProfileOutput(new CheckedOutputStream(out, checksum));
        output.writeRaw(MAGIC);
        output.writeInt(FORMAT_VERSION);
        writeSettings(profile.settings(), output);
        profile.writeTo(output);
        output.part(Part.END);
        output.flush();
        new ProfileOutput(out).writeInt((int) checksum.getValue());
        out.flush();
    }

    public static byte[] toBytes(final DatasetProfile profile) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            write(profile, bytes);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a profile of {@code length} bytes from the stream (which is not closed).
     *
     * @param labelNoiseScorer the model the read profile's label-noise check uses: the reader's own (a scorer holds no
     *                         profile state), which must be the model the profile was built with
     * @throws UnreadableProfileException when the bytes are not a profile of this format version, or are truncated or corrupt
     * @throws IllegalArgumentException   when the profile was built with another label-noise model (it has a text and a label
     *                                    field), saying so as {@link DatasetProfile#merge} says which settings differ
     */
    public static DatasetProfile read(final InputStream in, final long length, final OutOfFoldScorer labelNoiseScorer) throws IOException {
        SketchMemory.ensureUsable();
        final CRC32C checksum = new CRC32C();
        final ProfileInput input = new ProfileInput(new CheckedInputStream(in, checksum), length);
        checkHeader(input);
        final StoredSettings stored = readSettings(input, labelNoiseScorer);
        final DatasetProfile profile = new DatasetProfile(stored.settings());
        try {
            profile.readFrom(input);
        } catch (final RuntimeException e) {
            throw input.corrupt("its parts do not fit together (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        input.part(Part.END);
        final int computed = (int) checksum.getValue();
        final int storedChecksum = input.readInt();
        if (computed != storedChecksum) {
            throw new UnreadableProfileException("The profile is corrupt: its checksum is " + Integer.toHexString(storedChecksum)
                    + " but its bytes give " + Integer.toHexString(computed));
        }
        if (input.remaining() > 0) {
            throw new UnreadableProfileException("The profile is followed by " + input.remaining() + " more bytes: not one profile");
        }
        final ProfileSettings settings = stored.settings();
        if (settings.textField() != null && settings.labelField() != null && !labelNoiseScorer.model().equals(stored.labelNoiseModel())) {
            throw new IllegalArgumentException("Only profiles built with the same settings merge; these differ: Label Noise Model: "
                    + stored.labelNoiseModel() + " in the profile vs " + labelNoiseScorer.model() + " here");
        }
        return profile;
    }

    public static DatasetProfile fromBytes(final byte[] bytes, final OutOfFoldScorer labelNoiseScorer) throws IOException {
        return read(new ByteArrayInputStream(bytes), bytes.length, labelNoiseScorer);
    }

    private static void checkHeader(final ProfileInput input) throws IOException {
        if (input.remaining() < MAGIC.length + 4) {
            throw new UnreadableProfileException("Not a nifi-dq profile: " + input.remaining() + " bytes are too few to be one");
        }
        final byte[] start = new byte[MAGIC.length];
        for (int i = 0; i < start.length; i++) {
            start[i] = (byte) input.readUnsignedByte();
        }
        if (!java.util.Arrays.equals(start, MAGIC)) {
            throw new UnreadableProfileException("Not a nifi-dq profile: it starts with the bytes " + HexFormat.ofDelimiter(" ").formatHex(start)
                    + ", not 'DQPF' (a profile report, or other content, on the way to a merge?)");
        }
        final int version = input.readInt();
        if (version != FORMAT_VERSION) {
            throw new UnreadableProfileException("The profile has format version " + version + "; this nifi-dq reads version "
                    + FORMAT_VERSION + (version > FORMAT_VERSION ? ": it was written by a newer nifi-dq, upgrade this one" : ""));
        }
    }

    private static void writeSettings(final ProfileSettings settings, final ProfileOutput out) throws IOException {
        out.part(Part.SETTINGS);
        out.writeStrings(settings.nullTokens().stream().sorted().toList());
        out.writeString(settings.textField());
        out.writeString(settings.labelField());
        out.writeStrings(settings.duplicateKeyFields());
        out.writeDouble(settings.nearDuplicateThreshold());
        out.writeInt(settings.nearDuplicateIndexLimit());
        out.writeInt(settings.shortTextLength());
        out.writeInt(settings.longTextLength());
        out.writeInt(settings.topValueCount());
        out.writeString(settings.labelNoiseScorer().model());
    }

    /** The settings read, and the name of the label-noise model they were written with (checked once the checksum is). */
    private record StoredSettings(ProfileSettings settings, String labelNoiseModel) {
    }

    private static StoredSettings readSettings(final ProfileInput in, final OutOfFoldScorer labelNoiseScorer) throws IOException {
        in.part(Part.SETTINGS);
        final List<String> nullTokens = in.readStrings("null tokens", MAX_SETTING_ITEMS);
        final String textField = in.readString();
        final String labelField = in.readString();
        final List<String> keyFields = in.readStrings("duplicate key fields", MAX_SETTING_ITEMS);
        final double threshold = in.readDouble();
        final int indexLimit = in.readInt();
        final int shortText = in.readInt();
        final int longText = in.readInt();
        final int topValues = in.readInt();
        final String model = in.readString();
        final ProfileSettings settings;
        try {
            settings = new ProfileSettings(Set.copyOf(nullTokens), textField, labelField, keyFields, threshold, indexLimit, shortText,
                    longText, topValues, labelNoiseScorer);
        } catch (final RuntimeException e) {
            throw in.corrupt("its settings are not valid (" + e.getMessage() + ")");
        }
        if (indexLimit < 0 || topValues < 0) {
            throw in.corrupt("its settings are not valid (a negative index limit or top value count)");
        }
        return new StoredSettings(settings, model);
    }
}
