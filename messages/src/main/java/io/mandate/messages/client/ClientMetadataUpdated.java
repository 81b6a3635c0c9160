package io.mandate.messages.client;

import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A client's description changed (RFC 7592 §2.2 update, or a client ID metadata document that changed
 * when fetched again). Carries the whole new description, which replaces the previous one; the client's
 * kind and owner never change. Written only when something differs.
 *
 * @param softwareStatement the software statement that vouched for this update; null when none was given
 */
public record ClientMetadataUpdated(ClientId clientId,
                                    String name,
                                    Scopes allowedScopes,
                                    List<String> resourceUris,
                                    List<String> redirectUris,
                                    SoftwareStatementRef softwareStatement,
                                    String updatedBy,
                                    Instant updatedAt) implements ClientEvent {

    public static final int REVISION = 1;

    public ClientMetadataUpdated {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(allowedScopes, "allowedScopes");
        resourceUris = resourceUris == null ? List.of() : List.copyOf(resourceUris);
        redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
        Objects.requireNonNull(updatedBy, "updatedBy");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
