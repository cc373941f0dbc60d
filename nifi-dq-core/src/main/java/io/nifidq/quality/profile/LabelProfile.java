package io.nifidq.quality.profile;

import io.nifidq.quality.hash.Hashing;
import io.nifidq.quality.profile.ProfileOutput.Part;
import io.nifidq.quality.profile.ProfileReport.LabelReport;
import io.nifidq.quality.profile.ProfileReport.ValueCount;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The class-label field: counts per spelling (exact, up to {@link #MAX_SPELLINGS}), classes as
 * canonical spellings (trimmed, lower case), imbalance, entropy, and identical texts with different labels.
 */
final class LabelProfile {

    static final int MAX_SPELLINGS = 10_000;

    private final String field;
    private final ProfileSettings settings;
    private final Map<String, Long> spellingCounts = new LinkedHashMap<>();
    private final Map<String, Integer> classCodes = new HashMap<>();
    /** Class code per spelling as it arrived, so that each record's label is canonicalised once per spelling, not per record. */
    private final Map<String, Integer> classCodeBySpelling = new HashMap<>();
    private final List<String> classNames = new ArrayList<>();
    private final LabelConflicts conflicts = new LabelConflicts();
    private final LabelNoiseCheck noiseCheck;
    private final ExampleRecords examples;
    private long labelled;
    private long missing;
    private long untracked;

    LabelProfile(final String field, final ProfileSettings settings, final ExampleRecords examples) {
        this.field = field;
        this.settings = settings;
        this.examples = examples;
        this.noiseCheck = new LabelNoiseCheck(settings.labelNoiseScorer());
    }

    /** Adds a record's label and, when it has one, its text (for conflicts). */
    void add(final Object labelValue, final String text) {
        final String label = labelValue == null ? null : labelValue.toString();
        if (label == null || label.isBlank() || settings.isNullToken(label.strip())) {
            missing++;
            return;
        }
        addSpelling(label, 1);
        if (text != null) {
            Integer code = classCodeBySpelling.get(label);
            if (code == null) {
                code = classCode(Frequencies.canonical(label));
                if (classCodeBySpelling.size() < MAX_SPELLINGS) {
                    classCodeBySpelling.put(label, code);
                }
            }
            final int earlier = conflicts.add(Hashing.hash64(text), code);
            if (earlier != LabelConflicts.NONE) {
                examples.labelConflict(text, label, classNames.get(earlier));
            }
            noiseCheck.add(text, code);
        }
    }

    private void addSpelling(final String label, final long records) {
        labelled += records;
        final Long current = spellingCounts.get(label);
        if (current != null) {
            spellingCounts.put(label, current + records);
        } else if (spellingCounts.size() < MAX_SPELLINGS) {
            spellingCounts.put(label, records);
        } else {
            untracked += records;
        }
    }

    private int classCode(final String canonical) {
        return classCodes.computeIfAbsent(canonical, name -> {
            classNames.add(name);
            return classNames.size() - 1;
        });
    }

    void merge(final LabelProfile other) {
        missing += other.missing;
        other.spellingCounts.forEach(this::addSpelling);
        labelled += other.untracked;
        untracked += other.untracked;
        conflicts.merge(other.conflicts, code -> classCode(other.classNames.get(code)));
        noiseCheck.merge(other.noiseCheck, code -> classCode(other.classNames.get(code)));
    }

    /** Writes the label counts and classes, then the label-conflict table and the label-noise sample, each a part of its own. */
    void writeTo(final ProfileOutput out) throws IOException {
        out.part(Part.LABELS);
        out.writeLong(labelled);
        out.writeLong(missing);
        out.writeLong(untracked);
        out.writeInt(spellingCounts.size());
        for (final Map.Entry<String, Long> spelling : spellingCounts.entrySet()) {
            out.writeString(spelling.getKey());
            out.writeLong(spelling.getValue());
        }
        out.writeStrings(classNames);
        out.part(Part.LABEL_CONFLICTS);
        conflicts.writeTo(out);
        out.part(Part.LABEL_NOISE_SAMPLE);
        noiseCheck.writeTo(out);
    }

    /** Reads what {@link #writeTo} wrote into this new, empty label profile. */
    void readFrom(final ProfileInput in) throws IOException {
        in.part(Part.LABELS);
        labelled = in.readNonNegative("the labelled records");
        missing = in.readNonNegative("the records without a label");
        untracked = in.readNonNegative("the labels not tracked");
        final int spellings = in.readCount("label spellings", MAX_SPELLINGS, 12);
        for (int i = 0; i < spellings; i++) {
            final String spelling = in.readString();
            if (spelling == null || spellingCounts.put(spelling, in.readNonNegative("a label's count")) != null) {
                throw in.corrupt("a label spelling is missing or comes twice");
            }
        }
        for (final String name : in.readStrings("classes", Integer.MAX_VALUE)) {
            if (name == null || classCode(name) != classNames.size() - 1) {
                throw in.corrupt("a class name is missing or comes twice");
            }
        }
        in.part(Part.LABEL_CONFLICTS);
        conflicts.readFrom(in, classNames.size());
        in.part(Part.LABEL_NOISE_SAMPLE);
        noiseCheck.readFrom(in, classNames.size());
    }

    long variantRecords() {
        return Frequencies.variants(spellings()).nonDominantValues();
    }

    long conflictingRecords() {
        return conflicts.conflictingRecords();
    }

    long labelled() {
        return labelled;
    }

    /** Heap held to find identical texts with different labels (grows with the distinct texts). */
    long conflictTableBytes() {
        return conflicts.bytes();
    }

    long labelNoiseSampleBytes() {
        return noiseCheck.bytes();
    }

    /** Records per class, keyed by the canonical spelling, most frequent first. */
    Map<String, Long> classCounts() {
        final Map<String, Long> counts = new HashMap<>();
        spellingCounts.forEach((spelling, count) -> counts.merge(Frequencies.canonical(spelling), count, Long::sum));
        final Map<String, Long> ordered = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(entry -> ordered.put(entry.getKey(), entry.getValue()));
        return ordered;
    }

    /** Normalised Shannon entropy of the class distribution: 1 for equal classes, 0 for a single class. */
    double normalizedEntropy() {
        final Map<String, Long> classes = classCounts();
        if (classes.size() < 2) {
            return 0.0;
        }
        final double total = classes.values().stream().mapToLong(Long::longValue).sum();
        double entropy = 0;
        for (final long count : classes.values()) {
            final double p = count / total;
            entropy -= p * Math.log(p);
        }
        return entropy / Math.log(classes.size());
    }

    private ProfileReport.LabelNoise labelNoise(final LabelNoiseCheck.Estimate estimate) {
        return estimate == null ? null : new ProfileReport.LabelNoise(estimate.checked(), estimate.suspects(),
                Rounding.round(estimate.ratio()), noiseCheck.sampleLimit(), estimate.model(), estimate.encoder());
    }

    private List<ValueCount> spellings() {
        return spellingCounts.entrySet().stream().map(e -> new ValueCount(e.getKey(), e.getValue())).toList();
    }

    /** The suspected label errors of the last {@link #report()}, as examples with the given and the suggested class. */
    List<ProfileReport.Example> suspectedLabelErrors() {
        return noiseCheck.suspects().stream().limit(ExampleRecords.PER_KIND)
                .map(s -> new ProfileReport.Example(null, ExampleRecords.cut(noiseCheck.text(s.index()), ExampleRecords.MAX_CHARS),
                        ExampleRecords.cut(classNames.get(s.givenLabel()), ExampleRecords.MAX_LABEL_CHARS),
                        ExampleRecords.cut(classNames.get(s.predictedLabel()), ExampleRecords.MAX_LABEL_CHARS)))
                .toList();
    }

    LabelReport report() {
        final Frequencies.Variants variants = Frequencies.variants(spellings());
        final Map<String, String> dominantSpelling = new HashMap<>();
        spellings().stream().sorted(Comparator.comparingLong(ValueCount::count).reversed().thenComparing(ValueCount::value))
                .forEach(v -> dominantSpelling.putIfAbsent(Frequencies.canonical(v.value()), v.value()));
        final Map<String, Long> classes = classCounts();
        final List<ValueCount> classList = classes.entrySet().stream()
                .map(e -> new ValueCount(dominantSpelling.get(e.getKey()), e.getValue())).toList();
        final double imbalance = classes.isEmpty() ? 0.0
                : (double) classList.getFirst().count() / classList.getLast().count();
        return new LabelReport(field, labelled, missing, classes.size(), classList, Rounding.round(imbalance),
                Rounding.round(normalizedEntropy()), variants.groups(), variants.nonDominantValues(),
                conflicts.conflictingTexts(), conflicts.conflictingRecords(), conflicts.repeatedTexts(), untracked > 0,
                labelNoise(noiseCheck.estimate()));
    }
}
