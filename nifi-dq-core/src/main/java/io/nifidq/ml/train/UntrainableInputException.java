package io.nifidq.ml.train;

/** The records cannot be trained on (one class only, too few records per class, no usable text); the message says why. */
public final class UntrainableInputException extends Exception {

    public UntrainableInputException(final String reason) {
        super(reason);
    }
}
