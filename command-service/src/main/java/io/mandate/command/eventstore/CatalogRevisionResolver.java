package io.mandate.command.eventstore;

import io.mandate.messages.wire.EventCatalog;
import io.mandate.messages.wire.EventType;
import org.axonframework.serialization.RevisionResolver;

/**
 * Takes an event's revision from the published event catalogue, so the event store's
 * {@code payload_revision} and the Kafka envelope's {@code revision} are the same number and the
 * message records need no Axon annotation. Types outside the catalogue (Axon's own) have none.
 */
final class CatalogRevisionResolver implements RevisionResolver {

    @Override
    public String revisionOf(Class<?> payloadType) {
        return EventCatalog.ALL.stream()
                .filter(type -> type.javaType().equals(payloadType))
                .findFirst()
                .map(EventType::revision)
                .map(String::valueOf)
                .orElse(null);
    }
}
