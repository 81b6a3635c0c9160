package io.mandate.messages.client;

import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;

import java.util.List;
import java.util.Objects;

/**
 * Commands of the client lifecycle: active → suspended ⇄ reinstated; any → deleted; credentials set at
 * registration and replaced by rotation. Commands carry a secret's hash, never the secret: the caller
 * generates it, keeps it only long enough to answer, and the command (and so Axon) never sees it.
 */
public final class ClientCommands {

    private ClientCommands() {
    }

    /**
     * @param credentials       how the client will authenticate at the token endpoint (recorded as ClientCredentialsSet)
     * @param redirectUris      exact redirect URIs for the authorization code flow; empty when it runs none
     * @param softwareStatement which software statement vouched for a dynamic registration; null otherwise
     */
    public record RegisterClient(ClientId clientId, ClientKind kind, String name, String owner, Scopes allowedScopes,
                                 List<String> resourceUris, RegistrationPath registrationPath, String requestedBy,
                                 ClientCredentials credentials, List<String> redirectUris,
                                 SoftwareStatementRef softwareStatement) {
        public RegisterClient {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(allowedScopes, "allowedScopes");
            resourceUris = resourceUris == null ? List.of() : List.copyOf(resourceUris);
            Objects.requireNonNull(registrationPath, "registrationPath");
            Objects.requireNonNull(requestedBy, "requestedBy");
            Objects.requireNonNull(credentials, "credentials");
            redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
        }

        /** A registration without redirect URIs or software statement. */
        public RegisterClient(ClientId clientId, ClientKind kind, String name, String owner, Scopes allowedScopes,
                              List<String> resourceUris, RegistrationPath registrationPath, String requestedBy,
                              ClientCredentials credentials) {
            this(clientId, kind, name, owner, allowedScopes, resourceUris, registrationPath, requestedBy, credentials,
                    List.of(), null);
        }
    }

    /** Rotation: replaces the client's credentials at once; the previous secret or keys stop working. */
    public record SetClientCredentials(ClientId clientId, ClientCredentials credentials, String requestedBy) {
        public SetClientCredentials {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(credentials, "credentials");
            Objects.requireNonNull(requestedBy, "requestedBy");
        }
    }

    /**
     * RFC 7592 §2.2 update (or a changed client ID metadata document): the whole new description replaces
     * the previous one; kind and owner stay. Writes nothing when nothing differs.
     *
     * @param credentials the credentials to set if they differ from the current ones (method and public keys;
     *                    a new secret never counts as a difference); null keeps the current ones
     */
    public record UpdateClientMetadata(ClientId clientId, String name, Scopes allowedScopes, List<String> resourceUris,
                                       List<String> redirectUris, SoftwareStatementRef softwareStatement,
                                       ClientCredentials credentials, String requestedBy) {
        public UpdateClientMetadata {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(allowedScopes, "allowedScopes");
            resourceUris = resourceUris == null ? List.of() : List.copyOf(resourceUris);
            redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
            Objects.requireNonNull(requestedBy, "requestedBy");
        }
    }

    public record SuspendClient(ClientId clientId, String reason, String requestedBy) {
    }

    public record ReinstateClient(ClientId clientId, String reason, String requestedBy) {
    }

    public record DeleteClient(ClientId clientId, String reason, String requestedBy) {
    }
}
