package io.nifidq.processors;

import io.nifidq.quality.profile.ProfileReport;
import io.nifidq.quality.profile.ProfileReport.FieldReport;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;

import java.util.HashMap;
import java.util.Map;

/** The attributes ProfileQuality writes, named once for the code and the @WritesAttribute documentation. */
final class ProfileAttributes {

    static final String RECORD_COUNT = "record.count";
    static final String SCORE_PREFIX = "dq.score.";
    static final String MISSING_RATIO = "dq.missing.ratio";
    static final String DUPLICATE_RATIO = "dq.duplicate.ratio";
    static final String NEAR_DUPLICATE_RATIO = "dq.near.duplicate.ratio";
    static final String LABEL_CLASSES = "dq.label.classes";
    static final String IMBALANCE_RATIO = "dq.imbalance.ratio";
    static final String DRIFT_SCORE = "dq.drift.score";
    static final String FINDINGS = "dq.findings";
    static final String GATE_VIOLATIONS = "dq.gate.violations";
    static final String ERROR = "dq.error";
    static final String PROFILE_SOURCE = "dq.profile.source.uuid";

    private ProfileAttributes() {
    }

    static Map<String, String> forOriginal(final ProfileReport report) {
        final Map<String, String> attributes = new HashMap<>();
        attributes.put(RECORD_COUNT, String.valueOf(report.recordCount()));
        final ProfileReport.Scores scores = report.scores();
        putScore(attributes, "overall", scores.overall());
        putScore(attributes, "completeness", scores.completeness());
        putScore(attributes, "validity", scores.validity());
        putScore(attributes, "consistency", scores.consistency());
        putScore(attributes, "uniqueness", scores.uniqueness());
        putScore(attributes, "balance", scores.balance());
        putScore(attributes, "noise", scores.noise());
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

    static Map<String, String> forReportFlowFile(final FlowFile original, final ProfileReport report, final ReportFormat format) {
        final Map<String, String> attributes = new HashMap<>(forOriginal(report));
        attributes.remove(GATE_VIOLATIONS);
        attributes.put(CoreAttributes.MIME_TYPE.key(), format.mimeType());
        attributes.put(CoreAttributes.FILENAME.key(), original.getAttribute(CoreAttributes.FILENAME.key()) + ".profile." + format.extension());
        attributes.put(PROFILE_SOURCE, original.getAttribute(CoreAttributes.UUID.key()));
        return attributes;
    }

    private static void putScore(final Map<String, String> attributes, final String dimension, final Double score) {
        if (score != null) {
            attributes.put(SCORE_PREFIX + dimension, String.valueOf(score));
        }
    }

    /** A one-line reason for dq.error: the exception's message and the first cause that says more. */
    static String describe(final Throwable error) {
        final StringBuilder reason = new StringBuilder(error.getClass().getSimpleName());
        if (error.getMessage() != null) {
            reason.append(": ").append(error.getMessage());
        }
        final Throwable cause = error.getCause();
        if (cause != null && cause.getMessage() != null && !cause.getMessage().equals(error.getMessage())) {
            reason.append(" (caused by ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage()).append(')');
        }
        return reason.length() > 1000 ? reason.substring(0, 1000) + "\u2026" : reason.toString();
    }
}
