package io.mandate.query.event;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mandate.messages.MandateEvent;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.EventEnvelope;
import io.mandate.query.ingest.Projection;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Every event becomes one {@link EventDocument}, created under its event id: a redelivery is a
 * version conflict, never a second document.
 */
@Component
class EventProjection implements Projection {

    // The wire settings, so the stored payload is the payload as published.
    private final ObjectMapper wireJson = EventCodec.newObjectMapper();

    @Override
    public List<BulkOperation> operationsFor(EventEnvelope envelope) {
        EventDocument document = toDocument(envelope);
        return List.of(BulkOperation.of(bulk -> bulk.create(create -> create
                .index(EventsIndex.DEFINITION.alias())
                .id(envelope.eventId())
                .document(document))));
    }

    EventDocument toDocument(EventEnvelope envelope) {
        JsonNode payload = wireJson.valueToTree(envelope.payload());
        Searchable fields = searchable(envelope.payload());
        return new EventDocument(envelope.eventId(), envelope.type(), envelope.revision(), envelope.aggregateId(),
                envelope.sequence(), envelope.occurredAt(), fields.grantId(), fields.userId(), fields.agentId(),
                fields.clientId(), fields.audience(), fields.scopes(), payload);
    }

    /** The fields investigators filter on, per event type; new event types add a branch here. */
    private static Searchable searchable(MandateEvent payload) {
        if (payload instanceof GrantCreated created) {
            return new Searchable(created.grantId().value(), created.userId().value(), created.agentId().value(),
                    null, created.audience(), created.scopes().asList());
        }
        return Searchable.NONE;
    }

    private record Searchable(String grantId, String userId, String agentId, String clientId,
                              String audience, List<String> scopes) {
        static final Searchable NONE = new Searchable(null, null, null, null, null, null);
    }
}
