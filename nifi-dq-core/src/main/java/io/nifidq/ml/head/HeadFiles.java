package io.nifidq.ml.head;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of a PRETRAINED_ENCODER model version (checksums, metadata and atomic publication belong to
 * {@code io.nifidq.ml.model.ModelStore}): {@value #HEAD} (the head's shape, the labels and the encoder it was trained on) and
 * {@value #PARAMETERS} (the standardisation and the head's parameters as big-endian floats after a magic number).
 */
public final class HeadFiles {

    public static final String HEAD = "head.json";
    public static final String PARAMETERS = "head.bin";

    private static final int MAGIC = 0x4E444831; // "NDH1"
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private HeadFiles() {
    }

    /**
     * The encoder a head was trained on.
     *
     * @param name        the encoder's name
     * @param fingerprint SHA-256 over the encoder's descriptor and files ({@code EncoderDescriptor#fingerprint})
     * @param bundled     the bundled encoder's name, or null
     * @param directory   the admin's encoder directory, or null
     */
    public record EncoderReference(String name, String fingerprint, String bundled, String directory) {
    }

    /** What {@value #HEAD} holds. */
    public record HeadFile(HeadSpec spec, List<String> labels, EncoderReference encoder) {
    }

    /** A head read back, with its labels and encoder. */
    public record Loaded(HeadWeights weights, List<String> labels, EncoderReference encoder) {
    }

    public static void write(final Path directory, final HeadWeights weights, final List<String> labels,
                             final EncoderReference encoder) throws IOException {
        if (labels.size() != weights.spec().classes()) {
            throw new IllegalArgumentException(labels.size() + " labels for a head of " + weights.spec().classes() + " classes");
        }
        JSON.writeValue(directory.resolve(HEAD).toFile(), new HeadFile(weights.spec(), labels, encoder));
        try (OutputStream file = Files.newOutputStream(directory.resolve(PARAMETERS));
             DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(file))) {
            out.writeInt(MAGIC);
            writeFloats(out, weights.mean());
            writeFloats(out, weights.scale());
            for (final float[] values : weights.parameters().values()) {
                writeFloats(out, values);
            }
        }
    }

    public static Loaded read(final Path directory) throws IOException {
        final HeadFile head;
        try {
            head = JSON.readValue(Files.readAllBytes(directory.resolve(HEAD)), HeadFile.class);
        } catch (final NoSuchFileException e) {
            throw new IOException("The model directory " + directory + " has no " + HEAD, e);
        }
        final HeadSpec spec = head.spec();
        if (head.labels() == null || head.labels().size() != spec.classes() || head.encoder() == null) {
            throw new IOException(HEAD + " in " + directory + " is incomplete: it needs the head's spec, one label per class and "
                    + "the encoder");
        }
        try (InputStream file = Files.newInputStream(directory.resolve(PARAMETERS));
             DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(file))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(PARAMETERS + " in " + directory + " is not a nifi-dq head file");
            }
            final float[] mean = readFloats(in, spec.inputs());
            final float[] scale = readFloats(in, spec.inputs());
            final Map<String, float[]> parameters = new LinkedHashMap<>();
            for (final Map.Entry<String, int[]> shape : spec.shapes().entrySet()) {
                parameters.put(shape.getKey(), readFloats(in, HeadWeights.size(shape.getValue())));
            }
            if (in.read() != -1) {
                throw new IOException(PARAMETERS + " in " + directory + " is longer than its head (" + spec + ") needs");
            }
            return new Loaded(new HeadWeights(spec, mean, scale, parameters), List.copyOf(head.labels()), head.encoder());
        } catch (final EOFException e) {
            throw new IOException(PARAMETERS + " in " + directory + " is shorter than its head (" + spec + ") needs", e);
        }
    }

    private static void writeFloats(final DataOutputStream out, final float[] values) throws IOException {
        out.writeInt(values.length);
        for (final float v : values) {
            out.writeFloat(v);
        }
    }

    private static float[] readFloats(final DataInputStream in, final int expected) throws IOException {
        final int length = in.readInt();
        if (length != expected) {
            throw new IOException("a head array of " + length + " floats where " + expected + " were expected");
        }
        final float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }
}
