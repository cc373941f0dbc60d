package io.nifidq.processors.profile;

import io.nifidq.ml.encoder.EncoderLeases;
import io.nifidq.ml.encoder.EncoderOptions;
import io.nifidq.processors.common.DqAttributes;
import io.nifidq.processors.common.RecordRouter;
import io.nifidq.processors.profile.BaselineAttribute.UnusableBaselineException;
import io.nifidq.processors.profile.PartialBatches.Batch;
import io.nifidq.processors.profile.PartialBatches.Partial;
import io.nifidq.quality.profile.BaselineSummary;
import io.nifidq.quality.profile.DatasetProfile;
import io.nifidq.quality.profile.ProfileReport;
import io.nifidq.quality.profile.SerializedProfile;
import io.nifidq.quality.profile.UnreadableProfileException;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.ReadsAttribute;
import org.apache.nifi.annotation.behavior.ReadsAttributes;
import org.apache.nifi.annotation.behavior.Stateful;
import org.apache.nifi.annotation.behavior.SystemResource;
import org.apache.nifi.annotation.behavior.SystemResourceConsideration;
import org.apache.nifi.annotation.behavior.TriggerSerially;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.annotation.lifecycle.OnStopped;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.FlowFileFilter.FlowFileFilterResult;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.exception.ProcessException;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

@TriggerSerially
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@Stateful(scopes = Scope.CLUSTER, description = "With Drift Baseline 'Last Accepted Profile', the baseline summary of the last "
        + "merged batch that passed the quality gate is kept under the key '" + ProfileReporting.STATE_BASELINE + "'.")
@Tags({"data quality", "profile", "merge", "cluster", "statistics", "drift", "record", "machine learning", "dq"})
@CapabilityDescription("Merges the partial profiles that ProfileQuality writes with Report Format 'Partial Profile (to merge)', "
        + "one per part of a batch (the parts a cluster's nodes profiled), into the report of the whole batch: the report one "
        + "ProfileQuality would write for all its records (counts exact, distinct values and quantiles within the sketches' error), "
        + "with the findings, drift and quality gate judged on the whole. Partials are grouped by Batch Identifier and merged once "
        + "Partials Expected of them are queued; the report goes to 'success' (or 'below threshold' when a gate rule fails), the "
        + "partials to 'original', and a batch that cannot be merged to 'failure' with the reason in dq.error.")
@WritesAttributes({
        @WritesAttribute(attribute = DqAttributes.RECORD_COUNT, description = "The records of the whole batch (the sum of the partials')"),
        @WritesAttribute(attribute = DqAttributes.Profile.SCORE_PREFIX + "<dimension>", description = "As ProfileQuality writes them: the "
                + "overall score and each dimension's, for the whole batch"),
        @WritesAttribute(attribute = DqAttributes.Profile.MISSING_RATIO, description = "Missing cells / all cells"),
        @WritesAttribute(attribute = DqAttributes.Profile.DUPLICATE_RATIO, description = "Exact duplicate records / records, across all partials"),
        @WritesAttribute(attribute = DqAttributes.Profile.NEAR_DUPLICATE_RATIO, description = "Near-duplicate texts / records (with a Text Field)"),
        @WritesAttribute(attribute = DqAttributes.Profile.LABEL_CLASSES, description = "The number of classes (with a Label Field)"),
        @WritesAttribute(attribute = DqAttributes.Profile.IMBALANCE_RATIO, description = "Largest class / smallest class (with a Label Field)"),
        @WritesAttribute(attribute = DqAttributes.Profile.FINDINGS, description = "The problems the report names, comma-separated, as "
                + "ProfileQuality names them"),
        @WritesAttribute(attribute = DqAttributes.Profile.DRIFT_SCORE, description = "The largest population stability index against the baseline"),
        @WritesAttribute(attribute = DqAttributes.Profile.GATE_VIOLATIONS, description = "The broken quality-gate rules (on 'below threshold' only)"),
        @WritesAttribute(attribute = DqAttributes.Profile.BATCH, description = "The Batch Identifier the merged partials shared"),
        @WritesAttribute(attribute = DqAttributes.Profile.PARTIALS, description = "How many partial profiles were merged"),
        @WritesAttribute(attribute = DqAttributes.MIME_TYPE, description = "application/json, text/csv, text/html, or "
                + SerializedProfile.MIME_TYPE + " for a merged partial profile"),
        @WritesAttribute(attribute = DqAttributes.ERROR, description = "Why the batch could not be merged (on 'failure' only)")
})
@ReadsAttributes({
        @ReadsAttribute(attribute = DqAttributes.FRAGMENT_IDENTIFIER, description = "The batch, by default (Batch Identifier)"),
        @ReadsAttribute(attribute = DqAttributes.FRAGMENT_COUNT, description = "How many partial profiles the batch has, by default (Partials Expected)"),
        @ReadsAttribute(attribute = DqAttributes.FRAGMENT_INDEX, description = "The order of the partials' records, by default (Partial Order)"),
        @ReadsAttribute(attribute = DqAttributes.Profile.BASELINE, description = "With Drift Baseline 'FlowFile Attribute': the baseline "
                + "summary on the batch's first partial profile")
})
@UseCase(description = "Profile a batch whose records a NiFi cluster spreads over its nodes, and get one report of the whole batch.",
        configuration = """
                Split the batch upstream (SplitRecord, say), which gives each part fragment.identifier, fragment.count and fragment.index.
                Send the parts through a connection with Load Balance Strategy 'Round robin' to a ProfileQuality with
                Report Format 'Partial Profile (to merge)' (and the Record Reader, Text Field, Label Field and other settings
                of the profile you want); each node profiles the parts it receives.
                Connect that ProfileQuality's 'profile' relationship to this MergeProfiles through a connection with Load
                Balance Strategy 'Single node' (or 'Partition by attribute' on fragment.identifier), so that all partials
                of a batch meet on one node. Keep Batch Identifier, Partials Expected and Partial Order at their defaults.
                Set Label Noise Model as on ProfileQuality, and the quality gate and Drift Baseline here.
                Connect 'success' and 'below threshold' to PutFile (the reports), 'original' to where the partials end
                (or auto-terminate it), and 'failure' to a place where someone looks.
                """)
@SeeAlso(classNames = {"io.nifidq.processors.profile.ProfileQuality", "org.apache.nifi.processors.standard.MergeContent"})
@SystemResourceConsideration(resource = SystemResource.MEMORY, description = "The partials of a batch are read and merged one at "
        + "a time into one profile, which holds what a ProfileQuality of the whole batch holds: up to 22 bytes per distinct record, "
        + "with a Label Field 40 bytes per distinct text, the near-duplicate index (at most its limit of texts) and the label-noise "
        + "sample (20 MB at most). At most " + MergeProfiles.MAX_PARTIALS_PER_TRIGGER + " partials are taken per run (a larger "
        + "batch alone). The queue's attributes are evaluated once per run to find the batches that are complete.")
public class MergeProfiles extends AbstractProcessor {

    /** The most partial profiles one run takes, unless a single batch has more. */
    static final int MAX_PARTIALS_PER_TRIGGER = 1_000;

    public static final Relationship REL_SUCCESS = new Relationship.Builder().name("success")
            .description("The report of the merged batch (or, with Report Format 'Partial Profile', the merged profile), when it passes "
                    + "the quality gate or no gate rule is set").build();
    public static final Relationship REL_BELOW_THRESHOLD = new Relationship.Builder().name("below threshold")
            .description("The report of a merged batch that breaks a quality-gate rule; the rules are in dq.gate.violations").build();
    public static final Relationship REL_ORIGINAL = new Relationship.Builder().name("original")
            .description("The partial profiles that were merged, unchanged").build();
    public static final Relationship REL_FAILURE = new Relationship.Builder().name("failure")
            .description("The partial profiles of a batch that could not be merged (one is not a readable profile, they were built with "
                    + "different settings, or not all arrived within Max Wait), unchanged, all with the reason in dq.error").build();

    static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_BELOW_THRESHOLD, REL_ORIGINAL, REL_FAILURE);

    private volatile ProfileReporting reporting;
    private volatile long maxWaitMillis;
    /** The leases of a Pretrained Encoder label-noise check, taken at its first report and released when the processor stops. */
    private final EncoderLeases encoders = new EncoderLeases(EncoderOptions.inNiFi());

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return MergeProfilesProperties.DESCRIPTORS;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    @Override
    protected Collection<ValidationResult> customValidate(final ValidationContext context) {
        return ProfileReporting.validate(context, ProfileReporting.judgingProperties());
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) throws IOException {
        reporting = ProfileReporting.configure(context, encoders);
        maxWaitMillis = context.getProperty(MergeProfilesProperties.MAX_WAIT).asTimePeriod(TimeUnit.MILLISECONDS);
    }

    @OnStopped
    public void onStopped() {
        encoders.close();
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) throws ProcessException {
        // Look at the whole queue without taking anything, then take only the batches that are due.
        final PartialBatches queued = new PartialBatches();
        session.get(flowFile -> {
            queued.add(flowFile, context);
            return FlowFileFilterResult.REJECT_AND_CONTINUE;
        });
        final List<Batch> due = queued.due(System.currentTimeMillis(), maxWaitMillis, MAX_PARTIALS_PER_TRIGGER);
        if (due.isEmpty()) {
            context.yield();
            return;
        }
        final Set<String> wanted = new HashSet<>();
        due.forEach(batch -> batch.partials().forEach(partial -> wanted.add(partial.uuid())));
        final Map<String, FlowFile> taken = new HashMap<>();
        session.get(flowFile -> wanted.contains(flowFile.getAttribute(CoreAttributes.UUID.key()))
                ? FlowFileFilterResult.ACCEPT_AND_CONTINUE : FlowFileFilterResult.REJECT_AND_CONTINUE)
                .forEach(flowFile -> taken.put(flowFile.getAttribute(CoreAttributes.UUID.key()), flowFile));
        for (final Batch batch : due) {
            final List<FlowFile> partials = batch.inRecordOrder().stream().map(Partial::uuid).map(taken::get).filter(Objects::nonNull).toList();
            if (partials.size() < batch.partials().size()) {
                // Gone since the queue was looked at (cannot happen while runs are serial): look again next time.
                session.transfer(partials);
                continue;
            }
            if (batch.readiness() == PartialBatches.Readiness.FAIL) {
                fail(session, partials, batch.reason(), null);
            } else {
                merge(session, batch.id(), partials);
            }
        }
    }

    private void merge(final ProcessSession session, final String batch, final List<FlowFile> partials) {
        final DatasetProfile merged;
        try {
            merged = readAndMerge(session, batch, partials);
        } catch (final UnreadableProfileException | IllegalArgumentException e) {
            fail(session, partials, e.getMessage(), e);
            return;
        } catch (final ProcessException e) {
            // The content could not be read: the session rolls back and the batch is tried again.
            throw e;
        } catch (final RuntimeException e) {
            // Anything else a partial makes the merge throw would throw again at every retry: the batch leaves the queue.
            fail(session, partials, "Could not merge the partial profiles of batch '" + batch + "': " + RecordRouter.describe(e), e);
            return;
        }
        final FlowFile first = partials.getFirst();
        final FlowFile result;
        boolean accepted = true;
        if (reporting.writesPartialProfiles()) {
            result = session.putAllAttributes(ProfileReporting.writePartial(session, session.create(partials), merged),
                    ProfileAttributes.forMergedPartial(first, batch, partials.size()));
        } else {
            final BaselineSummary baseline;
            final ProfileReport report;
            try {
                baseline = reporting.baseline(session, first);
                // A Pretrained Encoder label-noise check loads its encoder here, and may fail to.
                report = reporting.judge(merged, merged.report(), baseline);
            } catch (final UnusableBaselineException | RuntimeException e) {
                fail(session, partials, "Could not report the merged profile of batch '" + batch + "': " + RecordRouter.describe(e), e);
                return;
            }
            accepted = ProfileReporting.accepted(report);
            final String title = "Data quality: " + ProfileAttributes.sourceName(first) + " (" + partials.size()
                    + " partial profiles merged)";
            result = session.putAllAttributes(reporting.writeReport(session, session.create(partials), report, baseline, title),
                    ProfileAttributes.forMergedReport(first, report, reporting.format(), batch, partials.size()));
            reporting.keepBaselineIfAccepted(session, report);
        }
        session.transfer(result, accepted ? REL_SUCCESS : REL_BELOW_THRESHOLD);
        session.transfer(partials, REL_ORIGINAL);
        session.adjustCounter("Partial Profiles Merged", partials.size(), false);
        session.adjustCounter("Records Profiled", merged.recordCount(), false);
        session.adjustCounter(accepted ? "Batches Accepted" : "Batches Below Threshold", 1, false);
    }

    /** Reads the partials one at a time and merges each into the first; the exception names the partial that failed. */
    private DatasetProfile readAndMerge(final ProcessSession session, final String batch, final List<FlowFile> partials)
            throws UnreadableProfileException {
        DatasetProfile merged = null;
        for (int i = 0; i < partials.size(); i++) {
            final FlowFile partial = partials.get(i);
            final String which = "Partial profile " + (i + 1) + " of " + partials.size() + " of batch '" + batch + "' ("
                    + partial.getAttribute(CoreAttributes.FILENAME.key()) + ", " + partial.getAttribute(CoreAttributes.UUID.key()) + "): ";
            try (InputStream in = session.read(partial)) {
                final DatasetProfile profile = SerializedProfile.read(in, partial.getSize(), reporting.labelNoiseScorer());
                if (merged == null) {
                    merged = profile;
                } else {
                    merged.merge(profile);
                }
            } catch (final UnreadableProfileException e) {
                throw new UnreadableProfileException(which + e.getMessage(), e);
            } catch (final IllegalArgumentException e) {
                throw new IllegalArgumentException(which + e.getMessage(), e);
            } catch (final IOException e) {
                throw new ProcessException("Could not read " + partial, e);
            }
        }
        return merged;
    }

    /** Sends every partial of the batch, unchanged, to failure with the reason; nothing of the batch is merged. */
    private void fail(final ProcessSession session, final List<FlowFile> partials, final String reason, final Exception error) {
        getLogger().error("Could not merge {} partial profile(s): {}; routing to failure", partials.size(), reason, error);
        for (final FlowFile partial : partials) {
            session.transfer(session.putAttribute(partial, DqAttributes.ERROR, reason), REL_FAILURE);
        }
        session.adjustCounter("Partial Profiles Failed", partials.size(), false);
    }
}
