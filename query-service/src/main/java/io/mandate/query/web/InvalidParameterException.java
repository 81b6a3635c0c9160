package io.mandate.query.web;

/** A request parameter that is syntactically fine but out of range; answered with 400 naming it. */
public class InvalidParameterException extends RuntimeException {

    private final String parameter;

    public InvalidParameterException(String parameter, String reason) {
        super("'" + parameter + "' " + reason);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
