package io.nifidq.processors.common;

/**
 * Every FlowFile attribute the nifi-dq processors write, named once for the code and for @WritesAttribute: NiFi's own
 * record.count and mime.type, the dq.* names several processors share, then each processor's own under its prefix.
 */
public final class DqAttributes {

    public static final String RECORD_COUNT = "record.count";
    public static final String MIME_TYPE = "mime.type";
    /** NiFi's own fragment attributes, which its split processors write and MergeProfiles reads by default. */
    public static final String FRAGMENT_IDENTIFIER = "fragment.identifier";
    public static final String FRAGMENT_COUNT = "fragment.count";
    public static final String FRAGMENT_INDEX = "fragment.index";
    /** Why a FlowFile went to failure. */
    public static final String ERROR = "dq.error";
    public static final String RECORDS_IN = "dq.records.in";
    public static final String RECORDS_REJECTED = "dq.records.rejected";
    public static final String MODEL_VERSION = "dq.model.version";
    public static final String MODEL_PATH = "dq.model.path";
    public static final String MODEL_DEVICE = "dq.model.device";

    private DqAttributes() {
    }

    /**
     * ProfileQuality's measures of a batch. They stand directly under dq. (not dq.profile.) because users' flows route on
     * them (RouteOnAttribute on dq.score.overall, the example flows, ./dq run); renaming them would break those flows.
     */
    public static final class Profile {
        public static final String SCORE_PREFIX = "dq.score.";
        public static final String MISSING_RATIO = "dq.missing.ratio";
        public static final String DUPLICATE_RATIO = "dq.duplicate.ratio";
        public static final String NEAR_DUPLICATE_RATIO = "dq.near.duplicate.ratio";
        public static final String LABEL_CLASSES = "dq.label.classes";
        public static final String IMBALANCE_RATIO = "dq.imbalance.ratio";
        public static final String DRIFT_SCORE = "dq.drift.score";
        public static final String FINDINGS = "dq.findings";
        public static final String GATE_VIOLATIONS = "dq.gate.violations";
        public static final String SOURCE_UUID = "dq.profile.source.uuid";
        /** The batch's baseline summary as compact JSON, for a ProfileQuality downstream (Drift Baseline 'FlowFile Attribute'). */
        public static final String BASELINE = "dq.profile.baseline";
        /** MergeProfiles: how many partial profiles the merged report is made of. */
        public static final String PARTIALS = "dq.profile.partials";
        /** MergeProfiles: the batch identifier its partial profiles shared. */
        public static final String BATCH = "dq.profile.batch";

        private Profile() {
        }
    }

    /** CleanRecords: what each step did, and the standardisation parameters for the next FlowFile. */
    public static final class Clean {
        public static final String PREFIX = "dq.clean.";
        public static final String STANDARDIZE_PREFIX = PREFIX + "standardize.";

        private Clean() {
        }
    }

    /** AugmentText's counts. */
    public static final class Augment {
        public static final String PREFIX = "dq.augment.";
        public static final String GENERATED = PREFIX + "generated";
        public static final String UNCHANGED = PREFIX + "unchanged";
        public static final String EMPTY_TEXTS = PREFIX + "texts.empty";
        public static final String UNLABELLED = PREFIX + "unlabelled";
        public static final String CLASSES = PREFIX + "classes";
        public static final String CLASS_PREFIX = PREFIX + "class.";
        public static final String LANGUAGE_PREFIX = PREFIX + "language.";
        public static final String OPERATION_PREFIX = PREFIX + "operation.";

        private Augment() {
        }
    }

    /** TrainClassifier's evaluation and run. */
    public static final class Train {
        public static final String MACRO_F1 = "dq.train.macro.f1";
        public static final String ACCURACY = "dq.train.accuracy";
        public static final String EPOCHS = "dq.train.epochs";
        public static final String DEVICE = "dq.train.device";
        public static final String SUSPECTS = "dq.train.suspects";

        private Train() {
        }
    }

    /** ClassifyText's counts. */
    public static final class Classify {
        public static final String RECORDS_LOW_CONFIDENCE = "dq.classify.records.low.confidence";
        public static final String RECORDS_WITHOUT_TEXT = "dq.classify.records.without.text";

        private Classify() {
        }
    }
}
