package io.mandate.query.event;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.CreateOperation;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.EventEnvelope;
import io.mandate.query.testdata.TestGrants;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventProjectionTest {

    private final EventProjection projection = new EventProjection();
    private final ObjectMapper wireJson = EventCodec.newObjectMapper();

    @Test
    void toDocumentWhenGrantCreatedThenEnvelopeAndSearchableFieldsAreFlattened() {
        GrantCreated created = TestGrants.aGrantCreated();
        Instant occurredAt = Instant.parse("2026-11-28T10:15:31Z");
        EventEnvelope envelope = EventEnvelope.wrap("evt-42", 7, occurredAt, created);

        EventDocument document = projection.toDocument(envelope);

        assertThat(document.eventId()).isEqualTo("evt-42");
        assertThat(document.type()).isEqualTo("GrantCreated");
        assertThat(document.revision()).isEqualTo(GrantCreated.REVISION);
        assertThat(document.aggregateId()).isEqualTo(created.grantId().value());
        assertThat(document.sequence()).isEqualTo(7);
        assertThat(document.occurredAt()).isEqualTo(occurredAt);
        assertThat(document.grantId()).isEqualTo(created.grantId().value());
        assertThat(document.userId()).isEqualTo(created.userId().value());
        assertThat(document.agentId()).isEqualTo(created.agentId().value());
        assertThat(document.clientId()).isNull();
        assertThat(document.audience()).isEqualTo(created.audience());
        assertThat(document.scopes()).containsExactly("calendar.read", "calendar.write");
    }

    @Test
    void toDocumentWhenGrantCreatedThenPayloadIsTheWirePayloadAndDecodesBack() throws Exception {
        GrantCreated created = TestGrants.aGrantCreated();
        EventEnvelope envelope = TestGrants.envelopeOf(created);

        JsonNode payload = projection.toDocument(envelope).payload();

        assertThat(payload).isEqualTo(wireJson.readTree(new EventCodec().encode(envelope)).get("payload"));
        assertThat(wireJson.treeToValue(payload, GrantCreated.class)).isEqualTo(created);
    }

    @Test
    void operationsForWhenAnyEventThenOneCreateUnderTheEventId() {
        EventEnvelope envelope = TestGrants.envelopeOf(TestGrants.aGrantCreated());

        List<BulkOperation> operations = projection.operationsFor(envelope);

        assertThat(operations).hasSize(1);
        assertThat(operations.get(0).isCreate()).isTrue();
        CreateOperation<?> create = operations.get(0).create();
        assertThat(create.index()).isEqualTo("mandate-events");
        assertThat(create.id()).isEqualTo(envelope.eventId());
    }

    @Test
    void documentJsonWhenSerialisedForElasticsearchThenInstantsAreIsoStrings() throws Exception {
        EventDocument document = projection.toDocument(TestGrants.envelopeOf(TestGrants.aGrantCreated()));
        ObjectMapper elasticsearchJson = new JacksonJsonpMapper(EventCodec.newObjectMapper()).objectMapper();

        JsonNode json = elasticsearchJson.valueToTree(document);

        assertThat(json.get("occurredAt").asText()).isEqualTo("2026-11-28T10:15:30.123Z");
        assertThat(json.get("payload").get("createdAt").asText()).isEqualTo("2026-11-28T10:15:30.123Z");
    }
}
