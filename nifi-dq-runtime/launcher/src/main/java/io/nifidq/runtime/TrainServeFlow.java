package io.nifidq.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The example flow "train and serve" (docs/flows/train-and-serve.json): GetFile feeds the same training files to two
 * TrainClassifiers, the n-gram model (the default fastText-style) and the encoder model (Model Type Pretrained Encoder),
 * each publishing model versions into its own folder; a DjlTextClassifierService per folder serves the newest to its
 * ClassifyText, and GetFile feeds the same files to classify to both.
 */
public final class TrainServeFlow extends ImportedFlow<TrainServeFlow.Folders> {

    public static final String DEFINITION_FILE = "train-and-serve.json";
    public static final String GROUP_NAME = "train and serve";
    private static final Definition DEFINITION = new Definition(DEFINITION_FILE, GROUP_NAME);

    // Component names in the flow definition: the two GetFiles that feed both branches...
    public static final String READ_TRAINING = "Read training files";
    public static final String READ_TO_CLASSIFY = "Read files to classify";
    // ... the n-gram model's branch...
    public static final String TRAIN = "Train classifier";
    public static final String CLASSIFY = "Classify text";
    public static final String WRITE_REPORTS = "Write training reports";
    public static final String WRITE_CLASSIFIED = "Write classified files";
    public static final String WRITE_FAILURES = "Write failures";
    public static final String CLASSIFIER_SERVICE = "Text classifier (latest model)";
    // ... and the encoder model's.
    public static final String TRAIN_ENCODER = "Train encoder classifier";
    public static final String CLASSIFY_ENCODER = "Classify text (encoder model)";
    public static final String WRITE_ENCODER_REPORTS = "Write encoder training reports";
    public static final String WRITE_ENCODER_CLASSIFIED = "Write encoder classified files";
    public static final String WRITE_ENCODER_FAILURES = "Write encoder failures";
    public static final String ENCODER_CLASSIFIER_SERVICE = "Text classifier (latest encoder model)";

    /** The flow's two models, each a branch of its own: training, reports, model service, classification, failures. */
    public enum Model {
        NGRAM("the n-gram model (fastText-style)", "", TRAIN, WRITE_REPORTS, CLASSIFY, WRITE_CLASSIFIED, WRITE_FAILURES, CLASSIFIER_SERVICE),
        ENCODER("the encoder model (Pretrained Encoder)", "encoder.", TRAIN_ENCODER, WRITE_ENCODER_REPORTS, CLASSIFY_ENCODER,
                WRITE_ENCODER_CLASSIFIED, WRITE_ENCODER_FAILURES, ENCODER_CLASSIFIER_SERVICE);

        private final String description;
        private final String parameterPrefix;
        private final String train;
        private final String writeReports;
        private final String classify;
        private final String writeClassified;
        private final String writeFailures;
        private final String service;

        Model(final String description, final String parameterPrefix, final String train, final String writeReports, final String classify,
              final String writeClassified, final String writeFailures, final String service) {
            this.description = description;
            this.parameterPrefix = parameterPrefix;
            this.train = train;
            this.writeReports = writeReports;
            this.classify = classify;
            this.writeClassified = writeClassified;
            this.writeFailures = writeFailures;
            this.service = service;
        }

        /** e.g. "the encoder model (Pretrained Encoder)". */
        public String description() {
            return description;
        }

        public String train() {
            return train;
        }

        public String writeReports() {
            return writeReports;
        }

        public String classify() {
            return classify;
        }

        public String writeClassified() {
            return writeClassified;
        }

        public String writeFailures() {
            return writeFailures;
        }

        /** The model service: it cannot enable before the model's first version exists. */
        public String service() {
            return service;
        }

        /** Every processor and service of this model's branch (the GetFiles are shared). */
        List<String> components() {
            return List.of(train, writeReports, classify, writeClassified, writeFailures, service);
        }
    }

    /** The model services of the flow: each enables once its model's first version exists. */
    public static final Set<String> MODEL_SERVICES = Stream.of(Model.values()).map(Model::service).collect(Collectors.toUnmodifiableSet());

    /** One model's folders: its versions, its training reports, what its ClassifyText wrote, its failures. */
    public record ModelFolders(Path models, Path reports, Path classified, Path failure) {
    }

    /** The flow's folders: training input, input to classify, and each model's own folders. */
    public record Folders(Path trainInput, Path classifyInput, ModelFolders ngram, ModelFolders encoder) implements ImportedFlow.Folders {

        public static Folders under(final Path base) {
            final Path root = base.toAbsolutePath().normalize();
            return new Folders(root.resolve("train-input"), root.resolve("classify-input"),
                    new ModelFolders(root.resolve("models"), root.resolve("reports"), root.resolve("classified"), root.resolve("failure")),
                    new ModelFolders(root.resolve("encoder-models"), root.resolve("encoder-reports"), root.resolve("encoder-classified"),
                            root.resolve("encoder-failure")));
        }

        /** Files dropped with {@link TrainServeFlow#drop} go to training; {@link TrainServeFlow#dropToClassify} feeds the other input. */
        @Override
        public Path input() {
            return trainInput;
        }

        public ModelFolders of(final Model model) {
            return model == Model.NGRAM ? ngram : encoder;
        }

        /** The n-gram model's versions. */
        public Path models() {
            return ngram.models();
        }

        /** The n-gram model's training reports. */
        public Path reports() {
            return ngram.reports();
        }

        /** What the n-gram model's ClassifyText wrote. */
        public Path classified() {
            return ngram.classified();
        }

        /** The n-gram model's failures. */
        public Path failure() {
            return ngram.failure();
        }

        @Override
        public Map<String, Path> byParameter() {
            final Map<String, Path> folders = new LinkedHashMap<>();
            folders.put("train.input.directory", trainInput);
            folders.put("classify.input.directory", classifyInput);
            for (final Model model : Model.values()) {
                final ModelFolders own = of(model);
                folders.put(model.parameterPrefix + "model.directory", own.models());
                folders.put(model.parameterPrefix + "report.directory", own.reports());
                folders.put(model.parameterPrefix + "classified.directory", own.classified());
                folders.put(model.parameterPrefix + "failure.directory", own.failure());
            }
            return folders;
        }
    }

    private TrainServeFlow(final NiFiRestClient client, final String groupId, final Folders folders) {
        super(client, groupId, GROUP_NAME, folders);
    }

    /** Uploads the whole flow definition, both models. */
    public static TrainServeFlow importFlow(final NiFiRestClient client, final Path flowsDirectory, final Folders folders)
            throws IOException {
        return importFlow(client, flowsDirectory, folders, false);
    }

    /** As {@link #importFlow(NiFiRestClient, Path, Folders)}, reusing a group of the same name when {@code reuse} is set. */
    public static TrainServeFlow importFlow(final NiFiRestClient client, final Path flowsDirectory, final Folders folders, final boolean reuse)
            throws IOException {
        return importFlow(client, flowsDirectory, DEFINITION, folders, Map.of(), reuse, TrainServeFlow::new);
    }

    /**
     * Uploads the flow definition with only the branches of {@code models}: a test about one model does not wait for the
     * other to train on its data.
     */
    public static TrainServeFlow importFlow(final NiFiRestClient client, final Path flowsDirectory, final Folders folders,
                                            final Set<Model> models) throws IOException {
        return importFlow(client, flowsDirectory, folders, models, UnaryOperator.identity());
    }

    /** As {@link #importFlow(NiFiRestClient, Path, Folders, Set)}, the definition then changed by {@code edit} (e.g. for a cluster). */
    public static TrainServeFlow importFlow(final NiFiRestClient client, final Path flowsDirectory, final Folders folders,
                                            final Set<Model> models, final UnaryOperator<FlowDefinition> edit) throws IOException {
        final List<String> leftOut = new ArrayList<>();
        EnumSet.complementOf(EnumSet.copyOf(models)).forEach(model -> leftOut.addAll(model.components()));
        return importFlow(client, flowsDirectory, DEFINITION, folders, Map.of(), false,
                definition -> edit.apply(definition.withoutComponents(leftOut)), TrainServeFlow::new);
    }

    /** The models whose branch the group has (a group kept from before the encoder model has only the n-gram one). */
    public List<Model> models() {
        return Stream.of(Model.values()).filter(model -> hasProcessor(model.train())).toList();
    }

    /** Copies {@code file} into the classify input folder under {@code name}, atomically. */
    public Path dropToClassify(final Path file, final String name) throws IOException {
        return dropInto(folders().classifyInput(), file, name);
    }
}
