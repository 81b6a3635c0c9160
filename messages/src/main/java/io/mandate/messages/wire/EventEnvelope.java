package io.mandate.messages.wire;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
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
 * @param payloadJson the payload as it was read off the wire, when {@link EventCodec#decode} read it at the
 *                    catalogue's current revision (so it is the JSON of {@code payload}); else null. Not part
 *                    of the wire format, of equality or of {@code toString}: it spares a consumer that stores
 *                    the payload's JSON encoding the decoded payload again.
 */
public record EventEnvelope(String eventId,
                            String type,
                            int revision,
                            String aggregateId,
                            long sequence,
                            Instant occurredAt,
                            MandateEvent payload,
                            @JsonIgnore JsonNode payloadJson) {

    public EventEnvelope(String eventId, String type, int revision, String aggregateId, long sequence, Instant occurredAt,
                         MandateEvent payload) {
        this(eventId, type, revision, aggregateId, sequence, occurredAt, payload, null);
    }

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

    @Override
    public boolean equals(Object other) {
        return other instanceof EventEnvelope that && eventId.equals(that.eventId) && type.equals(that.type)
                && revision == that.revision && aggregateId.equals(that.aggregateId) && sequence == that.sequence
                && occurredAt.equals(that.occurredAt) && payload.equals(that.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, type, revision, aggregateId, sequence, occurredAt, payload);
    }

    @Override
    public String toString() {
        return "EventEnvelope[eventId=" + eventId + ", type=" + type + ", revision=" + revision + ", aggregateId="
                + aggregateId + ", sequence=" + sequence + ", occurredAt=" + occurredAt + ", payload=" + payload + "]";
    }

    public String topic() {
        return EventCatalog.byName(type).map(EventType::topic)
                .orElseThrow(() -> new IllegalStateException("not in the event catalogue: " + type));
    }
}
