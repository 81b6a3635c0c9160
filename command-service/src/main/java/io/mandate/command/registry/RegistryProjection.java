package io.mandate.command.registry;

import io.mandate.messages.client.ClientCredentialsSet;
import io.mandate.messages.client.ClientDeleted;
import io.mandate.messages.client.ClientMetadataUpdated;
import io.mandate.messages.client.ClientEvent;
import io.mandate.messages.client.ClientRegistered;
import io.mandate.messages.client.ClientReinstated;
import io.mandate.messages.client.ClientSuspended;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.grant.GrantEvent;
import io.mandate.messages.grant.GrantExpired;
import io.mandate.messages.grant.GrantRevoked;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code client_registry} and {@code grant_registry} in step with the event store. Runs in the
 * subscribing processor {@value #PROCESSOR}: inside the command's unit of work, so the rows commit in
 * the same PostgreSQL transaction as the events, and a failure here rolls the command back.
 */
@Component
@ProcessingGroup(RegistryProjection.PROCESSOR)
class RegistryProjection {

    static final String PROCESSOR = "command-registry";

    private final ClientRegistrations clients;
    private final GrantRegistrations grants;

    RegistryProjection(ClientRegistrations clients, GrantRegistrations grants) {
        this.clients = clients;
        this.grants = grants;
    }

    @EventHandler
    void on(ClientEvent event) {
        if (event instanceof ClientRegistered registered) {
            clients.save(new ClientRegistration(registered));
        } else if (event instanceof ClientMetadataUpdated updated) {
            clients.findById(updated.clientId().value()).ifPresent(client -> client.describe(updated));
        } else if (event instanceof ClientCredentialsSet set) {
            clients.findById(set.clientId().value())
                    .ifPresent(client -> client.credentials(set.credentials().method(), set.setAt()));
        } else if (event instanceof ClientSuspended) {
            clientStatus(event, ClientStatus.SUSPENDED);
        } else if (event instanceof ClientReinstated) {
            clientStatus(event, ClientStatus.ACTIVE);
        } else if (event instanceof ClientDeleted) {
            clientStatus(event, ClientStatus.DELETED);
        }
    }

    @EventHandler
    void on(GrantEvent event) {
        if (event instanceof GrantCreated created) {
            grants.save(new GrantRegistration(created));
        } else if (event instanceof GrantRevoked revoked) {
            grants.findById(revoked.grantId().value()).ifPresent(g -> g.end(GrantStatus.REVOKED, revoked.revokedAt()));
        } else if (event instanceof GrantExpired expired) {
            grants.findById(expired.grantId().value()).ifPresent(g -> g.end(GrantStatus.EXPIRED, expired.expiredAt()));
        }
    }

    /** The entity is managed in the command's persistence context: the change is flushed at commit. */
    private void clientStatus(ClientEvent event, ClientStatus status) {
        clients.findById(event.clientId().value()).ifPresent(client -> client.status(status));
    }
}
