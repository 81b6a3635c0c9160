package io.mandate.command.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/clients/{clientId}/credentials}: the method to authenticate with from now
 * on and, for {@code private_key_jwt}, the public JWK set (RFC 7591 §2 {@code token_endpoint_auth_method},
 * {@code jwks}).
 */
record CredentialsRequest(@NotBlank @Size(max = 64) String tokenEndpointAuthMethod, JsonNode jwks) {

    NewCredentials toCredentials() {
        return NewCredentials.from(tokenEndpointAuthMethod, jwks);
    }
}
