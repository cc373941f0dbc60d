package io.nifidq.processors.profile;

import io.nifidq.processors.common.DqAttributes;
import io.nifidq.quality.profile.BaselineSummary;
import org.apache.nifi.flowfile.FlowFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A baseline summary handed downstream on the FlowFile, in {@link DqAttributes.Profile#BASELINE}: the compact JSON a
 * Baseline File holds, written only up to {@link #MAX_BYTES} so that a wide table cannot bloat the FlowFile and
 * provenance repositories.
 */
final class BaselineAttribute {

    /** The largest summary written: far above a usual table's few KB, far below what slows NiFi's repositories. */
    static final int MAX_BYTES = 64 * 1024;

    /** Why a FlowFile's attribute cannot be the drift baseline; its message is the FlowFile's dq.error. */
    static final class UnusableBaselineException extends Exception {
        UnusableBaselineException(final String message, final Throwable cause) {
            super(message, cause);
        }
    }

    private BaselineAttribute() {
    }

    /** The attribute's value, or null when the summary is longer than {@link #MAX_BYTES} in UTF-8. */
    static String valueOf(final BaselineSummary baseline) throws IOException {
        final String json = ProfileReportWriter.baselineJson(baseline);
        return json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES ? null : json;
    }

    /** The baseline the FlowFile carries; the exception says why there is none, or why it is not one. */
    static BaselineSummary read(final FlowFile flowFile) throws UnusableBaselineException {
        final String json = flowFile.getAttribute(DqAttributes.Profile.BASELINE);
        if (json == null || json.isBlank()) {
            throw new UnusableBaselineException("Drift Baseline is 'FlowFile Attribute' but the FlowFile has no "
                    + DqAttributes.Profile.BASELINE + " attribute: set Write Baseline Attribute on the ProfileQuality upstream", null);
        }
        try {
            return ProfileReportWriter.readBaseline(json);
        } catch (final IOException | RuntimeException e) {
            final String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new UnusableBaselineException("The " + DqAttributes.Profile.BASELINE + " attribute is not a baseline summary: "
                    + reason, e);
        }
    }
}
