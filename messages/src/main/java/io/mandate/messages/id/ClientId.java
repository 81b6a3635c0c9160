package io.mandate.messages.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** An OAuth client (agent, MCP server, application or resource server): `client_id` / `azp`. */
public record ClientId(@JsonValue String value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ClientId {
        Identifiers.require(value, "ClientId");
    }

    public static ClientId of(String value) {
        return new ClientId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
