package io.nifidq.ml.encoder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What an encoder directory holds and how its output becomes a sentence vector, stored as {@value #FILE_NAME} beside
 * {@value #MODEL_FILE} and {@value #TOKENIZER_FILE}. An admin writes one for an own model, e.g. a BERT, RoBERTa or
 * MiniLM exported from Hugging Face:
 * <pre>{@code
 * {
 *   "name": "my-minilm",
 *   "pooling": "MEAN",
 *   "normalize": true,
 *   "maxLength": 256,
 *   "hiddenSize": 384,
 *   "files": { "model.onnx": "<sha256>", "tokenizer.json": "<sha256>" }
 * }
 * }</pre>
 *
 * @param name        the encoder's name (the directory's name when the descriptor has none)
 * @param description where it comes from, its licence (free text, optional)
 * @param pooling     CLS or MEAN
 * @param normalize   whether sentence vectors are scaled to unit length
 * @param maxLength   the most tokens a text is given, special tokens included; longer texts are truncated and counted
 * @param hiddenSize  the length of a sentence vector, checked against the graph's output
 * @param output      the graph output holding the tokens' hidden states {@code [batch, length, hiddenSize]}
 * @param files       SHA-256 (lower-case hex) by file name; must list {@value #MODEL_FILE} and {@value #TOKENIZER_FILE}
 */
public record EncoderDescriptor(String name, String description, Pooling pooling, boolean normalize, int maxLength, int hiddenSize,
                                String output, Map<String, String> files) {

    public static final String FILE_NAME = "encoder.json";
    public static final String MODEL_FILE = "model.onnx";
    public static final String TOKENIZER_FILE = "tokenizer.json";
    public static final String DEFAULT_OUTPUT = "last_hidden_state";

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** A plain file name: the descriptor cannot point outside its directory. */
    private static final Pattern PLAIN_FILE_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    public EncoderDescriptor {
        // Sorted, so that the fingerprint and the written file do not depend on the JVM (Map.copyOf's order does).
        files = files == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(files));
        output = output == null || output.isBlank() ? DEFAULT_OUTPUT : output;
    }

    /** Reads and checks {@value #FILE_NAME} of an encoder directory. */
    public static EncoderDescriptor read(final Path directory) throws EncoderException {
        final Path file = directory.resolve(FILE_NAME);
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, directory.toString(), fallbackName(directory));
        } catch (final NoSuchFileException e) {
            throw new EncoderException("The encoder directory " + directory + " is incomplete: " + FILE_NAME + " is missing", e);
        } catch (final EncoderException e) {
            throw e;
        } catch (final IOException e) {
            throw new EncoderException("The encoder directory " + directory + " is unreadable: " + FILE_NAME + ": " + e.getMessage(), e);
        }
    }

    /** Parses and checks a descriptor; {@code where} names its directory or resource in messages. */
    static EncoderDescriptor parse(final InputStream in, final String where, final String fallbackName) throws EncoderException {
        final EncoderDescriptor read;
        try {
            read = JSON.readValue(in, EncoderDescriptor.class);
        } catch (final JsonProcessingException e) {
            throw new EncoderException("The encoder in " + where + " has an invalid " + FILE_NAME + ": " + e.getOriginalMessage(), e);
        } catch (final IOException e) {
            throw new EncoderException("The encoder in " + where + " has an unreadable " + FILE_NAME + ": " + e.getMessage(), e);
        }
        if (read == null) {
            throw new EncoderException("The encoder in " + where + " has an empty " + FILE_NAME);
        }
        final EncoderDescriptor descriptor = read.name() == null || read.name().isBlank() ? read.withName(fallbackName) : read;
        descriptor.check(where);
        return descriptor;
    }

    private EncoderDescriptor withName(final String newName) {
        return new EncoderDescriptor(newName, description, pooling, normalize, maxLength, hiddenSize, output, files);
    }

    private void check(final String where) throws EncoderException {
        final String prefix = "The encoder in " + where + " has an invalid " + FILE_NAME + ": ";
        if (pooling == null) {
            throw new EncoderException(prefix + "\"pooling\" is missing (CLS or MEAN)");
        }
        if (maxLength < 2) {
            throw new EncoderException(prefix + "\"maxLength\" must be at least 2 (room for the special tokens), not " + maxLength);
        }
        if (hiddenSize < 1) {
            throw new EncoderException(prefix + "\"hiddenSize\" must be positive, not " + hiddenSize);
        }
        for (final String required : new String[] {MODEL_FILE, TOKENIZER_FILE}) {
            if (!files.containsKey(required)) {
                throw new EncoderException(prefix + "\"files\" does not list " + required + " with its SHA-256");
            }
        }
        for (final Map.Entry<String, String> file : files.entrySet()) {
            if (!PLAIN_FILE_NAME.matcher(file.getKey()).matches()) {
                throw new EncoderException(prefix + "\"" + file.getKey() + "\" is not a plain file name in the directory");
            }
            if (file.getValue() == null || !SHA256.matcher(file.getValue()).matches()) {
                throw new EncoderException(prefix + "the SHA-256 of " + file.getKey() + " is not 64 lower-case hex digits: " + file.getValue());
            }
        }
    }

    /**
     * SHA-256 over what decides the vectors: the files' checksums and the pooling settings (not the name or description).
     * A model trained on this encoder records it; one with another fingerprint must not serve that model.
     */
    public String fingerprint() {
        final StringBuilder canonical = new StringBuilder()
                .append("pooling=").append(pooling).append('\n')
                .append("normalize=").append(normalize).append('\n')
                .append("maxLength=").append(maxLength).append('\n')
                .append("hiddenSize=").append(hiddenSize).append('\n')
                .append("output=").append(output).append('\n');
        files.forEach((file, sha) -> canonical.append(sha).append("  ").append(file).append('\n'));
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** Writes this descriptor as {@value #FILE_NAME} into the directory. */
    public void write(final Path directory) throws IOException {
        JSON.writeValue(directory.resolve(FILE_NAME).toFile(), this);
    }

    private static String fallbackName(final Path directory) {
        final Path fileName = directory.toAbsolutePath().normalize().getFileName();
        return fileName == null ? "encoder" : fileName.toString();
    }
}
