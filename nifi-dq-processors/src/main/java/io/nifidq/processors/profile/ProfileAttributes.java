package io.nifidq.processors.profile;

import io.nifidq.processors.common.DqAttributes;
import io.nifidq.processors.profile.ProfileChoices.ReportFormatChoice;
import io.nifidq.quality.profile.BaselineSummary;
import io.nifidq.quality.profile.ProfileReport;
import io.nifidq.quality.profile.ProfileReport.FieldReport;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;

import java.util.HashMap;
import java.util.Map;

import static io.nifidq.processors.common.DqAttributes.Profile.DRIFT_SCORE;
import static io.nifidq.processors.common.DqAttributes.Profile.DUPLICATE_RATIO;
import static io.nifidq.processors.common.DqAttributes.Profile.FINDINGS;
import static io.nifidq.processors.common.DqAttributes.Profile.GATE_VIOLATIONS;
import static io.nifidq.processors.common.DqAttributes.Profile.IMBALANCE_RATIO;
import static io.nifidq.processors.common.DqAttributes.Profile.LABEL_CLASSES;
import static io.nifidq.processors.common.DqAttributes.Profile.MISSING_RATIO;
import static io.nifidq.processors.common.DqAttributes.Profile.NEAR_DUPLICATE_RATIO;
import static io.nifidq.processors.common.DqAttributes.Profile.SCORE_PREFIX;
import static io.nifidq.processors.common.DqAttributes.Profile.SOURCE_UUID;

/** The attributes ProfileQuality writes on the original FlowFile and on the report, from the report. */
final class ProfileAttributes {

    private ProfileAttributes() {
    }

    static Map<String, String> forOriginal(final ProfileReport report) {
        final Map<String, String> attributes = new HashMap<>();
        attributes.put(DqAttributes.RECORD_COUNT, String.valueOf(report.recordCount()));
        // The measured scores by name, as the baseline keeps them: one list of the dimensions.
        BaselineSummary.scoreMap(report.scores()).forEach((dimension, score) -> attributes.put(SCORE_PREFIX + dimension,
                String.valueOf(score)));
        long cells = 0;
        long missing = 0;
        for (final FieldReport field : report.fields()) {
            cells += field.count();
            missing += field.missing().total();
        }
        attributes.put(MISSING_RATIO, String.valueOf(cells == 0 ? 0.0 : Math.round(1e6 * missing / (double) cells) / 1e6));
        attributes.put(DUPLICATE_RATIO, String.valueOf(report.duplicates().exactDuplicateRatio()));
        if (report.duplicates().nearDuplicates() != null) {
            attributes.put(NEAR_DUPLICATE_RATIO, String.valueOf(report.duplicates().nearDuplicates().ratio()));
        }
        if (report.labels() != null) {
            attributes.put(LABEL_CLASSES, String.valueOf(report.labels().classCount()));
            attributes.put(IMBALANCE_RATIO, String.valueOf(report.labels().imbalanceRatio()));
        }
        attributes.put(FINDINGS, String.join(",", report.findingNames()));
        if (report.drift() != null) {
            attributes.put(DRIFT_SCORE, String.valueOf(report.drift().score()));
        }
        if (report.gate() != null && !report.gate().passed()) {
            attributes.put(GATE_VIOLATIONS, String.join("; ", report.gate().violations()));
        }
        return attributes;
    }

    static Map<String, String> forReportFlowFile(final FlowFile original, final ProfileReport report, final ReportFormatChoice format) {
        final Map<String, String> attributes = new HashMap<>(forOriginal(report));
        attributes.remove(GATE_VIOLATIONS);
        attributes.put(CoreAttributes.MIME_TYPE.key(), format.mimeType());
        attributes.put(CoreAttributes.FILENAME.key(), original.getAttribute(CoreAttributes.FILENAME.key()) + ".profile." + format.extension());
        attributes.put(SOURCE_UUID, original.getAttribute(CoreAttributes.UUID.key()));
        return attributes;
    }
}
