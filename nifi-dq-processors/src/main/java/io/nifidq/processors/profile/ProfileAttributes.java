package io.nifidq.processors.profile;

import io.nifidq.processors.common.DqAttributes;
import io.nifidq.processors.profile.ProfileChoices.ReportFormatChoice;
import io.nifidq.quality.profile.BaselineSummary;
import io.nifidq.quality.profile.ProfileReport;
import io.nifidq.quality.profile.ProfileReport.FieldReport;
import io.nifidq.quality.profile.SerializedProfile;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;

import java.util.HashMap;
import java.util.Map;

import static io.nifidq.processors.common.DqAttributes.Profile.BATCH;
import static io.nifidq.processors.common.DqAttributes.Profile.DRIFT_SCORE;
import static io.nifidq.processors.common.DqAttributes.Profile.DUPLICATE_RATIO;
import static io.nifidq.processors.common.DqAttributes.Profile.FINDINGS;
import static io.nifidq.processors.common.DqAttributes.Profile.GATE_VIOLATIONS;
import static io.nifidq.processors.common.DqAttributes.Profile.IMBALANCE_RATIO;
import static io.nifidq.processors.common.DqAttributes.Profile.LABEL_CLASSES;
import static io.nifidq.processors.common.DqAttributes.Profile.MISSING_RATIO;
import static io.nifidq.processors.common.DqAttributes.Profile.NEAR_DUPLICATE_RATIO;
import static io.nifidq.processors.common.DqAttributes.Profile.PARTIALS;
import static io.nifidq.processors.common.DqAttributes.Profile.SCORE_PREFIX;
import static io.nifidq.processors.common.DqAttributes.Profile.SOURCE_UUID;

/** The attributes ProfileQuality writes on the original FlowFile and on the report, from the report. */
final class ProfileAttributes {

    private static final String PROFILE_SUFFIX = ".profile.";

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

    /** On a partial profile (Report Format 'Partial Profile'): its file name and the FlowFile it profiles. */
    static Map<String, String> forPartialProfile(final FlowFile original) {
        return Map.of(CoreAttributes.FILENAME.key(), original.getAttribute(CoreAttributes.FILENAME.key()) + PROFILE_SUFFIX
                + SerializedProfile.FILE_EXTENSION, SOURCE_UUID, original.getAttribute(CoreAttributes.UUID.key()));
    }

    /**
     * On MergeProfiles' report: the measures as ProfileQuality writes them on its original (with the gate's violations), the
     * format's mime.type, a file name from the first partial's (its ".profile.dqprofile" replaced by the format's), the batch
     * and the number of partial profiles merged.
     */
    static Map<String, String> forMergedReport(final FlowFile firstPartial, final ProfileReport report, final ReportFormatChoice format,
                                               final String batch, final int partials) {
        final Map<String, String> attributes = new HashMap<>(forOriginal(report));
        attributes.put(CoreAttributes.MIME_TYPE.key(), format.mimeType());
        attributes.put(CoreAttributes.FILENAME.key(), sourceName(firstPartial) + PROFILE_SUFFIX + format.extension());
        attributes.put(BATCH, batch);
        attributes.put(PARTIALS, String.valueOf(partials));
        return attributes;
    }

    /** On MergeProfiles' merged partial profile: a file name from the first partial's, the batch and the partials merged. */
    static Map<String, String> forMergedPartial(final FlowFile firstPartial, final String batch, final int partials) {
        return Map.of(CoreAttributes.FILENAME.key(), sourceName(firstPartial) + PROFILE_SUFFIX + SerializedProfile.FILE_EXTENSION,
                BATCH, batch, PARTIALS, String.valueOf(partials));
    }

    /** The name of the file a partial profile profiled: its own name without ".profile.dqprofile". */
    static String sourceName(final FlowFile partial) {
        final String name = String.valueOf(partial.getAttribute(CoreAttributes.FILENAME.key()));
        final String suffix = PROFILE_SUFFIX + SerializedProfile.FILE_EXTENSION;
        return name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : name;
    }

    static Map<String, String> forReportFlowFile(final FlowFile original, final ProfileReport report, final ReportFormatChoice format) {
        final Map<String, String> attributes = new HashMap<>(forOriginal(report));
        attributes.remove(GATE_VIOLATIONS);
        attributes.put(CoreAttributes.MIME_TYPE.key(), format.mimeType());
        attributes.put(CoreAttributes.FILENAME.key(), original.getAttribute(CoreAttributes.FILENAME.key()) + PROFILE_SUFFIX + format.extension());
        attributes.put(SOURCE_UUID, original.getAttribute(CoreAttributes.UUID.key()));
        return attributes;
    }
}
