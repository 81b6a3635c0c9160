package io.mandate.messages.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A token's identifier (RFC 7519 `jti`); events carry this, never the token itself. */
public record Jti(@JsonValue String value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Jti {
        Identifiers.require(value, "Jti");
    }

    public static Jti of(String value) {
        return new Jti(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
