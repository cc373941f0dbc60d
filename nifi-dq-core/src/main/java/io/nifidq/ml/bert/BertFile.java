package io.nifidq.ml.bert;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fine-tuned network's parameters in one file: a magic number, the shape, then each parameter as its name, rank, dimensions
 * and little-endian floats. The names and shapes are checked against what the shape's BERT must have when read, so a file of
 * another network is refused rather than half-loaded.
 */
public final class BertFile {

    private static final int MAGIC = 0x4E444231; // "NDB1"

    private BertFile() {
    }

    public static void write(final Path file, final BertWeights weights) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
            final BertShape shape = weights.shape();
            out.writeInt(MAGIC);
            for (final int size : new int[] {shape.layers(), shape.hidden(), shape.heads(), shape.intermediate(), shape.vocabulary(),
                    shape.positions(), weights.values().size()}) {
                out.writeInt(size);
            }
            for (final Map.Entry<String, float[]> parameter : weights.values().entrySet()) {
                out.writeUTF(parameter.getKey());
                final long[] dims = weights.shapes().get(parameter.getKey());
                out.writeInt(dims.length);
                for (final long d : dims) {
                    out.writeLong(d);
                }
                final ByteBuffer bytes = ByteBuffer.allocate(parameter.getValue().length * 4).order(ByteOrder.LITTLE_ENDIAN);
                bytes.asFloatBuffer().put(parameter.getValue());
                out.write(bytes.array());
            }
        }
    }

    public static BertWeights read(final Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not a nifi-dq fine-tuned network");
            }
            final BertShape shape;
            try {
                shape = new BertShape(in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt());
            } catch (final IllegalArgumentException e) {
                throw new IOException(file + " is corrupt: " + e.getMessage(), e);
            }
            final int count = in.readInt();
            final Map<String, float[]> values = new LinkedHashMap<>();
            final Map<String, long[]> shapes = new LinkedHashMap<>();
            for (int p = 0; p < count; p++) {
                final String name = in.readUTF();
                final long[] dims = new long[in.readInt()];
                long size = 1;
                for (int d = 0; d < dims.length; d++) {
                    dims[d] = in.readLong();
                    size *= dims[d];
                }
                if (dims.length > 2 || size < 1 || size > Integer.MAX_VALUE / 4) {
                    throw new IOException(file + " is corrupt: the parameter " + name + " has the shape " + java.util.Arrays.toString(dims));
                }
                final byte[] bytes = new byte[(int) size * 4];
                in.readFully(bytes);
                final float[] floats = new float[(int) size];
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(floats);
                values.put(name, floats);
                shapes.put(name, dims);
            }
            if (in.read() != -1) {
                throw new IOException(file + " is longer than its " + count + " parameters");
            }
            for (final String name : BertNetwork.parameterNames(shape)) {
                if (!values.containsKey(name)) {
                    throw new IOException(file + " lacks the parameter " + name + " of a BERT of " + shape);
                }
            }
            if (!values.containsKey(BertNetwork.CLASSIFIER_WEIGHT) || !values.containsKey(BertNetwork.CLASSIFIER_BIAS)) {
                throw new IOException(file + " has no classification head");
            }
            return new BertWeights(shape, values, shapes);
        } catch (final EOFException e) {
            throw new IOException(file + " is truncated", e);
        }
    }
}
