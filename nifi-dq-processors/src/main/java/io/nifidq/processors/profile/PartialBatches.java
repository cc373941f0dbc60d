package io.nifidq.processors.profile;

import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.processor.ProcessContext;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The partial profiles queued for MergeProfiles, grouped into batches by their Batch Identifier, and what each batch is
 * ready for: to be merged (all its partials are there), to fail (it cannot be merged, or its first partial waited longer
 * than Max Wait), or to wait. MergeProfiles looks at its whole queue with a filter that takes nothing, builds this, then
 * takes only the FlowFiles of the batches that are ready; the others stay queued, untouched.
 */
final class PartialBatches {

    /** What is done with a batch now. */
    enum Readiness { MERGE, FAIL, WAIT }

    /** One queued partial profile, with its attributes evaluated once. */
    record Partial(FlowFile flowFile, String expected, String order, long queuedSince) {

        String uuid() {
            return flowFile.getAttribute(CoreAttributes.UUID.key());
        }
    }

    /** The partials of one batch in queue order, what to do with them and, for FAIL, why. */
    record Batch(String id, List<Partial> partials, Readiness readiness, String reason) {

        /** The partials in the order their records came: by Partial Order when every partial has a whole number there. */
        List<Partial> inRecordOrder() {
            if (partials.stream().anyMatch(p -> parseLong(p.order()) == null)) {
                return partials;
            }
            return partials.stream().sorted(Comparator.comparing((Partial p) -> parseLong(p.order()))).toList();
        }
    }

    private final Map<String, List<Partial>> byBatch = new LinkedHashMap<>();
    private final List<Partial> withoutBatch = new ArrayList<>();

    /** Adds a queued FlowFile: its Batch Identifier, Partials Expected and Partial Order as evaluated against it. */
    void add(final FlowFile flowFile, final ProcessContext context) {
        final Function<org.apache.nifi.components.PropertyDescriptor, String> value =
                property -> context.getProperty(property).evaluateAttributeExpressions(flowFile).getValue();
        final String batch = value.apply(MergeProfilesProperties.BATCH_IDENTIFIER);
        // When it was queued here; never before it entered the flow (a FlowFile made without a queue date says 0).
        final Long lastQueued = flowFile.getLastQueueDate();
        final Partial partial = new Partial(flowFile, value.apply(MergeProfilesProperties.PARTIALS_EXPECTED),
                value.apply(MergeProfilesProperties.PARTIAL_ORDER), Math.max(flowFile.getEntryDate(), lastQueued == null ? 0 : lastQueued));
        if (batch == null || batch.isBlank()) {
            withoutBatch.add(partial);
        } else {
            byBatch.computeIfAbsent(batch, id -> new ArrayList<>()).add(partial);
        }
    }

    /**
     * The batches to merge or fail now, oldest first, with at most maxPartials partials in all (but always the first such
     * batch, however large).
     */
    List<Batch> due(final long now, final long maxWaitMillis, final int maxPartials) {
        final List<Batch> due = new ArrayList<>();
        for (final Partial partial : withoutBatch) {
            due.add(new Batch("", List.of(partial), Readiness.FAIL, "Batch Identifier is empty for this FlowFile (is its "
                    + "fragment.identifier, or the attribute the property names, set?)"));
        }
        byBatch.forEach((id, partials) -> {
            final Batch batch = judge(id, partials, now, maxWaitMillis);
            if (batch.readiness() != Readiness.WAIT) {
                due.add(batch);
            }
        });
        due.sort(Comparator.comparingLong(batch -> batch.partials().stream().mapToLong(Partial::queuedSince).min().orElse(now)));
        final List<Batch> taken = new ArrayList<>();
        int partials = 0;
        for (final Batch batch : due) {
            if (!taken.isEmpty() && partials + batch.partials().size() > maxPartials) {
                break;
            }
            taken.add(batch);
            partials += batch.partials().size();
        }
        return taken;
    }

    private static Batch judge(final String id, final List<Partial> partials, final long now, final long maxWaitMillis) {
        final Set<String> expectations = new TreeSet<>();
        partials.forEach(p -> expectations.add(String.valueOf(p.expected())));
        final String named = "batch '" + id + "'";
        if (expectations.size() > 1) {
            return new Batch(id, partials, Readiness.FAIL, "The partial profiles of " + named + " expect different numbers of "
                    + "partials (Partials Expected): " + String.join(", ", expectations));
        }
        final Long expected = parseLong(expectations.iterator().next());
        if (expected == null || expected < 1) {
            return new Batch(id, partials, Readiness.FAIL, "Partials Expected is '" + expectations.iterator().next() + "' for "
                    + named + ", not a positive whole number (is fragment.count, or the attribute the property names, set?)");
        }
        if (partials.size() > expected) {
            return new Batch(id, partials, Readiness.FAIL, partials.size() + " partial profiles of " + named + " are queued but "
                    + "Partials Expected is " + expected + ": the same batch identifier for two batches, or a partial sent twice");
        }
        if (partials.size() == expected) {
            return new Batch(id, partials, Readiness.MERGE, null);
        }
        final long waited = now - partials.stream().mapToLong(Partial::queuedSince).min().orElse(now);
        if (waited >= maxWaitMillis) {
            return new Batch(id, partials, Readiness.FAIL, "Only " + partials.size() + " of the " + expected + " partial profiles of "
                    + named + " arrived within Max Wait (" + maxWaitMillis + " ms); nothing was merged");
        }
        return new Batch(id, partials, Readiness.WAIT, null);
    }

    private static Long parseLong(final String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (final NumberFormatException e) {
            return null;
        }
    }
}
