package io.nifidq.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The example flow "train and serve" (docs/flows/train-and-serve.json): GetFile -> TrainClassifier publishes model
 * versions into the model folder; a DjlTextClassifierService serves the newest to GetFile -> ClassifyText.
 */
public final class TrainServeFlow extends ImportedFlow {

    public static final String DEFINITION_FILE = "train-and-serve.json";
    public static final String GROUP_NAME = "train and serve";

    // Component names in the flow definition.
    public static final String TRAIN = "Train classifier";
    public static final String CLASSIFY = "Classify text";
    public static final String WRITE_REPORTS = "Write training reports";
    public static final String WRITE_CLASSIFIED = "Write classified files";
    public static final String WRITE_FAILURES = "Write failures";
    public static final String CLASSIFIER_SERVICE = "Text classifier (latest model)";

    /** The flow's folders: training input, models, reports, input to classify, classified output, failures. */
    public record Folders(Path trainInput, Path models, Path reports, Path classifyInput, Path classified, Path failure) {

        public static Folders under(final Path base) {
            final Path root = base.toAbsolutePath().normalize();
            return new Folders(root.resolve("train-input"), root.resolve("models"), root.resolve("reports"), root.resolve("classify-input"),
                    root.resolve("classified"), root.resolve("failure"));
        }

        Map<String, Path> byParameter() {
            final Map<String, Path> folders = new LinkedHashMap<>();
            folders.put("train.input.directory", trainInput);
            folders.put("model.directory", models);
            folders.put("report.directory", reports);
            folders.put("classify.input.directory", classifyInput);
            folders.put("classified.directory", classified);
            folders.put("failure.directory", failure);
            return folders;
        }
    }

    private final Folders folders;

    private TrainServeFlow(final NiFiRestClient client, final String groupId, final Folders folders) {
        super(client, groupId, GROUP_NAME);
        this.folders = folders;
    }

    public static TrainServeFlow importFlow(final NiFiRestClient client, final Path flowsDirectory, final Folders folders)
            throws IOException {
        return importFlow(client, flowsDirectory, folders, false);
    }

    /** As {@link #importFlow(NiFiRestClient, Path, Folders)}, reusing a group of the same name when {@code reuse} is set. */
    public static TrainServeFlow importFlow(final NiFiRestClient client, final Path flowsDirectory, final Folders folders, final boolean reuse)
            throws IOException {
        return new TrainServeFlow(client, uploadOrReuse(client, flowsDirectory.resolve(DEFINITION_FILE), GROUP_NAME, folders.byParameter(),
                Map.of(), reuse), folders);
    }

    public Folders folders() {
        return folders;
    }

    /** Files dropped with {@link #drop} go to training; use {@link #dropToClassify} for the other input. */
    @Override
    Path input() {
        return folders.trainInput();
    }

    /** Copies {@code file} into the classify input folder under {@code name}, atomically. */
    public Path dropToClassify(final Path file, final String name) throws IOException {
        return dropInto(folders.classifyInput(), file, name);
    }
}
