package io.nifidq.ml.train;

/**
 * A training record whose given label confident learning doubts.
 *
 * @param recordIndex its 0-based position in the input
 * @param givenLabel the label it came with
 * @param predictedLabel the label the out-of-fold model found most likely
 * @param givenProbability out-of-fold probability of the given label
 * @param predictedProbability out-of-fold probability of the predicted label
 */
public record Suspect(long recordIndex, String givenLabel, String predictedLabel, double givenProbability,
                      double predictedProbability) {
}
