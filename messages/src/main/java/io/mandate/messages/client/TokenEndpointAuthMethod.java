package io.mandate.messages.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** How a client authenticates at the token endpoint (RFC 7591 §2 {@code token_endpoint_auth_method}). */
public enum TokenEndpointAuthMethod {

    /** A shared secret in HTTP Basic (RFC 6749 §2.3.1); Mandate keeps only its hash. */
    CLIENT_SECRET_BASIC("client_secret_basic"),
    /** A JWT signed with the client's own key (RFC 7523 §2.2); Mandate keeps only the public keys. */
    PRIVATE_KEY_JWT("private_key_jwt"),
    /** No credentials: such a client can be an audience but never obtains a token. */
    NONE("none");

    private final String wireName;

    TokenEndpointAuthMethod(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static TokenEndpointAuthMethod fromWireName(String wireName) {
        return Arrays.stream(values()).filter(method -> method.wireName.equals(wireName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown token_endpoint_auth_method: " + wireName));
    }
}
