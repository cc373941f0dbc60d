package io.nifidq.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What an instance home holds from an earlier {@code ./dq run} or from its user: a saved flow and the files the
 * example flows wrote under data/ (trained model versions above all). {@code ./dq run} keeps it unless asked for
 * {@code --reset}, and says which it did.
 *
 * @param savedFlow     whether NiFi saved a flow there (conf/flow.json.gz): its groups, queues and processor states
 * @param modelVersions the n-gram model versions the train-and-serve flow published (data/train-and-serve/models/v*)
 * @param encoderModelVersions the encoder model versions it published (data/train-and-serve/encoder-models/v*)
 * @param dataFiles     every file under data/ (inputs waiting, outputs, reports, models)
 */
record EarlierWork(boolean savedFlow, int modelVersions, int encoderModelVersions, long dataFiles) {

    // The example flows' folders under data/, one each.
    static final String QUALITY_GATE = "quality-gate";
    static final String CLEAN_AND_PROFILE = "clean-and-profile";
    static final String TRAIN_AND_SERVE = "train-and-serve";

    static EarlierWork in(final Path home) throws IOException {
        final Path data = dataFolder(home);
        final TrainServeFlow.Folders trainAndServe = TrainServeFlow.Folders.under(data.resolve(TRAIN_AND_SERVE));
        return new EarlierWork(Files.exists(home.resolve("conf").resolve("flow.json.gz")), count(trainAndServe.ngram().models(), "v"),
                count(trainAndServe.encoder().models(), "v"), files(data));
    }

    /** Where the example flows keep their folders, one sub-folder each. */
    static Path dataFolder(final Path home) {
        return home.resolve("data");
    }

    boolean any() {
        return savedFlow || dataFiles > 0;
    }

    /** e.g. "the saved flow, 4 model versions, 4 encoder model versions, 23 files under data/". */
    String describe() {
        final List<String> parts = new ArrayList<>();
        if (savedFlow) {
            parts.add("the saved flow (its groups, queued FlowFiles and processor states)");
        }
        parts.add(modelVersions + (modelVersions == 1 ? " model version" : " model versions"));
        parts.add(encoderModelVersions + (encoderModelVersions == 1 ? " encoder model version" : " encoder model versions"));
        parts.add(dataFiles + (dataFiles == 1 ? " file" : " files") + " under data/");
        return String.join(", ", parts);
    }

    private static int count(final Path folder, final String prefix) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return (int) entries.filter(Files::isDirectory).filter(p -> p.getFileName().toString().startsWith(prefix)).count();
        }
    }

    private static long files(final Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> entries = Files.walk(folder)) {
            return entries.filter(Files::isRegularFile).count();
        }
    }
}
