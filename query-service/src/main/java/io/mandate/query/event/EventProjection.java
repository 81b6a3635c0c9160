package io.mandate.query.event;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.EventEnvelope;
import io.mandate.query.ingest.IndexWrite;
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
    public List<IndexWrite> operationsFor(List<EventEnvelope> batch) {
        return batch.stream().map(this::create).toList();
    }

    private IndexWrite create(EventEnvelope envelope) {
        EventDocument document = toDocument(envelope);
        return IndexWrite.idempotent(BulkOperation.of(bulk -> bulk.create(create -> create
                .index(EventsIndex.DEFINITION.alias())
                .id(envelope.eventId())
                .document(document))));
    }

    EventDocument toDocument(EventEnvelope envelope) {
        // The JSON read off the wire when it is the payload's current shape (no second encoding), else encoded.
        JsonNode payload = envelope.payloadJson() != null ? envelope.payloadJson() : wireJson.valueToTree(envelope.payload());
        Searchable fields = Searchable.of(envelope.payload());
        TokenSearchable token = TokenSearchable.of(envelope.payload());
        return new EventDocument(envelope.eventId(), envelope.type(), envelope.revision(), envelope.aggregateId(),
                envelope.sequence(), envelope.occurredAt(), fields.grantId(), fields.userId(), fields.agentId(),
                fields.clientId(), fields.audience(), fields.scopes(), fields.jti(), fields.keyId(), fields.actor(),
                fields.reason(),
                payload, EventOutcome.of(envelope.type()), token.actorChain(), token.requestedScopes(),
                token.requestedAudience());
    }
}
