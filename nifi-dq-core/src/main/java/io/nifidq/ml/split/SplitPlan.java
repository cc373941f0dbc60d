package io.nifidq.ml.split;

/**
 * Which records go to training, validation and test, as indexes into the input.
 *
 * @param train             original records of the train side and the augmented copies of their sources
 * @param validation        original records only
 * @param test              original records only
 * @param excludedAugmented augmented copies left out because their source is on the validation or test side
 */
public record SplitPlan(int[] train, int[] validation, int[] test, int excludedAugmented) {
}
