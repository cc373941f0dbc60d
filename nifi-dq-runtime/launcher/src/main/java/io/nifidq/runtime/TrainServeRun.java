package io.nifidq.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifidq.runtime.TrainServeFlow.Model;
import io.nifidq.runtime.TrainServeFlow.ModelFolders;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The third part of the main job: the "train and serve" example flow. Two TrainClassifiers, the n-gram model and the
 * encoder model, train on the records the clean flow kept and AugmentText rebalanced; each model service loads its
 * published model, and each ClassifyText labels the original sample. Prints both evaluation reports side by side.
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
        final List<Model> models = flow.models();
        // The model services cannot enable before a model exists: each is enabled once its TrainClassifier has published one.
        flow.enableServicesExcept(TrainServeFlow.MODEL_SERVICES, Duration.ofSeconds(60));
        flow.awaitValidated(Duration.ofSeconds(60));
        flow.startProcessors();
        announceStarted(TrainServeFlow.GROUP_NAME, flows.resolve(TrainServeFlow.DEFINITION_FILE),
                "training " + (models.size() == 1 ? "the n-gram model" : "the n-gram model and the encoder model") + " on the cleaned, rebalanced records");
        if (!models.contains(Model.ENCODER)) {
            out.println("The kept flow '" + TrainServeFlow.GROUP_NAME + "' was imported before the example had an encoder model; ./dq run --reset"
                    + " imports the current one.");
        }
        final String trainingName = "augmented-" + name;
        flow.drop(trainingFile, trainingName);

        final Map<Model, JsonNode> reports = new EnumMap<>(Model.class);
        final Map<Model, String> failures = new EnumMap<>(Model.class);
        for (final Model model : models) {
            final ModelFolders folders = flow.folders().of(model);
            ImportedFlow.await(TIMEOUT, model.description() + "'s training report (or a failure)",
                    () -> Files.exists(folders.reports().resolve(trainingName)) || Files.exists(folders.failure().resolve(trainingName)));
            if (Files.exists(folders.reports().resolve(trainingName))) {
                // Written by PutFile in one piece: the provenance event says it was sent whole.
                new ProvenanceSearch(client).awaitEventFor(flow.processorId(model.writeReports()), "SEND", trainingName, Duration.ofSeconds(60));
                reports.put(model, NiFiRestClient.json().readTree(folders.reports().resolve(trainingName).toFile()));
            } else {
                failures.put(model, new ProvenanceSearch(client)
                        .awaitEventFor(flow.processorId(model.writeFailures()), "SEND", trainingName, Duration.ofSeconds(60)).attribute("dq.error"));
            }
        }

        for (final Model model : reports.keySet()) {
            flow.enableService(model.service(), TIMEOUT);
        }
        flow.startProcessors();
        final Map<Model, ProvenanceSearch.Event> classified = new EnumMap<>(Model.class);
        if (!reports.isEmpty()) {
            flow.dropToClassify(toClassify, name);
            for (final Model model : reports.keySet()) {
                final Path output = flow.folders().of(model).classified().resolve(name);
                ImportedFlow.await(TIMEOUT, output + " written", () -> Files.exists(output));
                classified.put(model, new ProvenanceSearch(client).awaitEventFor(flow.processorId(model.writeClassified()), "SEND", name,
                        Duration.ofSeconds(60)));
            }
        }

        for (final Model model : models) {
            out.println();
            out.println("== Train and serve: " + model.description() + " ==");
            if (failures.containsKey(model)) {
                out.println("Training failed  " + failures.get(model));
            } else {
                report(model, reports.get(model), classified.get(model), flow.folders().of(model), flow.folders().trainInput(), name);
            }
        }
        if (reports.size() == 2) {
            sideBySide(reports.get(Model.NGRAM), reports.get(Model.ENCODER));
        }
        return flow;
    }

    private void report(final Model model, final JsonNode report, final ProvenanceSearch.Event sent, final ModelFolders folders,
                        final Path trainInput, final String name) throws IOException {
        final JsonNode training = report.path("training");
        final JsonNode splits = report.path("splits");
        out.printf(Locale.ROOT, "Trained          %s on %d records (train %d, validation %d, test %d) in %.1f s on %s, %d epochs%n",
                report.path("model").path("version").asText(), report.path("records").path("used").asInt(), splits.path("train").asInt(),
                splits.path("validation").asInt(), splits.path("test").asInt(), training.path("totalSeconds").asDouble(),
                training.path("device").asText(), training.path("epochs").asInt());
        final JsonNode encoder = training.path("encoder");
        if (!encoder.isMissingNode()) {
            final double seconds = encoder.path("embeddingSeconds").asDouble();
            final long texts = encoder.path("embeddedTexts").asLong();
            out.printf(Locale.ROOT, "Encoder          %s (%d dimensions, fingerprint %s...), head %s%n", encoder.path("name").asText(),
                    encoder.path("dimension").asInt(), abbreviate(encoder.path("fingerprint").asText()), encoder.path("head").asText());
            out.printf(Locale.ROOT, "Embedded         %d texts (%d truncated) in %.1f s%s%n", texts, encoder.path("truncatedTexts").asLong(), seconds,
                    seconds > 0 ? String.format(Locale.ROOT, ", %.0f texts/s", texts / seconds) : "");
        }
        out.printf(Locale.ROOT, "Evaluated on     the %s split: macro-F1 %.4f, accuracy %.4f%n", report.path("evaluatedOn").asText(),
                report.path("macroAvg").path("f1").asDouble(), report.path("accuracy").asDouble());
        report.path("text").asText().lines().forEach(line -> out.println("  " + line));
        final Map<String, String> attributes = sent.attributes();
        out.println("Classified       " + attributes.get("record.count") + " records of " + name + " with model "
                + attributes.get("dq.model.version") + " on " + attributes.get("dq.model.device") + " -> " + folders.classified().resolve(name));
        final String version = report.path("model").path("version").asText();
        out.println("Models           " + folders.models() + " (" + version + " is LATEST; drop another labelled CSV into "
                + trainInput + " and the service switches to the next version)");
        out.println("Outputs");
        listFolder(out, "reports", folders.reports());
        listFolder(out, "classified", folders.classified());
        listFolder(out, "failure", folders.failure());
    }

    private void sideBySide(final JsonNode ngram, final JsonNode encoder) {
        out.println();
        out.println("== Train and serve: side by side ==");
        out.printf(Locale.ROOT, "  %-9s %-9s %-9s %-12s %s%n", "model", "macro-F1", "accuracy", "test split", "training time");
        row("n-gram", ngram);
        row("encoder", encoder);
        out.println("  (the same records, seed and split settings; on a test split this small the difference says little)");
    }

    private void row(final String label, final JsonNode report) {
        out.printf(Locale.ROOT, "  %-9s %-9.4f %-9.4f %-12s %.1f s%n", label, report.path("macroAvg").path("f1").asDouble(),
                report.path("accuracy").asDouble(), report.path("splits").path("test").asInt() + " records",
                report.path("training").path("totalSeconds").asDouble());
    }

    private static String abbreviate(final String fingerprint) {
        return fingerprint.length() > 12 ? fingerprint.substring(0, 12) : fingerprint;
    }
}
