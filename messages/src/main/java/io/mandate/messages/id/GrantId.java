package io.mandate.messages.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A user's grant to an agent: the root of every delegation chain derived from it. */
public record GrantId(@JsonValue String value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public GrantId {
        Identifiers.require(value, "GrantId");
    }

    public static GrantId of(String value) {
        return new GrantId(value);
    }

    /** A fresh, unguessable grant identifier. */
    public static GrantId random() {
        return new GrantId("grt_" + java.util.UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value;
    }
}
