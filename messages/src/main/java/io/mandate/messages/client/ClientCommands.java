package io.mandate.messages.client;

import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;

import java.util.List;
import java.util.Objects;

/** Commands of the client lifecycle: active → suspended ⇄ reinstated; any → deleted. */
public final class ClientCommands {

    private ClientCommands() {
    }

    public record RegisterClient(ClientId clientId, ClientKind kind, String name, String owner, Scopes allowedScopes,
                                 List<String> resourceUris, RegistrationPath registrationPath, String requestedBy) {
        public RegisterClient {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(allowedScopes, "allowedScopes");
            resourceUris = resourceUris == null ? List.of() : List.copyOf(resourceUris);
            Objects.requireNonNull(registrationPath, "registrationPath");
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
