package io.mandate.command.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.mandate.command.web.InvalidFieldException;
import io.mandate.messages.client.ClientCredentials;
import io.mandate.messages.client.TokenEndpointAuthMethod;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Credentials about to be set, from a request's {@code tokenEndpointAuthMethod} and {@code jwks}: what the
 * command records (a hash or public keys) and, for {@code client_secret_basic}, the secret to show the
 * caller once. The secret lives only here and in that one response.
 *
 * @param secret the generated secret, or null when the method has none
 */
record NewCredentials(ClientCredentials credentials, String secret) {

    static final TokenEndpointAuthMethod DEFAULT_METHOD = TokenEndpointAuthMethod.CLIENT_SECRET_BASIC;

    /**
     * @param method the wire name (RFC 7591 §2); null means {@link #DEFAULT_METHOD}
     * @param jwks   required for {@code private_key_jwt}, refused for the other methods
     */
    static NewCredentials from(String method, JsonNode jwks) {
        TokenEndpointAuthMethod parsed = method == null ? DEFAULT_METHOD : parse(method);
        boolean jwksGiven = jwks != null && !jwks.isNull();
        if (parsed != TokenEndpointAuthMethod.PRIVATE_KEY_JWT && jwksGiven) {
            throw new InvalidFieldException("jwks", "is only accepted with tokenEndpointAuthMethod private_key_jwt");
        }
        return switch (parsed) {
            case PRIVATE_KEY_JWT -> {
                if (!jwksGiven) {
                    throw new InvalidFieldException("jwks", "is required for private_key_jwt (RFC 7523 §2.2)");
                }
                yield new NewCredentials(new ClientCredentials(parsed, null, PublicJwks.require(jwks)), null);
            }
            case CLIENT_SECRET_BASIC -> {
                String secret = ClientSecrets.generate();
                yield new NewCredentials(new ClientCredentials(parsed, ClientSecrets.hash(secret), null), secret);
            }
            case NONE -> new NewCredentials(ClientCredentials.none(), null);
        };
    }

    private static TokenEndpointAuthMethod parse(String method) {
        try {
            return TokenEndpointAuthMethod.fromWireName(method);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("tokenEndpointAuthMethod", "must be one of " + Arrays.stream(
                    TokenEndpointAuthMethod.values()).map(TokenEndpointAuthMethod::wireName).collect(Collectors.joining(", ")));
        }
    }

    /** Never prints the secret (records print every component). */
    @Override
    public String toString() {
        return "NewCredentials[" + credentials.method().wireName() + (secret == null ? "]" : ", secret=<redacted>]");
    }
}
