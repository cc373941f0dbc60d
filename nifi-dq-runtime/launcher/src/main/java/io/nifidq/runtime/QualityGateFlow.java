package io.nifidq.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The example flow "quality gate" (docs/flows/quality-gate.json): GetFile -> ProfileQuality -> PutFile for the passed,
 * below-threshold, profile and failure outputs.
 */
public final class QualityGateFlow extends ImportedFlow<QualityGateFlow.Folders> {

    public static final String DEFINITION_FILE = "quality-gate.json";
    public static final String GROUP_NAME = "quality gate";
    private static final Definition DEFINITION = new Definition(DEFINITION_FILE, GROUP_NAME);
    public static final String PROFILE_QUALITY_TYPE = "io.nifidq.processors.profile.ProfileQuality";

    // Processor names in the flow definition.
    public static final String READ_INPUT = "Read input files";
    public static final String PROFILE_QUALITY = "Profile quality";
    public static final String WRITE_PASSED = "Write passed files";
    public static final String WRITE_PROFILES = "Write profiles";
    public static final String WRITE_BELOW_THRESHOLD = "Write files below threshold";
    public static final String WRITE_FAILURES = "Write unreadable files";

    public static final String MINIMUM_OVERALL_SCORE = "minimum.overall.score";

    /** The flow's folders, one parameter each. */
    public record Folders(Path input, Path passed, Path profile, Path belowThreshold, Path failure) implements ImportedFlow.Folders {

        public static Folders under(final Path base) {
            final Path root = base.toAbsolutePath().normalize();
            return new Folders(root.resolve("input"), root.resolve("passed"), root.resolve("profile"),
                    root.resolve("below-threshold"), root.resolve("failure"));
        }

        @Override
        public Map<String, Path> byParameter() {
            return Map.of("input.directory", input, "passed.directory", passed, "profile.directory", profile,
                    "below.threshold.directory", belowThreshold, "failure.directory", failure);
        }
    }

    private QualityGateFlow(final NiFiRestClient client, final String groupId, final Folders folders) {
        super(client, groupId, GROUP_NAME, folders);
    }

    /**
     * Uploads the flow definition under the root group with every folder parameter pointing below {@code folders},
     * creating the folders, and the gate set to {@code minimumOverallScore} (null keeps the definition's value).
     */
    public static QualityGateFlow importFlow(final NiFiRestClient client, final Path flowsDirectory, final Folders folders,
                                             final String minimumOverallScore) throws IOException {
        return importFlow(client, flowsDirectory, folders, minimumOverallScore, false);
    }

    /** As {@link #importFlow(NiFiRestClient, Path, Folders, String)}, reusing a group of the same name when {@code reuse} is set. */
    public static QualityGateFlow importFlow(final NiFiRestClient client, final Path flowsDirectory, final Folders folders,
                                             final String minimumOverallScore, final boolean reuse) throws IOException {
        return importFlow(client, flowsDirectory, DEFINITION, folders,
                minimumOverallScore == null ? Map.of() : Map.of(MINIMUM_OVERALL_SCORE, minimumOverallScore), reuse, QualityGateFlow::new);
    }

    /** Uploads the flow definition as changed by {@code edit} (e.g. where each processor runs in a cluster). */
    public static QualityGateFlow importFlow(final NiFiRestClient client, final Path flowsDirectory, final Folders folders,
                                             final String minimumOverallScore, final UnaryOperator<FlowDefinition> edit) throws IOException {
        return importFlow(client, flowsDirectory, DEFINITION, folders,
                minimumOverallScore == null ? Map.of() : Map.of(MINIMUM_OVERALL_SCORE, minimumOverallScore), false, edit, QualityGateFlow::new);
    }

    /** The flow as already imported in group {@code groupId} (e.g. after a restart of NiFi). */
    public static QualityGateFlow existing(final NiFiRestClient client, final String groupId, final Folders folders) {
        return new QualityGateFlow(client, groupId, folders);
    }
}
