package io.nifidq.ml.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.nifidq.ml.features.FeaturizerSettings;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The files of one model version inside its directory (the directory itself, its version number,
 * metadata and atomic publication belong to {@code io.nifidq.ml.model.ModelStore}):
 * <ul>
 *   <li>{@value #PARAMETERS}: a header (magic, {@value #FORMAT_VERSION}) then every parameter of the
 *   {@link HashedTextNetwork} in DJL's own parameter encoding, in the block's order;</li>
 *   <li>{@value #NETWORK}: the {@link NetworkSpec} to rebuild the block;</li>
 *   <li>{@value #FEATURIZER}: the {@link FeaturizerSettings} and the hash version;</li>
 *   <li>{@value #LABELS}: the label names, index = class id.</li>
 * </ul>
 */
public final class ModelFiles {

    public static final String PARAMETERS = "parameters.djl";
    public static final String NETWORK = "network.json";
    public static final String FEATURIZER = "featurizer.json";
    public static final String LABELS = "labels.json";
    /** Bumped when the layout of these files changes; a loader refuses other versions. */
    public static final int FORMAT_VERSION = 1;

    private static final int MAGIC = 0x4E444D31; // "NDM1"
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelFiles() {
    }

    /** JSON form of the featurizer settings (with the hash version). */
    public record FeaturizerFile(int hashVersion, FeaturizerSettings settings) {
    }

    /** Writes the four files into {@code dir}, which must exist. */
    public static void write(final Path dir, final NetworkWeights weights, final FeaturizerSettings featurizer,
                             final List<String> labels) throws IOException {
        if (labels.size() != weights.spec().classes()) {
            throw new IllegalArgumentException(labels.size() + " labels for a network of " + weights.spec().classes() + " classes");
        }
        JSON.writeValue(dir.resolve(NETWORK).toFile(), weights.spec());
        JSON.writeValue(dir.resolve(FEATURIZER).toFile(), new FeaturizerFile(FeaturizerSettings.HASH_VERSION, featurizer));
        JSON.writeValue(dir.resolve(LABELS).toFile(), labels);
        final HashedTextNetwork network = new HashedTextNetwork(weights.spec());
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu(), DjlEngine.ENGINE_NAME);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve(PARAMETERS)), 1 << 16))) {
            network.setWeights(manager, weights);
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            for (final Pair<String, Parameter> p : network.getParameters()) {
                out.writeUTF(p.getKey());
                p.getValue().save(out);
            }
        }
    }

    public static NetworkSpec readSpec(final Path dir) throws IOException {
        return JSON.readValue(dir.resolve(NETWORK).toFile(), NetworkSpec.class);
    }

    public static FeaturizerSettings readFeaturizer(final Path dir) throws IOException {
        final FeaturizerFile file = JSON.readValue(dir.resolve(FEATURIZER).toFile(), FeaturizerFile.class);
        if (file.hashVersion() != FeaturizerSettings.HASH_VERSION) {
            throw new IOException("model featurizer hash version " + file.hashVersion() + " is not supported (this build: "
                    + FeaturizerSettings.HASH_VERSION + ")");
        }
        return file.settings();
    }

    public static List<String> readLabels(final Path dir) throws IOException {
        return Arrays.asList(JSON.readValue(dir.resolve(LABELS).toFile(), String[].class));
    }

    /** Builds the network of {@code dir} and loads its parameters onto the manager's device. */
    public static HashedTextNetwork readNetwork(final Path dir, final NDManager manager) throws IOException {
        final HashedTextNetwork network = new HashedTextNetwork(readSpec(dir));
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(dir.resolve(PARAMETERS)), 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(dir.resolve(PARAMETERS) + " is not a nifi-dq parameter file");
            }
            final int format = in.readInt();
            if (format != FORMAT_VERSION) {
                throw new IOException("model format " + format + " is not supported (this build: " + FORMAT_VERSION + ")");
            }
            for (final Pair<String, Parameter> p : network.getParameters()) {
                final String name = in.readUTF();
                if (!name.equals(p.getKey())) {
                    throw new IOException("expected parameter " + p.getKey() + " but found " + name);
                }
                p.getValue().load(manager, in);
            }
        } catch (final MalformedModelException e) {
            throw new IOException("malformed parameters in " + dir, e);
        }
        return network;
    }
}
