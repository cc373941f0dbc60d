package io.nifidq.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The example flow "train and serve" (docs/flows/train-and-serve.json): GetFile -> TrainClassifier publishes model
 * versions into the model folder; a DjlTextClassifierService serves the newest to GetFile -> ClassifyText.
 */
public final class TrainServeFlow extends ImportedFlow<TrainServeFlow.Folders> {

    public static final String DEFINITION_FILE = "train-and-serve.json";
    public static final String GROUP_NAME = "train and serve";
    private static final Definition DEFINITION = new Definition(DEFINITION_FILE, GROUP_NAME);

    // Component names in the flow definition.
    public static final String TRAIN = "Train classifier";
    public static final String CLASSIFY = "Classify text";
    public static final String WRITE_REPORTS = "Write training reports";
    public static final String WRITE_CLASSIFIED = "Write classified files";
    public static final String WRITE_FAILURES = "Write failures";
    public static final String CLASSIFIER_SERVICE = "Text classifier (latest model)";

    /** The flow's folders: training input, models, reports, input to classify, classified output, failures. */
    public record Folders(Path trainInput, Path models, Path reports, Path classifyInput, Path classified, Path failure)
            implements ImportedFlow.Folders {

        public static Folders under(final Path base) {
            final Path root = base.toAbsolutePath().normalize();
            return new Folders(root.resolve("train-input"), root.resolve("models"), root.resolve("reports"), root.resolve("classify-input"),
                    root.resolve("classified"), root.resolve("failure"));
        }

        /** Files dropped with {@link TrainServeFlow#drop} go to training; {@link TrainServeFlow#dropToClassify} feeds the other input. */
        @Override
        public Path input() {
            return trainInput;
        }

        @Override
        public Map<String, Path> byParameter() {
            return Map.of("train.input.directory", trainInput, "model.directory", models, "report.directory", reports,
                    "classify.input.directory", classifyInput, "classified.directory", classified,
                    "failure.directory", failure);
        }
    }

    private TrainServeFlow(final NiFiRestClient client, final String groupId, final Folders folders) {
        super(client, groupId, GROUP_NAME, folders);
    }

    public static TrainServeFlow importFlow(final NiFiRestClient client, final Path flowsDirectory, final Folders folders)
            throws IOException {
        return importFlow(client, flowsDirectory, folders, false);
    }

    /** As {@link #importFlow(NiFiRestClient, Path, Folders)}, reusing a group of the same name when {@code reuse} is set. */
    public static TrainServeFlow importFlow(final NiFiRestClient client, final Path flowsDirectory, final Folders folders, final boolean reuse)
            throws IOException {
        return importFlow(client, flowsDirectory, DEFINITION, folders, Map.of(), reuse, TrainServeFlow::new);
    }

    /** Copies {@code file} into the classify input folder under {@code name}, atomically. */
    public Path dropToClassify(final Path file, final String name) throws IOException {
        return dropInto(folders().classifyInput(), file, name);
    }
}
