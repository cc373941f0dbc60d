package io.nifidq.ml.model;

import java.io.IOException;

/** A model directory that is missing, incomplete, corrupt or of a format this code does not read; the message says which. */
public class ModelStoreException extends IOException {

    public ModelStoreException(final String message) {
        super(message);
    }

    public ModelStoreException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
