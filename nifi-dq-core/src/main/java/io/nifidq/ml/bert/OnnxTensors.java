package io.nifidq.ml.bert;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The weights of a BERT exported to ONNX, read straight from the file's protobuf (ModelProto, field by field: no ONNX or
 * protobuf library is needed for the few messages involved). Each float initializer comes under its own name; a weight
 * stored quantised ({@code N_quantized}, {@code N_scale}, {@code N_zero_point}, as ONNX Runtime's dynamic quantisation
 * writes them) is dequantised to {@code (q - zeroPoint) * scale}, per tensor or per output column. The matrices of the
 * graph's MatMul nodes carry generated names ({@code onnx::MatMul_1525}); they are named after the node instead
 * ({@code encoder.layer.0.attention.self.query.weight}), in ONNX's {@code [in, out]} layout. The integer constants the
 * graph feeds its attention reshapes are kept too: they tell the attention's head count.
 */
public final class OnnxTensors {

    /** A float tensor: row-major data and its shape. */
    public record Tensor(long[] shape, float[] data) {
    }

    private static final int FLOAT = 1;
    private static final int UINT8 = 2;
    private static final int INT8 = 3;
    private static final int INT32 = 6;
    private static final int INT64 = 7;

    private final Map<String, Tensor> floats;
    private final Map<String, long[]> integers;
    private final Map<String, List<String>> concatInputs;

    private OnnxTensors(final Map<String, Tensor> floats, final Map<String, long[]> integers,
                        final Map<String, List<String>> concatInputs) {
        this.floats = floats;
        this.integers = integers;
        this.concatInputs = concatInputs;
    }

    /** Reads the weights of an ONNX file; a file that is not an ONNX model with initializers fails naming it. */
    public static OnnxTensors read(final Path file) throws IOException {
        final ByteBuffer bytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()).order(ByteOrder.LITTLE_ENDIAN);
        }
        try {
            return parse(bytes);
        } catch (final RuntimeException e) {
            throw new IOException(file + " is not a readable ONNX model: " + e.getMessage(), e);
        }
    }

    /** The tensor of the given name, dequantised when stored quantised; null when the file has none. */
    public Tensor get(final String name) {
        return floats.get(name);
    }

    /**
     * The attention's head count, read from the first layer's reshape of the hidden states to {@code [batch, length, heads,
     * headSize]} (a Concat of two computed sizes and two constants); 0 when the graph has no such reshape.
     */
    public int attentionHeads(final int hiddenSize) {
        return concatInputs.entrySet().stream()
                .filter(concat -> concat.getKey().startsWith("/encoder/layer.0/attention/self/") && concat.getValue().size() == 4)
                .sorted(Map.Entry.comparingByKey())
                .mapToInt(concat -> {
                    final long[] heads = integers.get(concat.getValue().get(2));
                    final long[] size = integers.get(concat.getValue().get(3));
                    return heads != null && size != null && heads.length == 1 && size.length == 1 && heads[0] * size[0] == hiddenSize
                            ? (int) heads[0] : 0;
                })
                .filter(heads -> heads > 0)
                .findFirst().orElse(0);
    }

    private static OnnxTensors parse(final ByteBuffer model) {
        ByteBuffer graph = null;
        final Wire wire = new Wire(model);
        while (wire.more()) {
            final int field = wire.tag();
            if (field == 7 && wire.type() == 2) {
                graph = wire.message();
            } else {
                wire.skip();
            }
        }
        if (graph == null) {
            throw new IllegalArgumentException("no graph");
        }
        final Map<String, RawTensor> initializers = new HashMap<>();
        final Map<String, String> matMulNames = new HashMap<>();
        final Map<String, long[]> integers = new HashMap<>();
        final Map<String, List<String>> concatInputs = new HashMap<>();
        final Wire g = new Wire(graph);
        while (g.more()) {
            final int field = g.tag();
            if (field == 5 && g.type() == 2) {
                final RawTensor tensor = RawTensor.parse(g.message());
                initializers.put(tensor.name, tensor);
            } else if (field == 1 && g.type() == 2) {
                readNode(g.message(), matMulNames, integers, concatInputs);
            } else {
                g.skip();
            }
        }
        if (initializers.isEmpty()) {
            throw new IllegalArgumentException("the graph has no initializers (weights stored outside the file are not read)");
        }
        final Map<String, Tensor> floats = new LinkedHashMap<>();
        for (final RawTensor tensor : initializers.values()) {
            final String stored = tensor.name;
            if (tensor.type == FLOAT && !stored.endsWith("_scale")) {
                floats.put(matMulNames.getOrDefault(stored, stored), tensor.floats());
            } else if (stored.endsWith("_quantized")) {
                final String base = stored.substring(0, stored.length() - "_quantized".length());
                final RawTensor scale = initializers.get(base + "_scale");
                final RawTensor zeroPoint = initializers.get(base + "_zero_point");
                if (scale != null && zeroPoint != null) {
                    floats.put(matMulNames.getOrDefault(stored, matMulNames.getOrDefault(base, base)),
                            dequantise(tensor, scale, zeroPoint));
                }
            }
        }
        for (final RawTensor tensor : initializers.values()) {
            if ((tensor.type == INT64 || tensor.type == INT32) && !tensor.name.endsWith("_zero_point")) {
                integers.putIfAbsent(tensor.name, tensor.longs());
            }
        }
        return new OnnxTensors(floats, integers, concatInputs);
    }

    /** Names a MatMul's weight after the node's output (".../query/MatMul_output_0" gives "...query.weight"); keeps Constants and Concats. */
    private static void readNode(final ByteBuffer node, final Map<String, String> matMulNames, final Map<String, long[]> integers,
                                 final Map<String, List<String>> concatInputs) {
        final List<String> inputs = new ArrayList<>();
        final List<String> outputs = new ArrayList<>();
        String op = "";
        RawTensor value = null;
        final Wire n = new Wire(node);
        while (n.more()) {
            final int field = n.tag();
            if (field == 1 && n.type() == 2) {
                inputs.add(n.string());
            } else if (field == 2 && n.type() == 2) {
                outputs.add(n.string());
            } else if (field == 4 && n.type() == 2) {
                op = n.string();
            } else if (field == 5 && n.type() == 2) {
                value = attributeTensor(n.message());
            } else {
                n.skip();
            }
        }
        if ((op.equals("MatMul") || op.equals("MatMulInteger")) && inputs.size() >= 2 && !outputs.isEmpty()) {
            final String out = outputs.get(0);
            final int cut = out.lastIndexOf("/MatMul");
            if (out.startsWith("/") && cut > 0) {
                matMulNames.put(inputs.get(1), out.substring(1, cut).replace('/', '.') + ".weight");
            }
        } else if (op.equals("Constant") && value != null && (value.type == INT64 || value.type == INT32) && !outputs.isEmpty()) {
            integers.put(outputs.get(0), value.longs());
        } else if (op.equals("Concat") && !outputs.isEmpty()) {
            concatInputs.put(outputs.get(0), inputs);
        }
    }

    private static RawTensor attributeTensor(final ByteBuffer attribute) {
        final Wire a = new Wire(attribute);
        RawTensor tensor = null;
        while (a.more()) {
            final int field = a.tag();
            if (field == 5 && a.type() == 2) {
                tensor = RawTensor.parse(a.message());
            } else {
                a.skip();
            }
        }
        return tensor;
    }

    private static Tensor dequantise(final RawTensor quantised, final RawTensor scale, final RawTensor zeroPoint) {
        final float[] scales = scale.floats().data();
        final long[] zeros = zeroPoint.longs();
        final long[] q = quantised.longs();
        final long[] shape = quantised.shape;
        final int columns = shape.length == 0 ? 1 : (int) shape[shape.length - 1];
        if (scales.length != 1 && scales.length != columns || zeros.length != scales.length) {
            throw new IllegalArgumentException("the quantised tensor " + quantised.name + " has " + scales.length
                    + " scales for " + columns + " columns");
        }
        final float[] data = new float[q.length];
        for (int i = 0; i < q.length; i++) {
            final int k = scales.length == 1 ? 0 : i % columns;
            data[i] = (q[i] - zeros[k]) * scales[k];
        }
        return new Tensor(shape, data);
    }

    /** One TensorProto as stored: raw little-endian bytes or the typed repeated fields. */
    private static final class RawTensor {
        private final List<Long> dims = new ArrayList<>();
        private long[] shape;
        private int type;
        private String name = "";
        private ByteBuffer raw;
        private final List<Float> floatData = new ArrayList<>();
        private final List<Long> integerData = new ArrayList<>();

        static RawTensor parse(final ByteBuffer message) {
            final RawTensor t = new RawTensor();
            final Wire w = new Wire(message);
            while (w.more()) {
                final int field = w.tag();
                switch (field) {
                    case 1 -> w.varints(t.dims);
                    case 2 -> t.type = (int) w.varint();
                    case 4 -> w.floats(t.floatData);
                    case 5, 7 -> w.varints(t.integerData);
                    case 8 -> t.name = w.string();
                    case 9 -> t.raw = w.message().order(ByteOrder.LITTLE_ENDIAN);
                    case 14 -> {
                        if (w.varint() == 1) {
                            throw new IllegalArgumentException("the tensor " + t.name + " is stored in an external file");
                        }
                    }
                    default -> w.skip();
                }
            }
            t.shape = t.dims.stream().mapToLong(Long::longValue).toArray();
            return t;
        }

        private int count() {
            long count = 1;
            for (final long d : shape) {
                count *= d;
            }
            return Math.toIntExact(count);
        }

        Tensor floats() {
            final float[] data = new float[count()];
            if (raw != null) {
                raw.asFloatBuffer().get(data);
            } else {
                for (int i = 0; i < data.length; i++) {
                    data[i] = floatData.get(i);
                }
            }
            return new Tensor(shape, data);
        }

        long[] longs() {
            final long[] data = new long[count()];
            for (int i = 0; i < data.length; i++) {
                if (raw == null) {
                    data[i] = integerData.get(i);
                } else {
                    data[i] = switch (type) {
                        case UINT8 -> Byte.toUnsignedInt(raw.get(i));
                        case INT8 -> raw.get(i);
                        case INT32 -> raw.getInt(i * 4);
                        case INT64 -> raw.getLong(i * 8);
                        default -> throw new IllegalArgumentException("the tensor " + name + " has the unsupported type " + type);
                    };
                }
            }
            return data;
        }
    }

    /** Protobuf's wire format: tags, varints, length-delimited fields, packed repeated fields. */
    private static final class Wire {
        private final ByteBuffer buffer;
        private int type;

        Wire(final ByteBuffer buffer) {
            this.buffer = buffer;
        }

        boolean more() {
            return buffer.hasRemaining();
        }

        int tag() {
            final long key = varint();
            type = (int) (key & 7);
            return (int) (key >>> 3);
        }

        int type() {
            return type;
        }

        long varint() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                final byte b = buffer.get();
                result |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    return result;
                }
            }
            throw new IllegalArgumentException("a malformed varint");
        }

        ByteBuffer message() {
            final int length = Math.toIntExact(varint());
            final ByteBuffer slice = buffer.slice(buffer.position(), length).order(ByteOrder.LITTLE_ENDIAN);
            buffer.position(buffer.position() + length);
            return slice;
        }

        String string() {
            final ByteBuffer bytes = message();
            final byte[] array = new byte[bytes.remaining()];
            bytes.get(array);
            return new String(array, java.nio.charset.StandardCharsets.UTF_8);
        }

        void varints(final List<Long> into) {
            if (type == 2) {
                final Wire packed = new Wire(message());
                while (packed.more()) {
                    into.add(packed.varint());
                }
            } else {
                into.add(varint());
            }
        }

        void floats(final List<Float> into) {
            if (type == 2) {
                final ByteBuffer packed = message();
                while (packed.remaining() >= 4) {
                    into.add(packed.getFloat());
                }
            } else {
                into.add(Float.intBitsToFloat(buffer.getInt()));
            }
        }

        void skip() {
            switch (type) {
                case 0 -> varint();
                case 1 -> buffer.position(buffer.position() + 8);
                case 2 -> message();
                case 5 -> buffer.position(buffer.position() + 4);
                default -> throw new IllegalArgumentException("an unsupported wire type " + type);
            }
        }
    }
}
