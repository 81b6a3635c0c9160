package io.mandate.query.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;
import io.mandate.messages.key.SigningKeyActivated;
import io.mandate.messages.key.SigningKeyCreated;
import io.mandate.messages.token.ClientTokenIssued;
import io.mandate.messages.token.TokenExchangeRefused;
import io.mandate.messages.token.TokenExchanged;
import io.mandate.messages.wire.EventEnvelope;
import io.mandate.query.support.LiveQueryServiceIT;
import io.mandate.query.testdata.TestGrants;
import io.mandate.query.testdata.TestTokens;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token-issuer's events on {@code mandate.tokens} and {@code mandate.keys}, through the real Kafka
 * and Elasticsearch: each becomes a timeline event with its searchable fields, and ingest goes on
 * with the events after them (nothing stalls on a type the read models do not fold).
 */
class TokenAndKeyEventsIT extends LiveQueryServiceIT {

    private static final Instant AT = Instant.parse("2026-11-29T08:00:00.250Z");

    @Test
    void tokenEventsWhenPublishedKeyedByGrantThenEachIsATimelineEventAndIngestGoesOn() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        GrantId grant = GrantId.random();
        UserId user = UserId.of("alice-" + unique);
        ClientId agent = ClientId.of("agent-" + unique);
        ClientId mcp = ClientId.of("mcp-" + unique);
        TokenExchanged exchanged = TestTokens.exchanged(grant, user, agent, mcp, AT);
        TokenExchangeRefused refused = TestTokens.refused(mcp, grant, user, AT.plusSeconds(1));
        ClientTokenIssued issued = TestTokens.clientTokenIssued(ClientId.of("app-" + unique), AT);

        RecordMetadata exchangedRecord = producer.publish(envelope(exchanged));
        producer.publish(envelope(refused));
        producer.publish(envelope(issued));
        // After the token events on the same partition: read only if the consumer got past them.
        TokenExchanged after = TestTokens.exchanged(grant, user, agent, agent, AT.plusSeconds(2));
        producer.publish(TestGrants.envelopeOf(after, 0, AT.plusSeconds(2)), exchangedRecord.partition());
        assertThat(single("issued:" + after.jti().value()).get("type").asText()).isEqualTo("TokenExchanged");

        JsonNode hop = single("issued:" + exchanged.jti().value());
        assertThat(hop.get("type").asText()).isEqualTo("TokenExchanged");
        assertThat(hop.get("grantId").asText()).isEqualTo(grant.value());
        assertThat(hop.get("userId").asText()).isEqualTo(user.value());
        assertThat(hop.get("agentId").asText()).isEqualTo(agent.value());
        assertThat(hop.get("clientId").asText()).isEqualTo(mcp.value());
        assertThat(hop.get("keyId").asText()).isEqualTo(exchanged.keyId());
        assertThat(hop.get("occurredAt").asText()).isEqualTo("2026-11-29T08:00:00.250Z");
        assertThat(hop.at("/payload/actorChain").toString()).isEqualTo("[\"" + mcp.value() + "\",\"" + agent.value() + "\"]");

        JsonNode refusal = single("refusal:" + refused.refusalId());
        assertThat(refusal.get("type").asText()).isEqualTo("TokenExchangeRefused");
        assertThat(refusal.get("reason").asText()).isEqualTo("scope_exceeds_grant");
        assertThat(refusal.get("jti").asText()).isEqualTo(refused.subjectTokenId());

        JsonNode clientToken = single("issued:" + issued.jti().value());
        assertThat(clientToken.get("type").asText()).isEqualTo("ClientTokenIssued");
        assertThat(clientToken.get("clientId").asText()).isEqualTo(issued.clientId().value());

        // The grant's own timeline is its grant events, not the tokens issued under it.
        assertThat(api().asInvestigator("/api/events?aggregateId=" + grant.value()).json().get("total").asLong()).isZero();
    }

    @Test
    void keyEventsWhenPublishedThenTheKeysTimelineInOrder() {
        SigningKeyCreated created = TestTokens.keyCreated(AT);
        int partition = producer.publish(TestGrants.envelopeOf(created, 0, AT)).partition();
        producer.publish(TestGrants.envelopeOf(new SigningKeyActivated(created.keyId(), AT.plusSeconds(1)), 1,
                AT.plusSeconds(1)), partition);

        JsonNode timeline = api().awaitTotal("/api/events?aggregateId=key:" + created.keyId(), 2);

        assertThat(timeline.get("items").findValuesAsText("type")).containsExactly("SigningKeyCreated", "SigningKeyActivated");
        assertThat(timeline.get("items").findValuesAsText("keyId")).containsOnly(created.keyId());
    }

    private JsonNode single(String aggregateId) {
        return api().awaitTotal("/api/events?aggregateId=" + aggregateId, 1).get("items").get(0);
    }

    private static EventEnvelope envelope(io.mandate.messages.MandateEvent event) {
        return TestGrants.envelopeOf(event, 0, AT);
    }
}
