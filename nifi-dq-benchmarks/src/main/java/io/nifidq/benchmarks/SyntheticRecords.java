package io.nifidq.benchmarks;

import io.nifidq.quality.profile.RecordView;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded synthetic records for the memory benchmark, as strings the way a CSVReader hands them over. One view is
 * reused: {@link #next()} fills it with the next record, so the generator itself holds no per-record memory.
 */
final class SyntheticRecords implements RecordView {

    /** The record shapes. */
    enum Shape {
        /** The 15 UCI Adult columns with similar value ranges and about 2% "?" in three categorical columns. */
        ADULT_LIKE,
        /** An SMS-like text of 3 to 30 words from a 5,000-word vocabulary, and a ham/spam label (13% spam). */
        TEXT_WITH_LABEL
    }

    private static final List<String> ADULT_FIELDS = List.of("age", "workclass", "fnlwgt", "education", "education_num",
            "marital_status", "occupation", "relationship", "race", "sex", "capital_gain", "capital_loss", "hours_per_week",
            "native_country", "income");
    private static final List<String> TEXT_FIELDS = List.of("text", "label");
    private static final String[] WORKCLASS = {"Private", "Self-emp-not-inc", "Self-emp-inc", "Federal-gov", "Local-gov",
            "State-gov", "Without-pay", "Never-worked"};
    private static final String[] EDUCATION = {"Bachelors", "Some-college", "11th", "HS-grad", "Prof-school", "Assoc-acdm",
            "Assoc-voc", "9th", "7th-8th", "12th", "Masters", "1st-4th", "10th", "Doctorate", "5th-6th", "Preschool"};
    private static final String[] MARITAL = {"Married-civ-spouse", "Divorced", "Never-married", "Separated", "Widowed",
            "Married-spouse-absent", "Married-AF-spouse"};
    private static final String[] OCCUPATION = {"Tech-support", "Craft-repair", "Other-service", "Sales", "Exec-managerial",
            "Prof-specialty", "Handlers-cleaners", "Machine-op-inspct", "Adm-clerical", "Farming-fishing", "Transport-moving",
            "Priv-house-serv", "Protective-serv", "Armed-Forces"};
    private static final String[] RELATIONSHIP = {"Wife", "Own-child", "Husband", "Not-in-family", "Other-relative", "Unmarried"};
    private static final String[] RACE = {"White", "Asian-Pac-Islander", "Amer-Indian-Eskimo", "Other", "Black"};
    private static final String[] COUNTRY = {"United-States", "Mexico", "Philippines", "Germany", "Canada", "India", "England",
            "Cuba", "Jamaica", "South", "China", "Italy", "Dominican-Republic", "Vietnam", "Guatemala", "Japan", "Poland"};
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ne", "so", "ta", "ru", "pe", "di", "vo", "an", "el", "is",
            "or", "un", "ba", "ce", "fu", "gi", "ho"};
    private static final int VOCABULARY_SIZE = 5_000;

    private final Shape shape;
    private final SplittableRandom random;
    private final String[] vocabulary;
    private final Map<String, Object> values = new HashMap<>();

    SyntheticRecords(final Shape shape, final long seed) {
        this.shape = shape;
        this.random = new SplittableRandom(seed);
        this.vocabulary = shape == Shape.TEXT_WITH_LABEL ? vocabulary(new SplittableRandom(seed ^ 0x5deece66dL)) : null;
    }

    /** Fills this view with the next record and returns it. */
    RecordView next() {
        if (shape == Shape.ADULT_LIKE) {
            nextAdult();
        } else {
            nextText();
        }
        return this;
    }

    @Override
    public List<String> fieldNames() {
        return shape == Shape.ADULT_LIKE ? ADULT_FIELDS : TEXT_FIELDS;
    }

    @Override
    public Object value(final String field) {
        return values.get(field);
    }

    private void nextAdult() {
        final int education = random.nextInt(EDUCATION.length);
        values.put("age", Integer.toString(17 + (int) Math.min(73, Math.abs(random.nextGaussian() * 14 + 21))));
        values.put("workclass", maybeMissing(WORKCLASS[skewed(WORKCLASS.length)]));
        values.put("fnlwgt", Integer.toString(12_285 + random.nextInt(1_472_420)));
        values.put("education", EDUCATION[education]);
        values.put("education_num", Integer.toString(education + 1));
        values.put("marital_status", MARITAL[skewed(MARITAL.length)]);
        values.put("occupation", maybeMissing(OCCUPATION[random.nextInt(OCCUPATION.length)]));
        values.put("relationship", RELATIONSHIP[random.nextInt(RELATIONSHIP.length)]);
        values.put("race", RACE[skewed(RACE.length)]);
        values.put("sex", random.nextInt(3) == 0 ? "Female" : "Male");
        values.put("capital_gain", random.nextInt(12) == 0 ? Integer.toString(random.nextInt(100_000)) : "0");
        values.put("capital_loss", random.nextInt(20) == 0 ? Integer.toString(random.nextInt(4_357)) : "0");
        values.put("hours_per_week", Integer.toString(1 + random.nextInt(99)));
        values.put("native_country", maybeMissing(COUNTRY[skewed(COUNTRY.length)]));
        values.put("income", random.nextInt(4) == 0 ? ">50K" : "<=50K");
    }

    private void nextText() {
        final int words = 3 + random.nextInt(28);
        final StringBuilder text = new StringBuilder(words * 7);
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(vocabulary[skewed(VOCABULARY_SIZE)]);
        }
        values.put("text", text.toString());
        values.put("label", random.nextInt(100) < 13 ? "spam" : "ham");
    }

    /** An index in [0, n) that favours small ones, like the long-tailed categories of real data. */
    private int skewed(final int n) {
        final double u = random.nextDouble();
        return (int) (n * u * u * u);
    }

    private String maybeMissing(final String value) {
        return random.nextInt(50) == 0 ? "?" : value;
    }

    private static String[] vocabulary(final SplittableRandom random) {
        final String[] words = new String[VOCABULARY_SIZE];
        for (int i = 0; i < words.length; i++) {
            final int syllables = 1 + random.nextInt(4);
            final StringBuilder word = new StringBuilder();
            for (int s = 0; s < syllables; s++) {
                word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            words[i] = word.toString();
        }
        return words;
    }
}
