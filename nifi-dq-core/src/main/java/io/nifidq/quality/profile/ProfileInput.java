package io.nifidq.quality.profile;

import io.nifidq.quality.profile.ProfileOutput.Part;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.zip.CRC32C;

/**
 * Reads what {@link ProfileOutput} wrote, from content of a known length. Every length and count read is checked against
 * the bytes that remain before anything is allocated for it, so that a corrupt or hostile length fails with a reason
 * instead of exhausting the heap; every failure is an {@link UnreadableProfileException} that names the part being read.
 */
final class ProfileInput {

    private final DataInputStream data;
    private final long length;
    private long position;
    private Part part;

    ProfileInput(final InputStream in, final long length) {
        this.data = new DataInputStream(in);
        this.length = length;
    }

    /** Checks that the next part is the expected one. */
    void part(final Part expected) throws IOException {
        final int tag = readUnsignedByte();
        part = expected;
        if (tag != expected.tag()) {
            throw corrupt("expected the " + expected.description() + " (tag " + expected.tag() + ") but found tag " + tag);
        }
    }

    long remaining() {
        return length - position;
    }

    long position() {
        return position;
    }

    int readUnsignedByte() throws IOException {
        need(1);
        position++;
        return guard(data::readUnsignedByte);
    }

    long readLong() throws IOException {
        need(8);
        position += 8;
        return guard(data::readLong);
    }

    int readInt() throws IOException {
        need(4);
        position += 4;
        return guard(data::readInt);
    }

    /** A count of at least 0 and at most max, of items that take at least bytesEach bytes each in what remains. */
    int readCount(final String what, final int max, final int bytesEach) throws IOException {
        final int count = readInt();
        if (count < 0 || count > max) {
            throw corrupt("it declares " + count + " " + what + ", which is not between 0 and " + max);
        }
        if ((long) count * bytesEach > remaining()) {
            throw truncatedOrCorrupt("it declares " + count + " " + what + ", which do not fit the " + remaining() + " bytes that remain");
        }
        return count;
    }

    /** A count, checked against a bound and the bytes that remain. */
    long readNonNegative(final String what) throws IOException {
        final long value = readLong();
        if (value < 0) {
            throw corrupt(what + " is negative (" + value + ")");
        }
        return value;
    }

    double readDouble() throws IOException {
        need(8);
        position += 8;
        return guard(data::readDouble);
    }

    boolean readBoolean() throws IOException {
        final int value = readUnsignedByte();
        if (value > 1) {
            throw corrupt("a flag has the value " + value);
        }
        return value == 1;
    }

    String readString() throws IOException {
        final int size = readInt();
        if (size == -1) {
            return null;
        }
        return new String(readExactly(size, "a string"), StandardCharsets.UTF_8);
    }

    List<String> readStrings(final String what, final int max) throws IOException {
        final int count = readCount(what, max, 4);
        final List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(readString());
        }
        return values;
    }

    Long readOptionalLong() throws IOException {
        return readBoolean() ? readLong() : null;
    }

    byte[] readBytes(final String what) throws IOException {
        return readExactly(readInt(), what);
    }

    Union readDistinctSketch(final String what) throws IOException {
        return sketch(what, Union::heapify);
    }

    KllDoublesSketch readQuantileSketch(final String what) throws IOException {
        return sketch(what, bytes -> KllDoublesSketch.heapify(Memory.wrap(bytes)));
    }

    ItemsSketch<String> readFrequencySketch(final String what) throws IOException {
        return sketch(what, bytes -> ItemsSketch.getInstance(Memory.wrap(bytes), new ArrayOfStringsSerDe()));
    }

    /** A DataSketches sketch from its own bytes; the library's complaint about them becomes the reason. */
    private <T> T sketch(final String what, final Function<byte[], T> heapify) throws IOException {
        final byte[] bytes = readBytes("the " + what + " sketch");
        final CRC32C checksum = new CRC32C();
        checksum.update(bytes);
        if ((int) checksum.getValue() != readInt()) {
            throw corrupt("the bytes of the " + what + " sketch do not match their checksum");
        }
        try {
            return heapify.apply(bytes);
        } catch (final RuntimeException e) {
            throw corrupt("the " + what + " sketch is not a valid sketch (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    private byte[] readExactly(final int size, final String what) throws IOException {
        if (size < 0) {
            throw corrupt(what + " declares " + size + " bytes");
        }
        if (size > remaining()) {
            throw truncatedOrCorrupt(what + " declares " + size + " bytes but " + remaining() + " remain");
        }
        final byte[] bytes = new byte[size];
        position += size;
        guard(() -> {
            data.readFully(bytes);
            return bytes;
        });
        return bytes;
    }

    private void need(final int bytes) throws UnreadableProfileException {
        if (remaining() < bytes) {
            throw new UnreadableProfileException("The profile is truncated: it ends at byte " + length + " inside the "
                    + (part == null ? "header" : part.description()));
        }
    }

    /** A length beyond the end: the content was cut short, or the length is damaged. */
    private UnreadableProfileException truncatedOrCorrupt(final String reason) {
        return new UnreadableProfileException("The profile is truncated or corrupt at byte " + position + (part == null ? ""
                : " in the " + part.description()) + ": " + reason);
    }

    /** A reason for a corrupt profile, naming the part and the byte where reading stopped. */
    UnreadableProfileException corrupt(final String reason) {
        return new UnreadableProfileException("The profile is corrupt at byte " + position + (part == null ? "" : " in the "
                + part.description()) + ": " + reason);
    }

    @FunctionalInterface
    private interface Read<T> {
        T read() throws IOException;
    }

    private <T> T guard(final Read<T> read) throws IOException {
        try {
            return read.read();
        } catch (final EOFException e) {
            throw new UnreadableProfileException("The profile is truncated: its content ended before the " + length
                    + " bytes it was said to have, inside the " + (part == null ? "header" : part.description()), e);
        }
    }
}
