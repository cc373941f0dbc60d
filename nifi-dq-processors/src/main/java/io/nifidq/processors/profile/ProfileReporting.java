package io.nifidq.processors.profile;

import io.nifidq.ml.encoder.EncoderLeases;
import io.nifidq.processors.common.DqAttributes;
import io.nifidq.processors.profile.BaselineAttribute.UnusableBaselineException;
import io.nifidq.processors.profile.ProfileChoices.DriftBaselineChoice;
import io.nifidq.processors.profile.ProfileChoices.ReportFormatChoice;
import io.nifidq.quality.profile.BaselineSummary;
import io.nifidq.quality.profile.DatasetProfile;
import io.nifidq.quality.profile.DriftCalculator;
import io.nifidq.quality.profile.OutOfFoldScorer;
import io.nifidq.quality.profile.ProfileReport;
import io.nifidq.quality.profile.ProfileReport.DriftReport;
import io.nifidq.quality.profile.QualityGate;
import io.nifidq.quality.profile.SerializedProfile;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.exception.ProcessException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What ProfileQuality and MergeProfiles both do with a finished profile, configured by the same properties: the drift
 * baseline (none, a file, a FlowFile's attribute, or the last accepted profile kept in cluster-scoped state), the findings
 * and drift against it, the quality gate's verdict, the content of the report FlowFile (JSON, CSV, HTML, or the serialised
 * profile for a later merge), and the baseline kept after an accepted batch.
 */
final class ProfileReporting {

    /** The state key of the last accepted batch's baseline summary. */
    static final String STATE_BASELINE = "baseline";

    private final ReportFormatChoice format;
    private final DriftBaselineChoice baselineSource;
    private final BaselineSummary fileBaseline;
    private final QualityGate gate;
    private final OutOfFoldScorer labelNoiseScorer;

    private ProfileReporting(final ReportFormatChoice format, final DriftBaselineChoice baselineSource, final BaselineSummary fileBaseline,
                             final QualityGate gate, final OutOfFoldScorer labelNoiseScorer) {
        this.format = format;
        this.baselineSource = baselineSource;
        this.fileBaseline = fileBaseline;
        this.gate = gate;
        this.labelNoiseScorer = labelNoiseScorer;
    }

    /** For a processor's @OnScheduled: reads the Report Format, Drift Baseline (and its file), gate and Label Noise Model. */
    static ProfileReporting configure(final ProcessContext context, final EncoderLeases encoders) throws IOException {
        final DriftBaselineChoice baselineSource = context.getProperty(ProfileProperties.DRIFT_BASELINE).asAllowableValue(DriftBaselineChoice.class);
        BaselineSummary fileBaseline = null;
        if (baselineSource == DriftBaselineChoice.FILE) {
            final Path file = Path.of(context.getProperty(ProfileProperties.BASELINE_FILE).evaluateAttributeExpressions().getValue());
            fileBaseline = ProfileReportWriter.readBaseline(Files.readString(file, StandardCharsets.UTF_8));
        }
        return new ProfileReporting(context.getProperty(ProfileProperties.REPORT_FORMAT).asAllowableValue(ReportFormatChoice.class),
                baselineSource, fileBaseline, ProfileProperties.gate(context, baselineSource),
                ProfileProperties.labelNoiseScorer(context, encoders));
    }

    /**
     * For customValidate: a partial profile is judged where it is merged, so its processor may set no gate rule, no drift
     * baseline and none of the other judging properties given (set to other than their defaults).
     */
    static List<ValidationResult> validate(final ValidationContext context, final List<PropertyDescriptor> judgingProperties) {
        final List<ValidationResult> problems = new ArrayList<>();
        if (context.getProperty(ProfileProperties.REPORT_FORMAT).asAllowableValue(ReportFormatChoice.class) != ReportFormatChoice.PARTIAL_PROFILE) {
            return problems;
        }
        for (final PropertyDescriptor property : judgingProperties) {
            final String value = context.getProperty(property).getValue();
            if (value != null && !value.equals(property.getDefaultValue())) {
                problems.add(new ValidationResult.Builder().subject(property.getName()).valid(false)
                        .explanation("with Report Format '" + ReportFormatChoice.PARTIAL_PROFILE.getDisplayName() + "' the batch is judged "
                                + "where the partial profiles are merged (MergeProfiles): leave " + property.getName() + " "
                                + (property.getDefaultValue() == null ? "empty" : "at " + property.getDefaultValue()) + " here")
                        .build());
            }
        }
        return problems;
    }

    /** The gate and drift properties that {@link #validate} keeps unset on a processor writing partial profiles. */
    static List<PropertyDescriptor> judgingProperties() {
        return List.of(ProfileProperties.MIN_OVERALL_SCORE, ProfileProperties.MAX_MISSING_RATIO, ProfileProperties.MAX_DUPLICATE_RATIO,
                ProfileProperties.MAX_IMBALANCE_RATIO, ProfileProperties.DRIFT_BASELINE);
    }

    ReportFormatChoice format() {
        return format;
    }

    boolean writesPartialProfiles() {
        return format == ReportFormatChoice.PARTIAL_PROFILE;
    }

    OutOfFoldScorer labelNoiseScorer() {
        return labelNoiseScorer;
    }

    /** The drift baseline for this FlowFile (the one whose dq.profile.baseline attribute counts), or null for none. */
    BaselineSummary baseline(final ProcessSession session, final FlowFile flowFile) throws UnusableBaselineException {
        return switch (baselineSource) {
            case NONE -> null;
            case FILE -> fileBaseline;
            case FLOW_FILE_ATTRIBUTE -> BaselineAttribute.read(flowFile);
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

    /** The report with findings, drift and the gate's verdict against the baseline, when there is one. */
    ProfileReport judge(final DatasetProfile profile, final ProfileReport measured, final BaselineSummary baseline) {
        final ProfileReport base = baseline == null ? measured : measured.withFindingsAgainst(baseline);
        final DriftReport drift = baseline == null ? null : DriftCalculator.compare(baseline, profile, baselineSource.getDisplayName());
        return base.withDriftAndGate(drift, gate.evaluate(base, drift));
    }

    static boolean accepted(final ProfileReport report) {
        return report.gate() == null || report.gate().passed();
    }

    /** Writes the report into the new FlowFile (removed again when writing fails); before: the baseline shown beside it. */
    FlowFile writeReport(final ProcessSession session, final FlowFile reportFlowFile, final ProfileReport report,
                         final BaselineSummary before, final String title) {
        try {
            return session.write(reportFlowFile, out -> ProfileReportWriter.write(report, format, before, title, out));
        } catch (final ProcessException e) {
            session.remove(reportFlowFile);
            throw e;
        }
    }

    /** Writes the serialised profile into the new FlowFile (removed again when writing fails), with its mime.type and record.count. */
    static FlowFile writePartial(final ProcessSession session, final FlowFile partialFlowFile, final DatasetProfile profile) {
        final FlowFile written;
        try {
            written = session.write(partialFlowFile, out -> SerializedProfile.write(profile, out));
        } catch (final ProcessException e) {
            session.remove(partialFlowFile);
            throw e;
        }
        return session.putAllAttributes(written, Map.of(DqAttributes.MIME_TYPE, SerializedProfile.MIME_TYPE,
                DqAttributes.RECORD_COUNT, String.valueOf(profile.recordCount())));
    }

    /** With Drift Baseline 'Last Accepted Profile', an accepted batch's baseline becomes the next batch's. */
    void keepBaselineIfAccepted(final ProcessSession session, final ProfileReport report) {
        if (baselineSource != DriftBaselineChoice.LAST_ACCEPTED || !accepted(report)) {
            return;
        }
        try {
            session.setState(Map.of(STATE_BASELINE, ProfileReportWriter.baselineJson(report.baseline())), Scope.CLUSTER);
        } catch (final IOException e) {
            throw new ProcessException("Could not store the drift baseline in NiFi state", e);
        }
    }
}
