package io.mandate.command.client;

import io.mandate.command.registry.ClientRegistration;
import io.mandate.command.registry.ClientStatus;
import io.mandate.messages.grant.ClientKind;

import java.time.Instant;
import java.util.List;

/** A client as the admin API shows it, read from the command side's registry. */
record ClientView(String clientId, ClientKind kind, String name, String owner, List<String> allowedScopes,
                  List<String> resourceUris, ClientStatus status, Instant registeredAt) {

    static ClientView of(ClientRegistration client) {
        return new ClientView(client.clientId().value(), client.kind(), client.name(), client.owner(),
                client.allowedScopes().asList(), client.resourceUris(), client.status(), client.registeredAt());
    }
}
