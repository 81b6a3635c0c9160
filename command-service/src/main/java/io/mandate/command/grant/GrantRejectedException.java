package io.mandate.command.grant;

/** A CreateGrant that breaks a grant rule; names the request field so the API can say which. */
class GrantRejectedException extends RuntimeException {

    private final String field;
    private final String reason;

    GrantRejectedException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    String field() {
        return field;
    }

    String reason() {
        return reason;
    }
}
