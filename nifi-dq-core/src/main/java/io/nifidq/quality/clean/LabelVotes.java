package io.nifidq.quality.clean;

import io.nifidq.quality.hash.Hashing;
import io.nifidq.quality.hash.LongIntHashMap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The labels given to each distinct text, to resolve identical texts with conflicting labels. A text
 * with one label costs its hash-map slot and one entry; only conflicting texts keep a vote count per label.
 */
final class LabelVotes {

    /** What to do with a text's records: keep their labels, give them the majority label, or no majority (a tie). */
    record Verdict(boolean conflict, String majority) {
        static final Verdict AGREED = new Verdict(false, null);
    }

    private final LongIntHashMap entryByText = new LongIntHashMap();
    private final List<String> firstLabel = new ArrayList<>();
    private final List<Integer> firstCount = new ArrayList<>();
    private final Map<Integer, Map<String, Integer>> conflictVotes = new HashMap<>();

    void add(final String text, final String label) {
        final long hash = Hashing.hash64(text);
        final int entry = entryByText.get(hash);
        if (entry == LongIntHashMap.ABSENT) {
            entryByText.put(hash, firstLabel.size());
            firstLabel.add(label);
            firstCount.add(1);
            return;
        }
        final Map<String, Integer> votes = conflictVotes.get(entry);
        if (votes != null) {
            votes.merge(label, 1, Integer::sum);
        } else if (firstLabel.get(entry).equals(label)) {
            firstCount.set(entry, firstCount.get(entry) + 1);
        } else {
            final Map<String, Integer> newVotes = new HashMap<>();
            newVotes.put(firstLabel.get(entry), firstCount.get(entry));
            newVotes.put(label, 1);
            conflictVotes.put(entry, newVotes);
        }
    }

    Verdict verdict(final String text) {
        final int entry = entryByText.get(Hashing.hash64(text));
        final Map<String, Integer> votes = entry == LongIntHashMap.ABSENT ? null : conflictVotes.get(entry);
        if (votes == null) {
            return Verdict.AGREED;
        }
        String majority = null;
        int best = 0;
        boolean tie = false;
        for (final Map.Entry<String, Integer> vote : votes.entrySet()) {
            if (vote.getValue() > best) {
                best = vote.getValue();
                majority = vote.getKey();
                tie = false;
            } else if (vote.getValue() == best) {
                tie = true;
            }
        }
        return new Verdict(true, tie ? null : majority);
    }

    int conflictingTexts() {
        return conflictVotes.size();
    }
}
