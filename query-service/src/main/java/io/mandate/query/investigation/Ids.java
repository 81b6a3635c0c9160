package io.mandate.query.investigation;

import io.mandate.query.web.InvalidParameterException;

import java.util.function.Function;

/** Identifiers taken from the request, checked with the published language's rules (400 naming the parameter). */
final class Ids {

    private Ids() {
    }

    /** @param parser a typed identifier's factory, e.g. {@code Jti::of}; it throws on a malformed value */
    static String require(String parameter, String value, Function<String, ?> parser) {
        try {
            parser.apply(value);
            return value;
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(parameter, "is not a valid identifier: " + e.getMessage());
        }
    }
}
