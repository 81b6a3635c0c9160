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
 * <p>Revision 2 added {@code redirectUris} and {@code softwareStatement}, both additive: a revision 1
 * payload reads as a client without redirect URIs and without a software statement (the compact
 * constructor defaults them), so no upcaster is needed.
 *
 * @param owner             who answers for the client (a user id or a team name)
 * @param resourceUris      for resource servers and MCP servers: the audiences (RFC 8707 resource
 *                          indicators) they serve; empty for other kinds
 * @param registrationPath  how it joined: the admin API, dynamic registration (RFC 7591) or a client ID
 *                          metadata document
 * @param registeredBy      the admin principal, or the registration path's caller
 * @param redirectUris      where the authorization endpoint may send the user back (RFC 6749 §3.1.2),
 *                          compared exactly; empty for a client that never runs the code flow
 * @param softwareStatement the software statement that vouched for a dynamic registration (its issuer
 *                          and software id, never the statement); null when none was given
 */
public record ClientRegistered(ClientId clientId,
                               ClientKind kind,
                               String name,
                               String owner,
                               Scopes allowedScopes,
                               List<String> resourceUris,
                               RegistrationPath registrationPath,
                               String registeredBy,
                               Instant registeredAt,
                               List<String> redirectUris,
                               SoftwareStatementRef softwareStatement) implements ClientEvent {

    public static final int REVISION = 2;

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
        redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
    }

    /** A registration without redirect URIs or software statement (an admin's, or a revision 1 event). */
    public ClientRegistered(ClientId clientId, ClientKind kind, String name, String owner, Scopes allowedScopes,
                            List<String> resourceUris, RegistrationPath registrationPath, String registeredBy,
                            Instant registeredAt) {
        this(clientId, kind, name, owner, allowedScopes, resourceUris, registrationPath, registeredBy, registeredAt,
                List.of(), null);
    }
}
