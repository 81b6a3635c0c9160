package io.mandate.messages.client;

import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A client joined Mandate. Its {@code allowedScopes} are the most it may ever hold: no grant
 * for it and no token it holds may exceed them.
 *
 * @param owner        who answers for the client (a user id or a team name)
 * @param resourceUris for resource servers and MCP servers: the audiences (RFC 8707 resource
 *                     indicators) they serve; empty for other kinds
 * @param registeredBy the admin principal, or the registration path's caller
 */
public record ClientRegistered(ClientId clientId,
                               ClientKind kind,
                               String name,
                               String owner,
                               Scopes allowedScopes,
                               List<String> resourceUris,
                               RegistrationPath registrationPath,
                               String registeredBy,
                               Instant registeredAt) implements ClientEvent {

    public static final int REVISION = 1;

    public ClientRegistered {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(allowedScopes, "allowedScopes");
        resourceUris = resourceUris == null ? List.of() : List.copyOf(resourceUris);
        Objects.requireNonNull(registrationPath, "registrationPath");
        Objects.requireNonNull(registeredBy, "registeredBy");
        Objects.requireNonNull(registeredAt, "registeredAt");
    }
}
