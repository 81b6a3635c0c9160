package io.mandate.command.registry;

import io.mandate.messages.client.ClientEvent;
import io.mandate.messages.grant.GrantEvent;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Fills empty registry tables from the event store at start-up. A subscribing processor sees only
 * events stored while it runs, so a deployment whose event store predates the registry (or whose
 * registry tables were dropped to rebuild them) needs this one replay; afterwards the projection
 * keeps the tables current. It runs after every bean exists and before any lifecycle starts: before
 * the web server takes requests and before any processor or sweep sends a command.
 * To rebuild: stop the service, {@code drop table client_registry_resource_uri, client_registry,
 * grant_registry_next_client, grant_registry}, start it again.
 */
@Component
class RegistryBackfill implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(RegistryBackfill.class);

    private final EventStorageEngine storage;
    private final RegistryProjection projection;
    private final ClientRegistrations clients;
    private final GrantRegistrations grants;
    private final TransactionTemplate transaction;

    RegistryBackfill(EventStorageEngine storage, RegistryProjection projection, ClientRegistrations clients,
                     GrantRegistrations grants, PlatformTransactionManager transactionManager) {
        this.storage = storage;
        this.projection = projection;
        this.clients = clients;
        this.grants = grants;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    @Override
    public void afterSingletonsInstantiated() {
        Long replayed = transaction.execute(status -> backfillIfEmpty());
        if (replayed != null && replayed > 0) {
            log.info("Registry backfilled from the event store: {} client and grant events replayed", replayed);
        }
    }

    /** @return how many events were replayed (0 when the registry already had rows) */
    long backfillIfEmpty() {
        if (clients.count() > 0 || grants.count() > 0) {
            return 0;
        }
        long replayed = 0;
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> messages = events.iterator();
            while (messages.hasNext()) {
                Object payload = messages.next().getPayload();
                if (payload instanceof ClientEvent client) {
                    projection.on(client);
                    replayed++;
                } else if (payload instanceof GrantEvent grant) {
                    projection.on(grant);
                    replayed++;
                }
            }
        }
        return replayed;
    }
}
