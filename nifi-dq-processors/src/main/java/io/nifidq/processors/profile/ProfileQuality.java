package io.nifidq.processors.profile;

import io.nifidq.ml.encoder.EncoderLeases;
import io.nifidq.ml.encoder.EncoderOptions;
import io.nifidq.processors.common.AbstractDqProcessor;
import io.nifidq.processors.common.ContentGuard;
import io.nifidq.processors.common.DqAttributes;
import io.nifidq.processors.common.RecordRouter;
import io.nifidq.processors.profile.BaselineAttribute.UnusableBaselineException;
import io.nifidq.processors.profile.ProfileChoices.ReportFormatChoice;
import io.nifidq.quality.profile.BaselineSummary;
import io.nifidq.quality.profile.DatasetProfile;
import io.nifidq.quality.profile.EarlierTexts;
import io.nifidq.quality.profile.ProfileReport;
import io.nifidq.quality.profile.SerializedProfile;
import io.nifidq.text.ByteValidity;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.ReadsAttribute;
import org.apache.nifi.annotation.behavior.ReadsAttributes;
import org.apache.nifi.annotation.behavior.Stateful;
import org.apache.nifi.annotation.behavior.SupportsBatching;
import org.apache.nifi.annotation.behavior.SystemResource;
import org.apache.nifi.annotation.behavior.SystemResourceConsideration;
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
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.exception.ProcessException;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

@SupportsBatching
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@Stateful(scopes = Scope.CLUSTER, description = "With Drift Baseline 'Last Accepted Profile', the baseline summary of the last "
        + "batch that passed the quality gate is kept under the key '" + ProfileReporting.STATE_BASELINE + "'.")
@Tags({"data quality", "profile", "statistics", "validation", "duplicates", "drift", "record", "machine learning", "dq"})
@CapabilityDescription("Measures the quality of a FlowFile's records in one streaming pass: completeness, validity, consistency, "
        + "uniqueness (exact and near duplicates), label balance and text noise, each as a score in [0, 1] with an overall score. "
        + "The original FlowFile goes on unchanged to 'success' with the scores as attributes (or to 'below threshold' when an "
        + "optional quality-gate rule fails), and the whole report goes to 'profile' as JSON, CSV or a self-contained HTML page; "
        + "on a cluster node that sees only part of a batch, the serialised profile goes there instead, for MergeProfiles.")
@WritesAttributes({
        @WritesAttribute(attribute = DqAttributes.RECORD_COUNT, description = "The number of records profiled"),
        @WritesAttribute(attribute = DqAttributes.Profile.SCORE_PREFIX + "overall", description = "The overall quality score in [0, 1]"),
        @WritesAttribute(attribute = DqAttributes.Profile.SCORE_PREFIX + "<dimension>", description = "The score of each dimension that applies: completeness, "
                + "validity, consistency, uniqueness, balance (needs Label Field), noise (needs Text Field)"),
        @WritesAttribute(attribute = DqAttributes.Profile.MISSING_RATIO, description = "Missing cells / all cells"),
        @WritesAttribute(attribute = DqAttributes.Profile.DUPLICATE_RATIO, description = "Exact duplicate records / records"),
        @WritesAttribute(attribute = DqAttributes.Profile.NEAR_DUPLICATE_RATIO, description = "Near-duplicate texts / records (with Text Field)"),
        @WritesAttribute(attribute = DqAttributes.Profile.LABEL_CLASSES, description = "The number of classes (with Label Field)"),
        @WritesAttribute(attribute = DqAttributes.Profile.IMBALANCE_RATIO, description = "Largest class / smallest class (with Label Field)"),
        @WritesAttribute(attribute = DqAttributes.Profile.FINDINGS, description = "The problems the report names, comma-separated "
                + "(no_records, invalid_bytes, missing_values, empty_text, exact_duplicates, near_duplicates, class_imbalance, "
                + "encoding_junk, inconsistent_labels, label_noise); empty when none. With a baseline, only those worse than the baseline"),
        @WritesAttribute(attribute = DqAttributes.Profile.DRIFT_SCORE, description = "The largest population stability index against the baseline"),
        @WritesAttribute(attribute = DqAttributes.Profile.GATE_VIOLATIONS, description = "The broken quality-gate rules, separated by '; ' "
                + "(on 'below threshold' only)"),
        @WritesAttribute(attribute = DqAttributes.Profile.BASELINE, description = "With Write Baseline Attribute: this batch's baseline "
                + "summary as compact JSON (what a Baseline File holds), for a ProfileQuality downstream; not written, and any from "
                + "upstream removed, when it is over " + BaselineAttribute.MAX_BYTES / 1024 + " KB"),
        @WritesAttribute(attribute = DqAttributes.ERROR, description = "Why the FlowFile could not be profiled (on 'failure' only)"),
        @WritesAttribute(attribute = DqAttributes.MIME_TYPE, description = "On the profile FlowFile: application/json, text/csv or "
                + "text/html; " + SerializedProfile.MIME_TYPE + " for a partial profile (Report Format 'Partial Profile (to merge)')")
})
@ReadsAttributes({
        @ReadsAttribute(attribute = DqAttributes.Profile.BASELINE, description = "With Drift Baseline 'FlowFile Attribute': the "
                + "baseline summary a ProfileQuality upstream wrote (Write Baseline Attribute); without it, or when it is not one, "
                + "the FlowFile goes to 'failure'")
})
@UseCase(description = "Stop a batch of training data with too many missing values or duplicates before it reaches a model.",
        configuration = """
                Set Record Reader to a reader for the data (CSVReader, JsonTreeReader...).
                Set Text Field and Label Field to the names of the text and class-label fields.
                Set Minimum Overall Score (for example 0.8), Maximum Missing Ratio (0.05) and Maximum Duplicate Ratio (0.1).
                Connect 'success' to the training flow, 'below threshold' to a review queue or PutFile,
                'profile' to PutFile to keep the reports, and 'failure' to a place where someone looks.
                """)
@UseCase(description = "Show a person what is wrong with a batch, and what cleaning changed, on one page.",
        configuration = """
                Set Report Format to 'HTML'. Connect 'profile' to PutFile; open the .html file in a browser.
                For before and after in one flow: set Write Baseline Attribute to true on a ProfileQuality before the
                cleaning step, and Drift Baseline to 'FlowFile Attribute' on this one after it. Against fixed data (the
                training data), set Drift Baseline to 'Baseline File' with its JSON report instead. The page then shows
                scores, problem measures and class shares before and after, and the drift per field.
                """)
@UseCase(description = "Alert when the data arriving in a flow drifts away from what the model was trained on.",
        configuration = """
                Set Drift Baseline to 'Last Accepted Profile' (or to 'Baseline File' with the profile JSON of the training data).
                Set Maximum Drift to 0.25: a population stability index above it means a major shift.
                Route 'below threshold' to a notification; the report's 'drift' section lists the PSI per field.
                """)
@UseCase(description = "Profile a batch that a NiFi cluster spreads over its nodes, as one report of the whole batch.",
        configuration = """
                Split the batch upstream (SplitRecord), and send the parts to this processor through a connection with
                Load Balance Strategy 'Round robin'. Set Report Format to 'Partial Profile (to merge)', and leave the
                quality gate, Drift Baseline and Write Baseline Attribute unset: the merged batch is judged downstream.
                Connect 'profile' through a connection with Load Balance Strategy 'Single node' to a MergeProfiles with its
                defaults (it groups the partials by fragment.identifier), and 'success' to the rest of the flow.
                MergeProfiles writes the report of the whole batch, the one this processor would write of all its records.
                """)
@SeeAlso(classNames = {"io.nifidq.processors.profile.MergeProfiles", "org.apache.nifi.processors.standard.ValidateRecord",
        "org.apache.nifi.processors.standard.CalculateRecordStats"})
@SystemResourceConsideration(resource = SystemResource.MEMORY, description = "Per-field statistics are sketches of constant size. "
        + "Exact duplicate detection keeps up to 22 bytes per distinct record; with a Label Field, label-conflict detection up to "
        + "40 bytes per distinct text; the near-duplicate index up to about 600 bytes per text, for at most "
        + "'Near-Duplicate Index Limit' texts (30 MB at the default 50,000); with a Text Field and a Label Field, the label-noise "
        + "check's sample of at most 10,000 texts of at most 1,000 characters (20 MB at most). With Label Noise Model 'Pretrained "
        + "Encoder', the node's shared encoder (about 100 MB, one per language or directory for all nifi-dq components) from the "
        + "first report until the processor stops. Every report keeps a sample of example records for the page and the JSON: at most "
        + "5 per kind (exact and near duplicates, label conflicts, junk texts, suspected label errors), each cut to 300 characters "
        + "(under 40 KB); an HTML report is built in memory (tens of KB, growing with the fields and Top Values). The near-duplicate "
        + "index keeps each indexed text's record number (4 bytes, inside the 600), not its text: an HTML report with near-duplicate "
        + "examples whose earlier texts the sample did not keep reads the content a second time, up to the last earlier record "
        + "wanted (at most the fifth near duplicate's), to show both texts side by side.")
public class ProfileQuality extends AbstractDqProcessor {

    public static final Relationship REL_SUCCESS = new Relationship.Builder().name("success")
            .description("The original FlowFile, unchanged, with the quality scores as attributes, when it passes the quality gate "
                    + "(or when no gate rule is set)").build();
    public static final Relationship REL_PROFILE = new Relationship.Builder().name("profile")
            .description("A new FlowFile with the whole profile report (JSON, CSV or HTML) of each profiled FlowFile, or with Report "
                    + "Format 'Partial Profile (to merge)' its serialised profile").build();
    public static final Relationship REL_BELOW_THRESHOLD = new Relationship.Builder().name("below threshold")
            .description("The original FlowFile, unchanged, when it breaks a quality-gate rule; the rules are in dq.gate.violations").build();
    public static final Relationship REL_FAILURE = new Relationship.Builder().name("failure")
            .description("A FlowFile whose records cannot be read or profiled, unchanged, with the reason in dq.error").build();

    static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_PROFILE, REL_BELOW_THRESHOLD, REL_FAILURE);

    private volatile ProfileReporting reporting;
    private volatile boolean writeBaselineAttribute;
    /** The leases of a Pretrained Encoder label-noise check, taken at its first report and released when the processor stops. */
    private final EncoderLeases encoders = new EncoderLeases(EncoderOptions.inNiFi());

    public ProfileQuality() {
        super(ProfileProperties.DESCRIPTORS, RELATIONSHIPS);
    }

    @Override
    protected Collection<ValidationResult> customValidate(final ValidationContext context) {
        final List<PropertyDescriptor> judging = new ArrayList<>(ProfileReporting.judgingProperties());
        judging.add(ProfileProperties.WRITE_BASELINE_ATTRIBUTE);
        return ProfileReporting.validate(context, judging);
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) throws IOException {
        useRecordServices(context, ProfileProperties.RECORD_READER, null);
        reporting = ProfileReporting.configure(context, encoders);
        writeBaselineAttribute = context.getProperty(ProfileProperties.WRITE_BASELINE_ATTRIBUTE).asBoolean();
    }

    @OnStopped
    public void onStopped() {
        encoders.close();
    }

    @Override
    protected void onFlowFile(final ProcessContext context, final ProcessSession session, final FlowFile flowFile,
                              final RecordRouter router) {
        final BaselineSummary baseline;
        try {
            baseline = reporting.baseline(session, flowFile);
        } catch (final UnusableBaselineException e) {
            router.toFailure(flowFile, REL_FAILURE, "profile", e.getMessage(), e);
            return;
        }
        final DatasetProfile profile;
        ProfileReport measured = null;
        String invalidBytes = "";
        try {
            profile = new DatasetProfile(ProfileProperties.settings(context, flowFile).withLabelNoiseScorer(reporting.labelNoiseScorer()));
            // The reader hides bytes it cannot decode (U+FFFD, or one long header): count them on the bytes themselves.
            final Charset charset = ContentGuard.charset(context, ProfileProperties.CHARACTER_SET, flowFile);
            final ByteValidity validity = ContentGuard.read(session, flowFile, charset);
            profile.observeContent(charset.name(), validity);
            invalidBytes = validity.invalidBytes() == 0 ? "" : "; " + validity.describe(charset.name());
            final NiFiRecordView view = new NiFiRecordView();
            router.readEach(flowFile, record -> profile.add(view.wrap(record)));
            if (!reporting.writesPartialProfiles()) {
                // Inside the try: a Pretrained Encoder label-noise check loads its encoder here, and may fail to.
                measured = profile.report();
            }
        } catch (final Exception e) {
            // A reader's error on random bytes says little by itself: the bytes that are not text say why.
            router.toFailure(flowFile, REL_FAILURE, "profile", RecordRouter.describe(e) + invalidBytes, e);
            return;
        }
        session.adjustCounter("Records Profiled", profile.recordCount(), false);
        if (measured == null) {
            transferPartial(session, flowFile, profile);
            return;
        }
        final ProfileReport shown = reporting.format() == ReportFormatChoice.HTML ? withEarlierTexts(router, flowFile, profile, measured) : measured;
        final ProfileReport report = reporting.judge(profile, shown, baseline);
        final boolean accepted = ProfileReporting.accepted(report);
        transferReport(session, flowFile, report, baseline);
        final FlowFile scored = session.putAllAttributes(flowFile, ProfileAttributes.forOriginal(report));
        session.transfer(writeBaselineAttribute ? withBaseline(session, scored, report.baseline()) : scored,
                accepted ? REL_SUCCESS : REL_BELOW_THRESHOLD);
        session.adjustCounter(accepted ? "Batches Accepted" : "Batches Below Threshold", 1, false);
        reporting.keepBaselineIfAccepted(session, report);
    }

    /** The profile of this part of a batch, serialised to 'profile' for MergeProfiles; the original goes on with its record count. */
    private void transferPartial(final ProcessSession session, final FlowFile original, final DatasetProfile profile) {
        final FlowFile partial = ProfileReporting.writePartial(session, session.create(original), profile);
        session.transfer(session.putAllAttributes(partial, ProfileAttributes.forPartialProfile(original)), REL_PROFILE);
        session.transfer(session.putAttribute(original, DqAttributes.RECORD_COUNT, String.valueOf(profile.recordCount())), REL_SUCCESS);
        session.adjustCounter("Partial Profiles Written", 1, false);
    }

    /**
     * For a page: the near duplicates' earlier texts that the sample did not keep, read again from the content up to the last
     * one wanted (at most 5 texts); when that fails, the page names their record numbers only.
     */
    private ProfileReport withEarlierTexts(final RecordRouter router, final FlowFile flowFile, final DatasetProfile profile,
                                           final ProfileReport measured) {
        final EarlierTexts earlier = EarlierTexts.wantedBy(measured);
        if (!earlier.needed()) {
            return measured;
        }
        final String textField = profile.settings().textField();
        try {
            router.readWhile(flowFile, record -> earlier.next(record.getValue(textField)));
            return earlier.fill(measured);
        } catch (final Exception e) {
            getLogger().warn("Could not read the earlier texts of {}'s near duplicates again; the page names their records only",
                    flowFile, e);
            return measured;
        }
    }

    private void transferReport(final ProcessSession session, final FlowFile original, final ProfileReport report,
                                final BaselineSummary baseline) {
        final String title = "Data quality: " + original.getAttribute(CoreAttributes.FILENAME.key());
        final FlowFile reportFlowFile = reporting.writeReport(session, session.create(original), report, baseline, title);
        session.transfer(session.putAllAttributes(reportFlowFile, ProfileAttributes.forReportFlowFile(original, report, reporting.format())),
                REL_PROFILE);
    }

    /** The FlowFile with this batch's baseline in its attribute; without any (and a warning) when the summary is too large. */
    private FlowFile withBaseline(final ProcessSession session, final FlowFile flowFile, final BaselineSummary baseline) {
        final String value;
        try {
            value = BaselineAttribute.valueOf(baseline);
        } catch (final IOException e) {
            throw new ProcessException("Could not write the baseline summary as JSON", e);
        }
        if (value != null) {
            return session.putAttribute(flowFile, DqAttributes.Profile.BASELINE, value);
        }
        getLogger().warn("The baseline summary of {} is over {} bytes ({} fields); {} not written", flowFile, BaselineAttribute.MAX_BYTES,
                baseline.fields().size(), DqAttributes.Profile.BASELINE);
        session.adjustCounter("Baseline Attributes Too Large", 1, false);
        return session.removeAttribute(flowFile, DqAttributes.Profile.BASELINE);
    }
}
