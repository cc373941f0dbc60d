package io.nifidq.bench.degrade;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Applies one named, seeded corruption to a labelled table. The same table, corruption, strength and seed give the same
 * output, on any JVM ({@link SplittableRandom} is specified). The number of records touched is
 * {@code round(strength * records)} (for {@link Corruption#CLASS_IMBALANCE}: {@code round(strength * records of the
 * class)}); text corruptions only pick records with a non-blank text, so they touch fewer when there are not enough.
 */
public final class Degrader {

    private final String textField;
    private final String labelField;
    private final String imbalanceClass;

    /**
     * @param textField      the text column (the shared data sets: {@code text})
     * @param labelField     the label column ({@code label})
     * @param imbalanceClass the class that {@link Corruption#CLASS_IMBALANCE} thins out; null: the smallest class
     */
    public Degrader(final String textField, final String labelField, final String imbalanceClass) {
        this.textField = textField;
        this.labelField = labelField;
        this.imbalanceClass = imbalanceClass;
    }

    public Degradation apply(final LabelledTable input, final Corruption corruption, final double strength, final long seed) {
        if (!(strength >= 0.0 && strength <= 1.0)) {
            throw new IllegalArgumentException("Strength must be between 0 and 1, not " + strength);
        }
        final int text = input.column(textField);
        final int label = input.column(labelField);
        final List<List<String>> rows = new ArrayList<>(input.rows().size());
        for (final List<String> row : input.rows()) {
            rows.add(new ArrayList<>(row));
        }
        final LabelledTable table = new LabelledTable(input.format(), input.header(), rows);
        final SplittableRandom random = new SplittableRandom(seed);
        final int wanted = (int) Math.round(strength * rows.size());
        return switch (corruption) {
            case LABEL_NOISE, LABEL_NOISE_CLASS -> flipLabels(table, label, wanted, corruption == Corruption.LABEL_NOISE, random);
            case EMPTY_TEXT -> emptyTexts(table, text, wanted, random);
            case EXACT_DUPLICATES -> addDuplicates(table, text, wanted, random, UnaryOperator.identity(), "exactDuplicatesAdded");
            case NEAR_DUPLICATES -> addDuplicates(table, text, wanted, random, t -> TextDamage.nearDuplicate(t, random),
                    "nearDuplicatesAdded");
            case CLASS_IMBALANCE -> dropClassShare(table, label, strength, random);
            case MOJIBAKE -> editTexts(table, text, wanted, random, TextDamage::mojibake, "textsMojibaked");
            case CONTROL_CHARS -> editTexts(table, text, wanted, random, t -> TextDamage.controlChars(t, random),
                    "textsWithControlChars");
            case HTML_ENTITIES -> editTexts(table, text, wanted, random, TextDamage::htmlEntities, "textsWithHtmlEntities");
            case LABEL_SPELLINGS -> respellLabels(table, label, wanted, random);
        };
    }

    private static Degradation flipLabels(final LabelledTable table, final int label, final int wanted, final boolean uniform,
                                          final SplittableRandom random) {
        final List<String> classes = List.copyOf(new TreeSet<>(table.rows().stream().map(r -> r.get(label)).toList()));
        if (classes.size() < 2) {
            throw new IllegalArgumentException("Label noise needs at least two classes; found " + classes);
        }
        final int[] chosen = choose(allRows(table), wanted, random);
        final Map<String, Long> flips = new TreeMap<>();
        for (final int row : chosen) {
            final String given = table.rows().get(row).get(label);
            final int index = classes.indexOf(given);
            final String noisy = uniform
                    ? classes.get((index + 1 + random.nextInt(classes.size() - 1)) % classes.size())
                    : classes.get((index + 1) % classes.size());
            table.rows().get(row).set(label, noisy);
            flips.merge(given + " -> " + noisy, 1L, Long::sum);
        }
        final Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("labelsFlipped", (long) chosen.length);
        flips.forEach((pair, count) -> counts.put("flipped " + pair, count));
        return new Degradation(table, counts, sorted(chosen), "output");
    }

    private static Degradation emptyTexts(final LabelledTable table, final int text, final int wanted, final SplittableRandom random) {
        final int[] chosen = choose(nonBlankTexts(table, text), wanted, random);
        long missing = 0;
        for (int i = 0; i < chosen.length; i++) {
            // Alternately a missing value (an empty field) and a blank one (only whitespace).
            final boolean empty = i % 2 == 0;
            table.rows().get(chosen[i]).set(text, empty ? "" : " ".repeat(1 + random.nextInt(3)));
            missing += empty ? 1 : 0;
        }
        final Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("textsEmptied", (long) chosen.length);
        counts.put("textsMissing", missing);
        counts.put("textsBlank", chosen.length - missing);
        return new Degradation(table, counts, sorted(chosen), "output");
    }

    private static Degradation addDuplicates(final LabelledTable table, final int text, final int wanted,
                                             final SplittableRandom random, final UnaryOperator<String> edit, final String key) {
        final int[] sources = nonBlankTexts(table, text);
        if (sources.length == 0 && wanted > 0) {
            throw new IllegalArgumentException("No record with a text to duplicate");
        }
        final List<List<String>> rows = table.rows();
        final int n = rows.size();
        // Each copy goes before the original row at a random position (n: at the end); ties keep the order of drawing.
        final List<Map.Entry<Integer, List<String>>> copies = new ArrayList<>(wanted);
        for (int i = 0; i < wanted; i++) {
            final List<String> copy = new ArrayList<>(rows.get(sources[random.nextInt(sources.length)]));
            copy.set(text, edit.apply(copy.get(text)));
            copies.add(Map.entry(random.nextInt(n + 1), copy));
        }
        copies.sort(Comparator.comparing(Map.Entry::getKey));
        final List<List<String>> merged = new ArrayList<>(n + wanted);
        final List<Integer> added = new ArrayList<>(wanted);
        int next = 0;
        for (int row = 0; row <= n; row++) {
            while (next < copies.size() && copies.get(next).getKey() == row) {
                added.add(merged.size());
                merged.add(copies.get(next++).getValue());
            }
            if (row < n) {
                merged.add(rows.get(row));
            }
        }
        rows.clear();
        rows.addAll(merged);
        return new Degradation(table, new LinkedHashMap<>(Map.of(key, (long) wanted)), added, "output");
    }

    private Degradation dropClassShare(final LabelledTable table, final int label, final double strength,
                                       final SplittableRandom random) {
        final Map<String, Integer> sizes = new TreeMap<>();
        table.rows().forEach(r -> sizes.merge(r.get(label), 1, Integer::sum));
        final String target = imbalanceClass != null ? imbalanceClass
                : sizes.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
        if (!sizes.containsKey(target)) {
            throw new IllegalArgumentException("No record of class '" + target + "'; classes: " + sizes.keySet());
        }
        final int[] members = allRows(table).length == 0 ? new int[0]
                : Arrays.stream(allRows(table)).filter(i -> table.rows().get(i).get(label).equals(target)).toArray();
        final int[] dropped = sorted(choose(members, (int) Math.round(strength * members.length), random)).stream()
                .mapToInt(Integer::intValue).toArray();
        for (int i = dropped.length - 1; i >= 0; i--) {
            table.rows().remove(dropped[i]);
        }
        final Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("rowsDropped", (long) dropped.length);
        counts.put("classBefore " + target, (long) members.length);
        counts.put("classAfter " + target, (long) (members.length - dropped.length));
        return new Degradation(table, counts, Arrays.stream(dropped).boxed().toList(), "input");
    }

    private static Degradation editTexts(final LabelledTable table, final int text, final int wanted, final SplittableRandom random,
                                         final UnaryOperator<String> edit, final String key) {
        final int[] chosen = choose(nonBlankTexts(table, text), wanted, random);
        for (final int row : chosen) {
            table.rows().get(row).set(text, edit.apply(table.rows().get(row).get(text)));
        }
        final Map<String, Long> counts = new LinkedHashMap<>();
        counts.put(key, (long) chosen.length);
        if (chosen.length < wanted) {
            counts.put("requested", (long) wanted);
        }
        return new Degradation(table, counts, sorted(chosen), "output");
    }

    private static Degradation respellLabels(final LabelledTable table, final int label, final int wanted,
                                             final SplittableRandom random) {
        final int[] candidates = Arrays.stream(allRows(table)).filter(i -> !table.rows().get(i).get(label).isBlank()).toArray();
        final int[] chosen = choose(candidates, wanted, random);
        final Map<String, Long> spellings = new TreeMap<>();
        for (final int row : chosen) {
            final String given = table.rows().get(row).get(label);
            final List<String> variants = variants(given);
            final String respelled = variants.get(random.nextInt(variants.size()));
            table.rows().get(row).set(label, respelled);
            spellings.merge("'" + given + "' -> '" + respelled + "'", 1L, Long::sum);
        }
        final Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("labelsRespelled", (long) chosen.length);
        spellings.forEach((pair, count) -> counts.put("respelled " + pair, count));
        return new Degradation(table, counts, sorted(chosen), "output");
    }

    /** Other spellings of a label that a case- and whitespace-insensitive comparison would take for the same class. */
    static List<String> variants(final String label) {
        final String title = label.isEmpty() ? label
                : label.substring(0, 1).toUpperCase(Locale.ROOT) + label.substring(1).toLowerCase(Locale.ROOT);
        final TreeSet<String> variants = new TreeSet<>(List.of(label.toUpperCase(Locale.ROOT), label.toLowerCase(Locale.ROOT), title,
                " " + label, label + " ", " " + label + " "));
        variants.remove(label);
        return List.copyOf(variants);
    }

    private static int[] allRows(final LabelledTable table) {
        final int[] all = new int[table.rows().size()];
        Arrays.setAll(all, i -> i);
        return all;
    }

    private static int[] nonBlankTexts(final LabelledTable table, final int text) {
        return Arrays.stream(allRows(table)).filter(i -> !table.rows().get(i).get(text).isBlank()).toArray();
    }

    /** min(count, candidates) distinct candidates, by a partial Fisher-Yates shuffle of a copy. */
    private static int[] choose(final int[] candidates, final int count, final SplittableRandom random) {
        final int[] pool = candidates.clone();
        final int take = Math.min(count, pool.length);
        for (int i = 0; i < take; i++) {
            final int j = i + random.nextInt(pool.length - i);
            final int swap = pool[i];
            pool[i] = pool[j];
            pool[j] = swap;
        }
        return Arrays.copyOf(pool, take);
    }

    private static List<Integer> sorted(final int[] rows) {
        return Arrays.stream(rows).sorted().boxed().toList();
    }
}
