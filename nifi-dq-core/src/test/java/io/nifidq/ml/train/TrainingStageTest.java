package io.nifidq.ml.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TrainingStageTest {

    @Test
    void aFoldModelSaysItsPassAndFoldAndTheFinalModelSaysSo() {
        assertEquals("label-noise pass 1 of 2, fold 3 of 5", new TrainingStage(1, 2, 3, 5, 800).describe());
        assertEquals("final model", TrainingStage.finalModel(1000).describe());
    }

    @Test
    void recordsPerSecondCountEveryEpochsRecords() {
        assertEquals(3000.0, TrainingStage.finalModel(1000).recordsPerSecond(3, 1000));
        assertEquals(0.0, TrainingStage.finalModel(1000).recordsPerSecond(1, 0));
    }
}
