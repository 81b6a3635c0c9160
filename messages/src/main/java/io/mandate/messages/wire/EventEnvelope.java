package io.mandate.messages.wire;

import io.mandate.messages.MandateEvent;

import java.time.Instant;
import java.util.Objects;

/**
 * An event as it travels on Kafka: the payload plus what consumers need to deduplicate
 * (eventId; or aggregateId + sequence) and to order (sequence within the aggregate).
 *
 * @param eventId     the event store's identifier of this event; stable across redeliveries
 * @param type        the catalogue name of the payload's type
 * @param revision    the payload's schema revision
 * @param aggregateId the aggregate (event-store stream) the event belongs to
 * @param sequence    the event's position within its aggregate (0-based)
 * @param occurredAt  when the event was stored
 */
public record EventEnvelope(String eventId,
                            String type,
                            int revision,
                            String aggregateId,
                            long sequence,
                            Instant occurredAt,
                            MandateEvent payload) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(payload, "payload");
    }

    /** Wraps a payload, taking its type name and revision from the catalogue. */
    public static EventEnvelope wrap(String eventId, long sequence, Instant occurredAt, MandateEvent payload) {
        EventType type = EventCatalog.of(payload);
        return new EventEnvelope(eventId, type.name(), type.revision(), payload.aggregateId(), sequence, occurredAt, payload);
    }

    /** The Kafka record key: the aggregate, except for token events (their grant; see {@link MandateEvent#partitionKey}). */
    public String partitionKey() {
        return payload.partitionKey();
    }

    public String topic() {
        return EventCatalog.byName(type).map(EventType::topic)
                .orElseThrow(() -> new IllegalStateException("not in the event catalogue: " + type));
    }
}
