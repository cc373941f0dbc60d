package io.nifidq.processors.common;

import io.nifidq.processors.augment.AugmentChoices.AugmentationModeChoice;
import io.nifidq.processors.augment.AugmentChoices.LanguageChoice;
import io.nifidq.processors.augment.AugmentChoices.OperationsPerCopyChoice;
import io.nifidq.processors.augment.AugmentChoices.SegmenterChoice;
import io.nifidq.processors.clean.CleanChoices.ActionChoice;
import io.nifidq.processors.clean.CleanChoices.LabelConflictsChoice;
import io.nifidq.processors.clean.CleanChoices.MissingValuesChoice;
import io.nifidq.processors.clean.CleanChoices.OutlierMethodChoice;
import io.nifidq.processors.clean.CleanChoices.StandardizationChoice;
import io.nifidq.processors.common.Choice.Wording;
import io.nifidq.processors.profile.ProfileChoices.DriftBaselineChoice;
import io.nifidq.processors.profile.ProfileChoices.LabelNoiseModelChoice;
import io.nifidq.processors.profile.ProfileChoices.ReportFormatChoice;
import io.nifidq.processors.train.TrainChoices.ClassWeightsChoice;
import io.nifidq.processors.train.TrainChoices.EncoderChoice;
import io.nifidq.processors.train.TrainChoices.LabelNoiseChoice;
import io.nifidq.processors.train.TrainChoices.ModelTypeChoice;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChoiceTest {

    /** The values users' flows hold for each choice (docs/flows/*.json among them): they never change. */
    private static final Map<Class<? extends Choice>, List<String>> STORED_VALUES = new LinkedHashMap<>();

    static {
        STORED_VALUES.put(ReportFormatChoice.class, List.of("JSON", "CSV", "HTML", "PARTIAL_PROFILE"));
        STORED_VALUES.put(DriftBaselineChoice.class, List.of("NONE", "LAST_ACCEPTED", "FILE", "FLOW_FILE_ATTRIBUTE"));
        STORED_VALUES.put(LabelNoiseModelChoice.class, List.of("WORD_NAIVE_BAYES", "PRETRAINED_ENCODER"));
        STORED_VALUES.put(MissingValuesChoice.class, List.of("KEEP", "DROP_RECORD", "FILL_CONSTANT", "MEAN", "MEDIAN", "MODE"));
        STORED_VALUES.put(OutlierMethodChoice.class, List.of("OFF", "IQR", "Z_SCORE"));
        STORED_VALUES.put(StandardizationChoice.class, List.of("OFF", "Z_SCORE", "MIN_MAX"));
        STORED_VALUES.put(LabelConflictsChoice.class, List.of("KEEP", "MAJORITY", "REJECT"));
        STORED_VALUES.put(ActionChoice.class, List.of("REPAIR", "REJECT"));
        STORED_VALUES.put(AugmentationModeChoice.class, List.of("COPIES", "REBALANCE"));
        STORED_VALUES.put(OperationsPerCopyChoice.class, List.of("ONE", "ALL"));
        STORED_VALUES.put(LanguageChoice.class, List.of("AUTO", "ENGLISH", "CHINESE", "NONE"));
        STORED_VALUES.put(SegmenterChoice.class, List.of("VITERBI", "MAXIMUM_MATCHING"));
        STORED_VALUES.put(ModelTypeChoice.class, List.of("FASTTEXT", "TEXTCNN", "PRETRAINED_ENCODER", "FINE_TUNED_ENCODER"));
        STORED_VALUES.put(EncoderChoice.class, List.of("ENGLISH", "CHINESE", "DETECTED", "DIRECTORY"));
        STORED_VALUES.put(ClassWeightsChoice.class, List.of("AUTO", "NONE", "INVERSE"));
        STORED_VALUES.put(LabelNoiseChoice.class, List.of("OFF", "FLAG", "PRUNE", "RELABEL"));
    }

    @Test
    void everyChoiceKeepsTheValuesUsersFlowsHoldAndMapsOntoItsPlainConstant() {
        // Loading each enum maps its constants onto nifi-dq-core's by name; a renamed constant fails here.
        STORED_VALUES.forEach((choice, values) ->
                assertEquals(values, Arrays.stream(choice.getEnumConstants()).map(Choice::getValue).toList(), choice.getSimpleName()));
    }

    @Test
    void everyConstantHasADisplayNameAndADescription() {
        STORED_VALUES.keySet().forEach(choice -> Arrays.stream(choice.getEnumConstants()).forEach(constant -> {
            assertFalse(constant.getDisplayName().isBlank(), constant.toString());
            assertFalse(constant.getDescription().isBlank(), constant.toString());
        }));
        assertEquals("Z-Score", OutlierMethodChoice.Z_SCORE.getDisplayName());
        assertEquals("Dictionary Matching", SegmenterChoice.MAXIMUM_MATCHING.getDisplayName());
    }

    private enum Unworded implements Choice {
        @Wording(displayName = "Worded", description = "Has its wording.")
        WORDED,
        BARE
    }

    @Test
    void aConstantWithoutWordingSaysWhichOneItIs() {
        assertEquals("Has its wording.", Unworded.WORDED.getDescription());
        assertEquals("Unworded.BARE has no @Wording",
                assertThrows(IllegalStateException.class, Unworded.BARE::getDisplayName).getMessage());
    }
}
