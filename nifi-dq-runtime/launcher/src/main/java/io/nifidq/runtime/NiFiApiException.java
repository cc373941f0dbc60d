package io.nifidq.runtime;

/** A NiFi REST call that answered with a status other than 2xx. */
public final class NiFiApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public NiFiApiException(final String method, final String path, final int status, final String body) {
        super(method + " " + path + " answered " + status + ": " + body);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
