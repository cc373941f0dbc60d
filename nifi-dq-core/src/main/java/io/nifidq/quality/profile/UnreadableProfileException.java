package io.nifidq.quality.profile;

import java.io.IOException;

/**
 * Bytes that are not a serialised profile this version can read: not one at all, from a newer format, truncated or
 * corrupt. The message says which, in words for a user (a FlowFile's dq.error).
 */
public class UnreadableProfileException extends IOException {

    public UnreadableProfileException(final String message) {
        super(message);
    }

    public UnreadableProfileException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
