package io.mandate.dashboard.queryapi;

/** The query-service could not give an answer; {@link #reason()} says why, for a human message. */
public class QueryServiceException extends RuntimeException {

    /** Why the call failed, from the reader's point of view. */
    public enum Reason {
        /** Nothing answered: the service is down, or the address is wrong, or it timed out. */
        UNREACHABLE,
        /** It answered 401: it does not know the dashboard's service credential. */
        CREDENTIALS_REFUSED,
        /** It answered 403: the credential of this person's role may not do this. */
        FORBIDDEN,
        /** It answered 404: nothing is known of what was asked. */
        NOT_FOUND,
        /** It answered 400 or 409: the request itself was refused; {@link #detail()} says why. */
        REJECTED,
        /** It answered with an error or with something unreadable. */
        FAILED
    }

    private final Reason reason;
    private final String detail;

    public QueryServiceException(Reason reason, String message, Throwable cause) {
        this(reason, message, null, cause);
    }

    public QueryServiceException(Reason reason, String message, String detail, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.detail = detail;
    }

    public Reason reason() {
        return reason;
    }

    /** The query-service's own sentence ({@code detail} of its problem document), when it gave one. */
    public String detail() {
        return detail;
    }
}
