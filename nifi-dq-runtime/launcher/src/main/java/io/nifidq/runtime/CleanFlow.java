package io.nifidq.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The example flow "clean and profile" (docs/flows/clean-and-profile.json): GetFile -> ProfileQuality ->
 * CleanRecords -> ProfileQuality -> PutFile, with the rejected records, the profiles and unreadable files each
 * written to their own folder, and AugmentText writing a class-balanced copy of the cleaned records. The first
 * ProfileQuality writes a JSON report and hands its baseline on the FlowFile to the second, which writes an HTML page
 * of the cleaned file against the file as it arrived.
 */
public final class CleanFlow extends ImportedFlow<CleanFlow.Folders> {

    public static final String DEFINITION_FILE = "clean-and-profile.json";
    public static final String GROUP_NAME = "clean and profile";
    private static final Definition DEFINITION = new Definition(DEFINITION_FILE, GROUP_NAME);

    // Processor names in the flow definition.
    public static final String READ_INPUT = "Read input files";
    public static final String PROFILE_BEFORE = "Profile before";
    public static final String CLEAN_RECORDS = "Clean records";
    public static final String PROFILE_AFTER = "Profile after";
    public static final String WRITE_CLEANED = "Write cleaned files";
    public static final String WRITE_REJECTED = "Write rejected records";
    public static final String WRITE_PROFILES_BEFORE = "Write profiles before";
    public static final String WRITE_PROFILES_AFTER = "Write profiles after";
    public static final String WRITE_FAILURES = "Write unreadable files";
    public static final String AUGMENT_TEXT = "Augment text";
    public static final String WRITE_AUGMENTED = "Write augmented files";

    /** The flow's folders; the JSON reports go to {@code profile/before} and the pages to {@code profile/after}. */
    public record Folders(Path input, Path cleaned, Path rejected, Path profile, Path augmented, Path failure)
            implements ImportedFlow.Folders {

        public static Folders under(final Path base) {
            final Path root = base.toAbsolutePath().normalize();
            return new Folders(root.resolve("input"), root.resolve("cleaned"), root.resolve("rejected"), root.resolve("profile"),
                    root.resolve("augmented"), root.resolve("failure"));
        }

        public Path profileBefore() {
            return profile.resolve("before");
        }

        public Path profileAfter() {
            return profile.resolve("after");
        }

        /** The JSON report of the file {@code name} as it arrived. */
        public Path reportBefore(final String name) {
            return profileBefore().resolve(name + ".profile.json");
        }

        /** The HTML page of the cleaned file {@code name}, before and after side by side. */
        public Path pageAfter(final String name) {
            return profileAfter().resolve(name + ".profile.html");
        }

        @Override
        public Map<String, Path> byParameter() {
            return Map.of("input.directory", input, "cleaned.directory", cleaned, "rejected.directory", rejected,
                    "profile.directory", profile, "augmented.directory", augmented, "failure.directory", failure);
        }
    }

    private CleanFlow(final NiFiRestClient client, final String groupId, final Folders folders) {
        super(client, groupId, GROUP_NAME, folders);
    }

    /** Uploads the flow definition under the root group with every folder parameter pointing below {@code folders}. */
    public static CleanFlow importFlow(final NiFiRestClient client, final Path flowsDirectory, final Folders folders) throws IOException {
        return importFlow(client, flowsDirectory, folders, false);
    }

    /** As {@link #importFlow(NiFiRestClient, Path, Folders)}, reusing a group of the same name when {@code reuse} is set. */
    public static CleanFlow importFlow(final NiFiRestClient client, final Path flowsDirectory, final Folders folders, final boolean reuse)
            throws IOException {
        return importFlow(client, flowsDirectory, DEFINITION, folders, Map.of(), reuse, CleanFlow::new);
    }

    /** Uploads the flow definition as changed by {@code edit} (e.g. where each processor runs in a cluster). */
    public static CleanFlow importFlow(final NiFiRestClient client, final Path flowsDirectory, final Folders folders,
                                       final UnaryOperator<FlowDefinition> edit) throws IOException {
        return importFlow(client, flowsDirectory, DEFINITION, folders, Map.of(), false, edit, CleanFlow::new);
    }
}
