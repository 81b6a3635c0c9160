package io.mandate.command.client;

/** A client command that breaks a rule; names the request field so the API can say which (400). */
class ClientRejectedException extends RuntimeException {

    private final String field;
    private final String reason;

    ClientRejectedException(String field, String reason) {
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
