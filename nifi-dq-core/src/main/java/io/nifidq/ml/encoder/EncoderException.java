package io.nifidq.ml.encoder;

import java.io.IOException;

/** An encoder directory that is missing, incomplete, corrupt or not an encoder this code runs; the message names the file and the check. */
public class EncoderException extends IOException {

    public EncoderException(final String message) {
        super(message);
    }

    public EncoderException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
