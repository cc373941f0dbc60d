package io.nifidq.runtime;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The third part of the main job: the "train and serve" example flow. TrainClassifier trains on the records the
 * clean flow kept and AugmentText rebalanced, the model service loads the published model, and ClassifyText labels the
 * original sample.
 */
final class TrainServeRun extends FlowRun {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    /** With {@code keep}, a group of the flow's name, its folders and the models it published are used again as they are. */
    TrainServeRun(final NiFiRestClient client, final PrintStream out, final boolean keep) {
        super(client, out, keep);
    }

    /** Trains on {@code trainingFile} and classifies {@code toClassify}, both dropped under names made from {@code name}. */
    TrainServeFlow run(final Path flows, final Path data, final Path trainingFile, final Path toClassify, final String name) throws Exception {
        clearUnlessKept(data);
        final TrainServeFlow flow = TrainServeFlow.importFlow(client, flows, TrainServeFlow.Folders.under(data), keep);
        // The model service cannot enable before a model exists: it is enabled once TrainClassifier has published one.
        flow.enableServicesExcept(java.util.Set.of(TrainServeFlow.CLASSIFIER_SERVICE), Duration.ofSeconds(60));
        flow.awaitValidated(Duration.ofSeconds(60));
        flow.startProcessors();
        announceStarted(TrainServeFlow.GROUP_NAME, flows.resolve(TrainServeFlow.DEFINITION_FILE), "training on the cleaned, rebalanced records");
        final String trainingName = "augmented-" + name;
        flow.drop(trainingFile, trainingName);
        ImportedFlow.await(TIMEOUT, "the training report (or a failure)", () -> Files.exists(flow.folders().reports().resolve(trainingName))
                || Files.exists(flow.folders().failure().resolve(trainingName)));
        if (!Files.exists(flow.folders().reports().resolve(trainingName))) {
            final ProvenanceSearch.Event failed = new ProvenanceSearch(client)
                    .awaitEventFor(flow.processorId(TrainServeFlow.WRITE_FAILURES), "SEND", trainingName, Duration.ofSeconds(60));
            out.println();
            out.println("== Train and serve ==");
            out.println("Training failed  " + failed.attribute("dq.error"));
            return flow;
        }
        final JsonNode report = NiFiRestClient.json().readTree(flow.awaitOutput(flow.folders().reports(), trainingName, TIMEOUT).toFile());

        flow.enableService(TrainServeFlow.CLASSIFIER_SERVICE, TIMEOUT);
        flow.startProcessors();
        flow.dropToClassify(toClassify, name);
        flow.awaitOutput(flow.folders().classified(), name, TIMEOUT);
        final ProvenanceSearch.Event sent = new ProvenanceSearch(client)
                .awaitEventFor(flow.processorId(TrainServeFlow.WRITE_CLASSIFIED), "SEND", name, Duration.ofSeconds(60));

        final JsonNode training = report.path("training");
        final JsonNode splits = report.path("splits");
        out.println();
        out.println("== Train and serve ==");
        out.printf(Locale.ROOT, "Trained          %s on %d records (train %d, validation %d, test %d) in %.1f s on %s, %d epochs%n",
                report.path("model").path("version").asText(), report.path("records").path("used").asInt(), splits.path("train").asInt(),
                splits.path("validation").asInt(), splits.path("test").asInt(), training.path("totalSeconds").asDouble(),
                training.path("device").asText(), training.path("epochs").asInt());
        out.printf(Locale.ROOT, "Evaluated on     the %s split: macro-F1 %.4f, accuracy %.4f%n", report.path("evaluatedOn").asText(),
                report.path("macroAvg").path("f1").asDouble(), report.path("accuracy").asDouble());
        report.path("text").asText().lines().forEach(line -> out.println("  " + line));
        final Map<String, String> classified = sent.attributes();
        out.println("Classified       " + classified.get("record.count") + " records of " + name + " with model "
                + classified.get("dq.model.version") + " on " + classified.get("dq.model.device") + " -> " + flow.folders().classified());
        final String version = report.path("model").path("version").asText();
        out.println("Models           " + flow.folders().models() + " (" + version + " is LATEST; drop another labelled CSV into "
                + flow.folders().trainInput() + " and the service switches to the next version)");
        return flow;
    }
}
