package io.mandate.dashboard.queryapi;

/** The query-service could not give an answer; {@link #reason()} says why, for a human message. */
public class QueryServiceException extends RuntimeException {

    /** Why the call failed, from the reader's point of view. */
    public enum Reason {
        /** Nothing answered: the service is down, or the address is wrong, or it timed out. */
        UNREACHABLE,
        /** It answered, but refused the dashboard's service credential. */
        CREDENTIALS_REFUSED,
        /** It answered with an error or with something that is not a grant list. */
        FAILED
    }

    private final Reason reason;

    public QueryServiceException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
