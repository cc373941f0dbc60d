package io.nifidq.processors.profile;

import io.nifidq.processors.common.Choice;
import io.nifidq.processors.common.Choice.Wording;
import io.nifidq.quality.profile.EncoderHeadScorer;
import io.nifidq.quality.profile.SerializedProfile;

/** The choices of ProfileQuality's properties. */
public final class ProfileChoices {

    private ProfileChoices() {
    }

    /** How the profile report is written. */
    public enum ReportFormatChoice implements Choice {
        @Wording(displayName = "JSON", description = "The whole report as one JSON document (schema in docs/profile-report.md).")
        JSON("application/json", "json"),
        @Wording(displayName = "CSV",
                description = "The same report flattened to rows of metric,value (for spreadsheets), written with OpenCSV.")
        CSV("text/csv", "csv"),
        @Wording(displayName = "HTML",
                description = "One self-contained page for people (inline SVG charts; nothing fetched): scores with what they mean, "
                        + "findings in sentences, per-field, text and label statistics, example records and, with a Drift Baseline, "
                        + "the figures before and after side by side. Costs a few milliseconds and tens of kilobytes more per report "
                        + "than JSON (about 60 KB for ten fields); the figures are the JSON report's. Near duplicates are shown beside "
                        + "the earlier text they resemble: when the report's sample did not keep that text, the content is read a "
                        + "second time, only up to the last of those earlier records (at most five texts are kept), and only for a page with "
                        + "near duplicates.")
        HTML("text/html", "html"),
        @Wording(displayName = "Partial Profile (to merge)",
                description = "Not a report: the profile itself, serialised (" + SerializedProfile.MIME_TYPE + "), for MergeProfiles "
                        + "to merge with the profiles of the batch's other parts (made on other nodes of a cluster, or of other "
                        + "fragments) into the report of the whole batch. The quality gate, the drift baseline and Write Baseline "
                        + "Attribute belong to that MergeProfiles and must be left unset here; the original FlowFile goes on to "
                        + "'success' with record.count only. The size grows with the records: 8 bytes per distinct record, 16 per "
                        + "distinct labelled text, plus the near-duplicate index (about 260 bytes per indexed text) and the "
                        + "label-noise sample (at most 10,000 texts of at most 1,000 characters).")
        PARTIAL_PROFILE(SerializedProfile.MIME_TYPE, SerializedProfile.FILE_EXTENSION);

        private final String mimeType;
        private final String extension;

        ReportFormatChoice(final String mimeType, final String extension) {
            this.mimeType = mimeType;
            this.extension = extension;
        }

        String mimeType() {
            return mimeType;
        }

        String extension() {
            return extension;
        }
    }

    /** What a batch is compared with to measure drift. */
    public enum DriftBaselineChoice implements Choice {
        @Wording(displayName = "None", description = "No drift is measured.")
        NONE,
        @Wording(displayName = "Last Accepted Profile",
                description = "The last batch that passed the quality gate, kept in cluster-scoped NiFi state. The first batch "
                        + "has nothing to compare with and becomes the baseline when it passes.")
        LAST_ACCEPTED,
        @Wording(displayName = "Baseline File",
                description = "A profile report written earlier by ProfileQuality (JSON), or its 'baseline' section alone.")
        FILE,
        @Wording(displayName = "FlowFile Attribute",
                description = "The baseline summary in the incoming FlowFile's dq.profile.baseline attribute, written by a "
                        + "ProfileQuality upstream with Write Baseline Attribute set: the same data before a cleaning step, say. "
                        + "A FlowFile without the attribute, or with one that is not a baseline summary, goes to 'failure'.")
        FLOW_FILE_ATTRIBUTE
    }

    /** Which model's out-of-fold probabilities the label-noise check reads. */
    public enum LabelNoiseModelChoice implements Choice {
        @Wording(displayName = "Word Naive Bayes",
                description = "A multinomial naive Bayes over hashed words and word pairs, on the whole sample of up to 10,000 "
                        + "labelled texts: well under a second per report and no model to load, but it sees only words, so texts "
                        + "whose class shows in their meaning look mislabelled to it (a higher floor of suspects).")
        WORD_NAIVE_BAYES,
        @Wording(displayName = "Pretrained Encoder",
                description = "A head (softmax regression or small MLP) trained per fold on a pretrained encoder's sentence "
                        + "vectors, cleanlab's recommended practice: the bundled BGE small v1.5 of the texts' language (English or "
                        + "Chinese), or the Encoder Directory. Checks the first " + EncoderHeadScorer.MAX_TEXTS + " texts of the "
                        + "sample; embedding runs at about 100 to 350 short texts per second on 2 CPU cores and the five heads take "
                        + "about as long again, so a report with 2,000 or more labelled texts takes up to about a minute more (44 s "
                        + "measured for 2,000 SMS messages on 2 busy cores), and the encoder holds about 100 MB while the processor runs.")
        PRETRAINED_ENCODER
    }
}
