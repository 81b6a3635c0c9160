package io.mandate.issuer.registration;

import io.mandate.messages.client.RegistrationPath;
import io.mandate.messages.client.TokenEndpointAuthMethod;
import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.Scopes;

import java.util.List;

/**
 * What the authorization endpoint needs to know of a client: who it is, where it may be sent back
 * (exact matching, RFC 6749 §3.1.2), the most it may hold, and how it authenticates (null when the
 * projection has not seen its credentials yet).
 */
public record ResolvedClient(String clientId,
                             ClientKind kind,
                             String name,
                             List<String> redirectUris,
                             Scopes allowedScopes,
                             TokenEndpointAuthMethod tokenEndpointAuthMethod,
                             RegistrationPath registrationPath,
                             boolean active) {

    public ResolvedClient {
        redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
    }
}
