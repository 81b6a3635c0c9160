package io.mandate.command.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mandate.command.registry.ClientRegistration;
import io.mandate.command.registry.ClientStatus;
import io.mandate.messages.client.RegistrationPath;
import io.mandate.messages.client.TokenEndpointAuthMethod;
import io.mandate.messages.grant.ClientKind;

import java.time.Instant;
import java.util.List;

/**
 * A client as the admin API shows it, read from the command side's registry. Never a secret's hash;
 * the secret itself only in the one response that set it.
 *
 * @param tokenEndpointAuthMethod how it authenticates at the token endpoint; null for a client
 *                                registered before credentials existed (set them by rotation)
 * @param credentialsSetAt        when the current credentials were set (registration or rotation)
 * @param clientSecret            the new {@code client_secret_basic} secret, in the registration or
 *                                rotation response that generated it, and nowhere else
 */
record ClientView(String clientId, ClientKind kind, String name, String owner, List<String> allowedScopes,
                  List<String> resourceUris, List<String> redirectUris, RegistrationPath registrationPath,
                  ClientStatus status, Instant registeredAt,
                  TokenEndpointAuthMethod tokenEndpointAuthMethod, Instant credentialsSetAt,
                  @JsonInclude(JsonInclude.Include.NON_NULL) String clientSecret) {

    static ClientView of(ClientRegistration client) {
        return new ClientView(client.clientId().value(), client.kind(), client.name(), client.owner(),
                client.allowedScopes().asList(), client.resourceUris(), client.redirectUris(), client.registrationPath(),
                client.status(), client.registeredAt(),
                client.tokenEndpointAuthMethod(), client.credentialsSetAt(), null);
    }

    ClientView withSecret(String secret) {
        return new ClientView(clientId, kind, name, owner, allowedScopes, resourceUris, redirectUris, registrationPath,
                status, registeredAt,
                tokenEndpointAuthMethod, credentialsSetAt, secret);
    }

    /** Never prints the secret (records print every component). */
    @Override
    public String toString() {
        return "ClientView[" + clientId + ", " + status + ", " + tokenEndpointAuthMethod + "]";
    }
}
