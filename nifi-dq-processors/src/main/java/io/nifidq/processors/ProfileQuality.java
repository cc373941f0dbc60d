package io.nifidq.processors;

import io.nifidq.quality.profile.BaselineSummary;
import io.nifidq.quality.profile.DatasetProfile;
import io.nifidq.quality.profile.DriftCalculator;
import io.nifidq.quality.profile.ProfileReport;
import io.nifidq.quality.profile.ProfileReport.DriftReport;
import io.nifidq.quality.profile.ProfileReport.GateReport;
import io.nifidq.quality.profile.ProfileSettings;
import io.nifidq.quality.profile.QualityGate;
import org.apache.nifi.annotation.behavior.InputRequirement;
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
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.record.Record;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

@SupportsBatching
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@Stateful(scopes = Scope.CLUSTER, description = "With Drift Baseline 'Last Accepted Profile', the baseline summary of the last "
        + "batch that passed the quality gate is kept under the key '" + ProfileQuality.STATE_BASELINE + "'.")
@Tags({"data quality", "profile", "statistics", "validation", "duplicates", "drift", "record", "machine learning", "dq"})
@CapabilityDescription("Measures the quality of a FlowFile's records in one streaming pass: completeness, validity, consistency, "
        + "uniqueness (exact and near duplicates), label balance and text noise, each as a score in [0, 1] with an overall score. "
        + "The original FlowFile goes on unchanged to 'success' with the scores as attributes (or to 'below threshold' when an "
        + "optional quality-gate rule fails), and the whole report goes to 'profile' as JSON or CSV.")
@WritesAttributes({
        @WritesAttribute(attribute = ProfileAttributes.RECORD_COUNT, description = "The number of records profiled"),
        @WritesAttribute(attribute = ProfileAttributes.SCORE_PREFIX + "overall", description = "The overall quality score in [0, 1]"),
        @WritesAttribute(attribute = "dq.score.<dimension>", description = "The score of each dimension that applies: completeness, "
                + "validity, consistency, uniqueness, balance (needs Label Field), noise (needs Text Field)"),
        @WritesAttribute(attribute = ProfileAttributes.MISSING_RATIO, description = "Missing cells / all cells"),
        @WritesAttribute(attribute = ProfileAttributes.DUPLICATE_RATIO, description = "Exact duplicate records / records"),
        @WritesAttribute(attribute = ProfileAttributes.NEAR_DUPLICATE_RATIO, description = "Near-duplicate texts / records (with Text Field)"),
        @WritesAttribute(attribute = ProfileAttributes.LABEL_CLASSES, description = "The number of classes (with Label Field)"),
        @WritesAttribute(attribute = ProfileAttributes.IMBALANCE_RATIO, description = "Largest class / smallest class (with Label Field)"),
        @WritesAttribute(attribute = ProfileAttributes.FINDINGS, description = "The problems the report names, comma-separated "
                + "(missing_values, empty_text, exact_duplicates, near_duplicates, class_imbalance, encoding_junk, inconsistent_labels, "
                + "label_noise); empty when none. With a baseline, only those worse than the baseline"),
        @WritesAttribute(attribute = ProfileAttributes.DRIFT_SCORE, description = "The largest population stability index against the baseline"),
        @WritesAttribute(attribute = ProfileAttributes.GATE_VIOLATIONS, description = "The broken quality-gate rules, separated by '; ' "
                + "(on 'below threshold' only)"),
        @WritesAttribute(attribute = ProfileAttributes.ERROR, description = "Why the FlowFile could not be profiled (on 'failure' only)"),
        @WritesAttribute(attribute = "mime.type", description = "On the profile FlowFile: application/json or text/csv")
})
@UseCase(description = "Stop a batch of training data with too many missing values or duplicates before it reaches a model.",
        configuration = """
                Set Record Reader to a reader for the data (CSVReader, JsonTreeReader...).
                Set Text Field and Label Field to the names of the text and class-label fields.
                Set Minimum Overall Score (for example 0.8), Maximum Missing Ratio (0.05) and Maximum Duplicate Ratio (0.1).
                Connect 'success' to the training flow, 'below threshold' to a review queue or PutFile,
                'profile' to PutFile to keep the reports, and 'failure' to a place where someone looks.
                """)
@UseCase(description = "Alert when the data arriving in a flow drifts away from what the model was trained on.",
        configuration = """
                Set Drift Baseline to 'Last Accepted Profile' (or to 'Baseline File' with the profile JSON of the training data).
                Set Maximum Drift to 0.25: a population stability index above it means a major shift.
                Route 'below threshold' to a notification; the report's 'drift' section lists the PSI per field.
                """)
@SeeAlso(classNames = {"org.apache.nifi.processors.standard.ValidateRecord", "org.apache.nifi.processors.standard.CalculateRecordStats"})
@SystemResourceConsideration(resource = SystemResource.MEMORY, description = "Per-field statistics are sketches of constant size. "
        + "Exact duplicate detection keeps up to 22 bytes per distinct record; with a Label Field, label-conflict detection up to "
        + "40 bytes per distinct text; the near-duplicate index up to about 600 bytes per text, for at most "
        + "'Near-Duplicate Index Limit' texts (30 MB at the default 50,000); with a Text Field and a Label Field, the label-noise "
        + "check's sample of at most 10,000 texts of at most 1,000 characters (20 MB at most).")
public class ProfileQuality extends AbstractProcessor {

    static final String STATE_BASELINE = "baseline";

    public static final PropertyDescriptor RECORD_READER = ProfileProperties.RECORD_READER;
    public static final PropertyDescriptor TEXT_FIELD = ProfileProperties.TEXT_FIELD;
    public static final PropertyDescriptor LABEL_FIELD = ProfileProperties.LABEL_FIELD;
    public static final PropertyDescriptor DUPLICATE_KEY_FIELDS = ProfileProperties.DUPLICATE_KEY_FIELDS;
    public static final PropertyDescriptor NULL_TOKENS = ProfileProperties.NULL_TOKENS;
    public static final PropertyDescriptor NEAR_DUPLICATE_THRESHOLD = ProfileProperties.NEAR_DUPLICATE_THRESHOLD;
    public static final PropertyDescriptor NEAR_DUPLICATE_INDEX_LIMIT = ProfileProperties.NEAR_DUPLICATE_INDEX_LIMIT;
    public static final PropertyDescriptor SHORT_TEXT_LENGTH = ProfileProperties.SHORT_TEXT_LENGTH;
    public static final PropertyDescriptor LONG_TEXT_LENGTH = ProfileProperties.LONG_TEXT_LENGTH;
    public static final PropertyDescriptor TOP_VALUE_COUNT = ProfileProperties.TOP_VALUE_COUNT;
    public static final PropertyDescriptor REPORT_FORMAT = ProfileProperties.REPORT_FORMAT;
    public static final PropertyDescriptor MIN_OVERALL_SCORE = ProfileProperties.MIN_OVERALL_SCORE;
    public static final PropertyDescriptor MAX_MISSING_RATIO = ProfileProperties.MAX_MISSING_RATIO;
    public static final PropertyDescriptor MAX_DUPLICATE_RATIO = ProfileProperties.MAX_DUPLICATE_RATIO;
    public static final PropertyDescriptor MAX_IMBALANCE_RATIO = ProfileProperties.MAX_IMBALANCE_RATIO;
    public static final PropertyDescriptor DRIFT_BASELINE = ProfileProperties.DRIFT_BASELINE;
    public static final PropertyDescriptor BASELINE_FILE = ProfileProperties.BASELINE_FILE;
    public static final PropertyDescriptor MAX_DRIFT = ProfileProperties.MAX_DRIFT;

    static final List<PropertyDescriptor> PROPERTIES = List.of(RECORD_READER, TEXT_FIELD, LABEL_FIELD, DUPLICATE_KEY_FIELDS,
            NULL_TOKENS, NEAR_DUPLICATE_THRESHOLD, NEAR_DUPLICATE_INDEX_LIMIT, SHORT_TEXT_LENGTH, LONG_TEXT_LENGTH, TOP_VALUE_COUNT,
            REPORT_FORMAT, MIN_OVERALL_SCORE, MAX_MISSING_RATIO, MAX_DUPLICATE_RATIO, MAX_IMBALANCE_RATIO, DRIFT_BASELINE,
            BASELINE_FILE, MAX_DRIFT);

    public static final Relationship REL_SUCCESS = new Relationship.Builder().name("success")
            .description("The original FlowFile, unchanged, with the quality scores as attributes, when it passes the quality gate "
                    + "(or when no gate rule is set)").build();
    public static final Relationship REL_PROFILE = new Relationship.Builder().name("profile")
            .description("A new FlowFile with the whole profile report (JSON or CSV) of each profiled FlowFile").build();
    public static final Relationship REL_BELOW_THRESHOLD = new Relationship.Builder().name("below threshold")
            .description("The original FlowFile, unchanged, when it breaks a quality-gate rule; the rules are in dq.gate.violations").build();
    public static final Relationship REL_FAILURE = new Relationship.Builder().name("failure")
            .description("A FlowFile whose records cannot be read or profiled, unchanged, with the reason in dq.error").build();

    static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_PROFILE, REL_BELOW_THRESHOLD, REL_FAILURE);

    private volatile RecordReaderFactory readerFactory;
    private volatile ReportFormat reportFormat;
    private volatile QualityGate gate;
    private volatile BaselineSource baselineSource;
    private volatile BaselineSummary fileBaseline;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) throws IOException {
        readerFactory = context.getProperty(RECORD_READER).asControllerService(RecordReaderFactory.class);
        reportFormat = context.getProperty(REPORT_FORMAT).asAllowableValue(ReportFormat.class);
        baselineSource = context.getProperty(DRIFT_BASELINE).asAllowableValue(BaselineSource.class);
        gate = ProfileProperties.gate(context, baselineSource);
        fileBaseline = null;
        if (baselineSource == BaselineSource.FILE) {
            final Path file = Path.of(context.getProperty(BASELINE_FILE).evaluateAttributeExpressions().getValue());
            fileBaseline = ProfileReportWriter.readBaseline(Files.readString(file, StandardCharsets.UTF_8));
        }
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) throws ProcessException {
        final FlowFile flowFile = session.get();
        if (flowFile == null) {
            return;
        }
        final DatasetProfile profile;
        try {
            profile = profile(session, flowFile, ProfileProperties.settings(context, flowFile));
        } catch (final Exception e) {
            getLogger().error("Could not profile {}; routing to failure", flowFile, e);
            session.transfer(session.putAttribute(flowFile, ProfileAttributes.ERROR, ProfileAttributes.describe(e)), REL_FAILURE);
            return;
        }
        final BaselineSummary baseline = baseline(session);
        final ProfileReport measured = profile.report();
        final ProfileReport base = baseline == null ? measured : measured.withFindingsAgainst(baseline);
        final DriftReport drift = baseline == null ? null : DriftCalculator.compare(baseline, profile, baselineSource.getDisplayName());
        final GateReport verdict = gate.evaluate(base, drift);
        final ProfileReport report = base.withDriftAndGate(drift, verdict);
        final boolean accepted = verdict == null || verdict.passed();

        FlowFile reportFlowFile = session.create(flowFile);
        try {
            reportFlowFile = session.write(reportFlowFile, out -> ProfileReportWriter.write(report, reportFormat, out));
        } catch (final ProcessException e) {
            session.remove(reportFlowFile);
            throw e;
        }
        reportFlowFile = session.putAllAttributes(reportFlowFile, ProfileAttributes.forReportFlowFile(flowFile, report, reportFormat));
        session.transfer(reportFlowFile, REL_PROFILE);

        final FlowFile original = session.putAllAttributes(flowFile, ProfileAttributes.forOriginal(report));
        session.transfer(original, accepted ? REL_SUCCESS : REL_BELOW_THRESHOLD);
        session.adjustCounter("Records Profiled", profile.recordCount(), false);
        session.adjustCounter(accepted ? "Batches Accepted" : "Batches Below Threshold", 1, false);
        if (accepted && baselineSource == BaselineSource.LAST_ACCEPTED) {
            saveBaseline(session, report.baseline());
        }
    }

    private DatasetProfile profile(final ProcessSession session, final FlowFile flowFile, final ProfileSettings settings) throws Exception {
        final DatasetProfile profile = new DatasetProfile(settings);
        final NiFiRecordView view = new NiFiRecordView();
        try (InputStream in = session.read(flowFile);
             RecordReader reader = readerFactory.createRecordReader(flowFile, in, getLogger())) {
            Record record;
            while ((record = reader.nextRecord()) != null) {
                profile.add(view.wrap(record));
            }
        }
        return profile;
    }

    private BaselineSummary baseline(final ProcessSession session) {
        return switch (baselineSource) {
            case NONE -> null;
            case FILE -> fileBaseline;
            case LAST_ACCEPTED -> {
                try {
                    final String json = session.getState(Scope.CLUSTER).get(STATE_BASELINE);
                    yield json == null ? null : ProfileReportWriter.readBaseline(json);
                } catch (final IOException e) {
                    throw new ProcessException("Could not read the drift baseline from NiFi state", e);
                }
            }
        };
    }

    private void saveBaseline(final ProcessSession session, final BaselineSummary baseline) {
        try {
            session.setState(Map.of(STATE_BASELINE, ProfileReportWriter.baselineJson(baseline)), Scope.CLUSTER);
        } catch (final IOException e) {
            throw new ProcessException("Could not store the drift baseline in NiFi state", e);
        }
    }
}
