package io.nifidq.bench.thesis;

import io.nifidq.bench.degrade.LabelledTable;
import io.nifidq.quality.profile.DatasetProfile;
import io.nifidq.quality.profile.ProfileReport;
import io.nifidq.quality.profile.ProfileSettings;
import io.nifidq.quality.profile.RecordView;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** (text, label) rows of a split file, and what the benchmark does with them besides training: sample and profile. */
record LabelledRows(List<String> texts, List<String> labels) {

    static final String TEXT = "text";
    static final String LABEL = "label";
    private static final List<String> FIELDS = List.of(TEXT, LABEL);

    LabelledRows {
        if (texts.size() != labels.size()) {
            throw new IllegalArgumentException(texts.size() + " texts but " + labels.size() + " labels");
        }
    }

    static LabelledRows of(final LabelledTable table) {
        final int text = table.column(TEXT);
        final int label = table.column(LABEL);
        final List<String> texts = new ArrayList<>(table.rows().size());
        final List<String> labels = new ArrayList<>(table.rows().size());
        for (final List<String> row : table.rows()) {
            texts.add(row.get(text));
            labels.add(row.get(label));
        }
        return new LabelledRows(texts, labels);
    }

    int size() {
        return texts.size();
    }

    /** A table in the degradation tool's shape (header text,label), so that the tool corrupts exactly these rows. */
    LabelledTable toTable(final LabelledTable.Format format) {
        final List<List<String>> rows = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            rows.add(new ArrayList<>(List.of(texts.get(i), labels.get(i))));
        }
        return new LabelledTable(format, FIELDS, rows);
    }

    /**
     * At most max rows, drawn per class in proportion to its size (stratified) with a seeded shuffle, in their original
     * order: a large split is cut to what the time budget allows without changing its class balance.
     */
    LabelledRows stratifiedSample(final int max, final long seed) {
        if (size() <= max) {
            return this;
        }
        final Map<String, List<Integer>> byClass = new LinkedHashMap<>();
        for (int i = 0; i < size(); i++) {
            byClass.computeIfAbsent(labels.get(i), l -> new ArrayList<>()).add(i);
        }
        final SplittableRandom random = new SplittableRandom(seed);
        final List<Integer> chosen = new ArrayList<>(max);
        for (final List<Integer> members : byClass.values()) {
            final int take = (int) Math.max(1, Math.round((double) max * members.size() / size()));
            final List<Integer> shuffled = new ArrayList<>(members);
            for (int i = shuffled.size() - 1; i > 0; i--) {
                Collections.swap(shuffled, i, random.nextInt(i + 1));
            }
            chosen.addAll(shuffled.subList(0, Math.min(take, shuffled.size())));
        }
        Collections.sort(chosen);
        final List<String> sampledTexts = new ArrayList<>(chosen.size());
        final List<String> sampledLabels = new ArrayList<>(chosen.size());
        for (final int i : chosen) {
            sampledTexts.add(texts.get(i));
            sampledLabels.add(labels.get(i));
        }
        return new LabelledRows(sampledTexts, sampledLabels);
    }

    /** The rows whose text is not among the other rows' texts, in order. */
    LabelledRows excluding(final LabelledRows other) {
        final java.util.Set<String> taken = new java.util.HashSet<>(other.texts());
        final List<String> keptTexts = new ArrayList<>();
        final List<String> keptLabels = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            if (!taken.contains(texts.get(i))) {
                keptTexts.add(texts.get(i));
                keptLabels.add(labels.get(i));
            }
        }
        return new LabelledRows(keptTexts, keptLabels);
    }

    /** ProfileQuality's profile of the rows (Text Field text, Label Field label, its other defaults). */
    ProfileReport profile() {
        return profile(ProfileSettings.defaults(TEXT, LABEL));
    }

    /** The rows' profile with these settings (a label-noise check of another model, say). */
    ProfileReport profile(final ProfileSettings settings) {
        final DatasetProfile profile = new DatasetProfile(settings);
        for (int i = 0; i < size(); i++) {
            final Map<String, String> values = new LinkedHashMap<>();
            values.put(TEXT, texts.get(i));
            values.put(LABEL, labels.get(i));
            profile.add(RecordView.of(values));
        }
        return profile.report();
    }
}
