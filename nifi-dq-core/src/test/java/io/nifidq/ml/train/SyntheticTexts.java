package io.nifidq.ml.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded toy corpus: each class has its own cue words mixed into shared filler words. */
final class SyntheticTexts {

    static final String[][] CUES = {
            {"refund", "invoice", "charge", "billing", "payment"},
            {"crash", "error", "bug", "freeze", "timeout"},
            {"thanks", "great", "love", "happy", "awesome"}};
    private static final String[] FILLER = {"the", "a", "my", "is", "it", "today", "please", "again", "and", "this", "app"};

    final List<String> texts = new ArrayList<>();
    final List<String> labels = new ArrayList<>();

    SyntheticTexts(final int perClass, final int classes, final long seed) {
        final Random random = new Random(seed);
        for (int i = 0; i < perClass; i++) {
            for (int c = 0; c < classes; c++) {
                final StringBuilder text = new StringBuilder();
                for (int w = 0; w < 6 + random.nextInt(6); w++) {
                    final String[] pool = random.nextInt(3) == 0 ? CUES[c] : FILLER;
                    text.append(pool[random.nextInt(pool.length)]).append(' ');
                }
                text.append(CUES[c][random.nextInt(CUES[c].length)]);
                texts.add(text.toString());
                labels.add("class" + c);
            }
        }
    }

    TrainingData data() {
        final TrainingData data = new TrainingData();
        for (int i = 0; i < texts.size(); i++) {
            data.add(texts.get(i), labels.get(i), false, null);
        }
        return data;
    }

    /** 120 records of two classes, the label of every tenth (0, 10, 20, ...) turned to the other class. */
    static TrainingData everyTenthLabelFlipped() {
        final SyntheticTexts corpus = new SyntheticTexts(60, 2, 3L);
        final TrainingData data = new TrainingData();
        for (int i = 0; i < corpus.texts.size(); i++) {
            final String label = corpus.labels.get(i);
            data.add(corpus.texts.get(i), i % 10 == 0 ? (label.equals("class0") ? "class1" : "class0") : label, false, null);
        }
        return data;
    }
}
