package io.mandate.command.web;

/**
 * A request that breaks a rule, naming the request field (JSON path, path variable or header) so
 * the answer can say which: a 400 problem whose {@code errors} member lists that field. One type for
 * every feature, because the answer does not depend on which feature refused.
 */
public final class InvalidFieldException extends RuntimeException {

    private final String field;
    private final String reason;

    public InvalidFieldException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
