package io.nifidq.processors.common;

import java.io.IOException;

/**
 * Content a processor will not pass on as records, with the reason in words for dq.error. An IOException so that it can
 * leave a write callback, which leaves the FlowFile as it was.
 */
public class RefusedContentException extends IOException {

    public RefusedContentException(final String reason) {
        super(reason);
    }
}
