package io.nifidq.bench.thesis;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --evaluate-on validation: the records evaluated on share no text with the training sample. */
class ThesisValidationTest {

    @Test
    void validationRecordsAreTheRowsWhoseTextTheTrainingSampleDoesNotHold() {
        final LabelledRows file = new LabelledRows(List.of("a", "b", "c", "a", "d"), List.of("x", "y", "x", "y", "y"));
        final LabelledRows sample = new LabelledRows(List.of("a", "c"), List.of("x", "x"));

        final LabelledRows rest = file.excluding(sample);

        assertEquals(List.of("b", "d"), rest.texts(), "the repeated text 'a' is left out with its label y too");
        assertEquals(List.of("y", "y"), rest.labels());
    }

    @Test
    void evaluateOnTakesTestOrValidationOnly() {
        assertFalse(ThesisCommand.evaluateOnValidation("test"));
        assertTrue(ThesisCommand.evaluateOnValidation("validation"));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ThesisCommand.evaluateOnValidation("train"));
        assertEquals("--evaluate-on takes test or validation: train", e.getMessage());
    }
}
