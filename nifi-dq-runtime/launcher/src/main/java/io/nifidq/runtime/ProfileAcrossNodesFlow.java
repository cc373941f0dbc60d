package io.nifidq.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The example flow "profile across nodes" (docs/flows/profile-across-nodes.json), made for a cluster: GetFile on the
 * primary node -> SplitRecord -> round robin -> ProfileQuality writing partial profiles on every node -> single node ->
 * MergeProfiles -> PutFile for the reports of whole files, and PutFile for what could not be split, profiled or merged.
 */
public final class ProfileAcrossNodesFlow extends ImportedFlow<ProfileAcrossNodesFlow.Folders> {

    public static final String DEFINITION_FILE = "profile-across-nodes.json";
    public static final String GROUP_NAME = "profile across nodes";
    private static final Definition DEFINITION = new Definition(DEFINITION_FILE, GROUP_NAME);

    // Processor names in the flow definition.
    public static final String READ_INPUT = "Read input files";
    public static final String SPLIT = "Split into parts";
    public static final String PROFILE_PARTS = "Profile parts";
    public static final String MERGE_PROFILES = "Merge profiles";
    public static final String WRITE_REPORTS = "Write reports";
    public static final String WRITE_FAILURES = "Write unreadable files";

    public static final String RECORDS_PER_SPLIT = "records.per.split";

    /** The flow's folders, one parameter each. */
    public record Folders(Path input, Path report, Path failure) implements ImportedFlow.Folders {

        public static Folders under(final Path base) {
            final Path root = base.toAbsolutePath().normalize();
            return new Folders(root.resolve("input"), root.resolve("report"), root.resolve("failure"));
        }

        @Override
        public Map<String, Path> byParameter() {
            return Map.of("input.directory", input, "report.directory", report, "failure.directory", failure);
        }
    }

    private ProfileAcrossNodesFlow(final NiFiRestClient client, final String groupId, final Folders folders) {
        super(client, groupId, GROUP_NAME, folders);
    }

    /** Uploads the flow definition with its folders below {@code folders} and parts of {@code recordsPerSplit} records. */
    public static ProfileAcrossNodesFlow importFlow(final NiFiRestClient client, final Path flowsDirectory, final Folders folders,
                                                    final int recordsPerSplit) throws IOException {
        return importFlow(client, flowsDirectory, DEFINITION, folders, Map.of(RECORDS_PER_SPLIT, Integer.toString(recordsPerSplit)), false,
                ProfileAcrossNodesFlow::new);
    }
}
