package io.mandate.command.registry;

import io.mandate.messages.client.ClientRegistered;
import io.mandate.messages.client.RegistrationPath;
import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An in-memory {@link ClientRegistry} for aggregate tests, filled with registrations in any state. */
public final class TestRegistrations implements ClientRegistry {

    private final Map<String, ClientRegistration> clients = new HashMap<>();

    public TestRegistrations with(ClientKind kind, String clientId, ClientStatus status, Scopes allowedScopes,
                                  String... resourceUris) {
        ClientRegistration registration = new ClientRegistration(new ClientRegistered(ClientId.of(clientId), kind,
                clientId, "team-" + clientId, allowedScopes, List.of(resourceUris), RegistrationPath.ADMIN, "admin",
                Instant.parse("2026-01-01T00:00:00Z")));
        registration.status(status);
        clients.put(clientId, registration);
        return this;
    }

    @Override
    public Optional<ClientRegistration> find(ClientId clientId) {
        return Optional.ofNullable(clients.get(clientId.value()));
    }

    @Override
    public Optional<ClientRegistration> findAudience(String audience) {
        ClientRegistration byId = clients.get(audience);
        return byId != null ? Optional.of(byId)
                : clients.values().stream().filter(c -> c.resourceUris().contains(audience)).findFirst();
    }
}
