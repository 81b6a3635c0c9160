package io.mandate.command.revocation;

/** A revoke request whose syntax is wrong; names the request field (path variable or header). */
class RevocationRejectedException extends RuntimeException {

    private final String field;
    private final String reason;

    RevocationRejectedException(String field, String reason) {
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
