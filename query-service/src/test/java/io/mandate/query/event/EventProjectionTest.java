package io.mandate.query.event;

import co.elastic.clients.elasticsearch.core.bulk.CreateOperation;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mandate.messages.client.ClientRegistered;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.UserId;
import io.mandate.messages.revocation.TokenRevoked;
import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.EventEnvelope;
import io.mandate.query.ingest.IndexWrite;
import io.mandate.query.testdata.TestClients;
import io.mandate.query.testdata.TestGrants;
import io.mandate.query.testdata.TestTokens;
import io.mandate.messages.client.ClientCredentialsSet;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.key.SigningKeyCreated;
import io.mandate.messages.key.SigningKeyRetired;
import io.mandate.messages.token.ClientTokenIssued;
import io.mandate.messages.token.TokenExchangeRefused;
import io.mandate.messages.token.TokenExchanged;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import io.mandate.messages.token.AuthorizationCodeRedeemed;

import io.mandate.messages.consent.ConsentDenied;

import io.mandate.messages.id.Jti;

import io.mandate.messages.grant.Scopes;

import static org.assertj.core.api.Assertions.assertThat;

class EventProjectionTest {

    private static final Instant AT = Instant.parse("2026-11-29T08:00:00Z");

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

        List<IndexWrite> writes = projection.operationsFor(List.of(envelope));

        assertThat(writes).hasSize(1);
        assertThat(writes.get(0).conflictIsStale()).as("a redelivery is a harmless conflict").isTrue();
        assertThat(writes.get(0).operation().isCreate()).isTrue();
        CreateOperation<?> create = writes.get(0).operation().create();
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

    @Test
    void toDocumentWhenGrantRevokedThenGrantUserAgentActorAndReason() {
        GrantCreated created = TestGrants.aGrantCreated();

        EventDocument document = projection.toDocument(TestGrants.envelopeOf(TestGrants.revoked(created, AT), 1, AT));

        assertThat(document.type()).isEqualTo("GrantRevoked");
        assertThat(document.grantId()).isEqualTo(created.grantId().value());
        assertThat(document.userId()).isEqualTo(created.userId().value());
        assertThat(document.agentId()).isEqualTo(created.agentId().value());
        assertThat(document.actor()).isEqualTo("responder");
        assertThat(document.reason()).isEqualTo("agent misbehaved");
    }

    @Test
    void toDocumentWhenGrantExpiredThenGrantUserAgentWithoutActor() {
        GrantCreated created = TestGrants.aGrantCreated();

        EventDocument document = projection.toDocument(TestGrants.envelopeOf(TestGrants.expired(created, AT), 1, AT));

        assertThat(document.grantId()).isEqualTo(created.grantId().value());
        assertThat(document.userId()).isEqualTo(created.userId().value());
        assertThat(document.actor()).isNull();
        assertThat(document.reason()).isNull();
    }

    @Test
    void toDocumentWhenClientEventsThenClientIdActorAndReason() {
        ClientRegistered registered = TestClients.aClientRegistered();
        ClientId id = registered.clientId();

        EventDocument registration = projection.toDocument(TestGrants.envelopeOf(registered, 0, AT));
        EventDocument suspension = projection.toDocument(TestGrants.envelopeOf(TestClients.suspended(id, AT), 1, AT));
        EventDocument reinstatement = projection.toDocument(TestGrants.envelopeOf(TestClients.reinstated(id, AT), 2, AT));
        EventDocument deletion = projection.toDocument(TestGrants.envelopeOf(TestClients.deleted(id, AT), 3, AT));

        assertThat(registration.clientId()).isEqualTo(id.value());
        assertThat(registration.scopes()).containsExactly("calendar.read", "calendar.write");
        assertThat(registration.actor()).isEqualTo("admin");
        assertThat(suspension.clientId()).isEqualTo(id.value());
        assertThat(suspension.actor()).isEqualTo("responder");
        assertThat(suspension.reason()).isEqualTo("suspicious tool calls");
        assertThat(reinstatement.reason()).isEqualTo("false alarm");
        assertThat(deletion.reason()).isEqualTo("decommissioned");
        assertThat(deletion.aggregateId()).isEqualTo(id.value());
    }

    @Test
    void toDocumentWhenRevocationEventsThenTheirSubjectActorAndReason() {
        ClientId client = ClientId.of("agent-x");
        UserId user = UserId.of("alice");

        EventDocument clientRevoked = projection.toDocument(TestGrants.envelopeOf(TestClients.clientRevoked(client, AT), 0, AT));
        EventDocument userRevoked = projection.toDocument(TestGrants.envelopeOf(TestClients.userRevoked(user, AT), 0, AT));
        TokenRevoked token = TestClients.tokenRevoked(AT);
        EventDocument tokenRevoked = projection.toDocument(TestGrants.envelopeOf(token, 0, AT));

        assertThat(clientRevoked.clientId()).isEqualTo("agent-x");
        assertThat(clientRevoked.aggregateId()).isEqualTo("client:agent-x");
        assertThat(clientRevoked.reason()).isEqualTo("key leaked");
        assertThat(userRevoked.userId()).isEqualTo("alice");
        assertThat(userRevoked.aggregateId()).isEqualTo("user:alice");
        assertThat(userRevoked.actor()).isEqualTo("responder");
        assertThat(tokenRevoked.jti()).isEqualTo(token.jti().value());
        assertThat(tokenRevoked.reason()).isEqualTo("token replayed");
        assertThat(tokenRevoked.clientId()).isNull();
    }

    @Test
    void toDocumentWhenCredentialsSetThenClientAndWhoSetThemButNoSecretHashInTheSearchableFields() {
        ClientId client = ClientId.of("agent-x");
        ClientCredentialsSet set = TestTokens.secretSet(client, AT);

        EventDocument document = projection.toDocument(TestGrants.envelopeOf(set, 1, AT));

        assertThat(document.type()).isEqualTo("ClientCredentialsSet");
        assertThat(document.aggregateId()).isEqualTo("agent-x");
        assertThat(document.clientId()).isEqualTo("agent-x");
        assertThat(document.actor()).isEqualTo("admin");
        assertThat(List.of(String.valueOf(document.reason()), String.valueOf(document.jti()), String.valueOf(document.keyId())))
                .noneMatch(field -> field.contains("sha256:"));
    }

    @Test
    void toDocumentWhenTokenExchangedThenGrantUserAgentHolderAudienceScopesJtiAndKey() {
        GrantId grant = GrantId.random();
        TokenExchanged exchanged = TestTokens.exchanged(grant, UserId.of("alice"), ClientId.of("travel-agent"),
                ClientId.of("calendar-mcp"), AT);

        EventDocument document = projection.toDocument(TestGrants.envelopeOf(exchanged, 0, AT));

        assertThat(document.type()).isEqualTo("TokenExchanged");
        assertThat(document.aggregateId()).isEqualTo("issued:" + exchanged.jti().value());
        assertThat(document.grantId()).isEqualTo(grant.value());
        assertThat(document.userId()).isEqualTo("alice");
        assertThat(document.agentId()).as("the grant's agent, last in the chain").isEqualTo("travel-agent");
        assertThat(document.clientId()).as("the holder").isEqualTo("calendar-mcp");
        assertThat(document.actor()).isEqualTo("calendar-mcp");
        assertThat(document.audience()).isEqualTo("https://calendar.example.com");
        assertThat(document.scopes()).containsExactly("calendar.read");
        assertThat(document.jti()).isEqualTo(exchanged.jti().value());
        assertThat(document.keyId()).isEqualTo(exchanged.keyId());
    }

    @Test
    void toDocumentWhenClientTokenIssuedThenClientAudienceScopesJtiAndKey() {
        ClientTokenIssued issued = TestTokens.clientTokenIssued(ClientId.of("batch-app"), AT);

        EventDocument document = projection.toDocument(TestGrants.envelopeOf(issued, 0, AT));

        assertThat(document.clientId()).isEqualTo("batch-app");
        assertThat(document.grantId()).isNull();
        assertThat(document.jti()).isEqualTo(issued.jti().value());
        assertThat(document.keyId()).isEqualTo(issued.keyId());
        assertThat(document.scopes()).containsExactly("calendar.read");
    }

    @Test
    void toDocumentWhenAuthorizationCodeRedeemedThenGrantUserAgentAudienceScopesJtiAndKey() {
        AuthorizationCodeRedeemed redeemed = new AuthorizationCodeRedeemed(Jti.of("jti-code-1"), "code-1",
                GrantId.of("grt_consent-1"), UserId.of("alice"), ClientId.of("travel-agent"), "https://calendar.example/api",
                Scopes.of("calendar.read"), null, "kid-1", AT, AT.plusSeconds(300));

        EventDocument document = projection.toDocument(TestGrants.envelopeOf(redeemed, 0, AT));

        assertThat(document.grantId()).isEqualTo("grt_consent-1");
        assertThat(document.userId()).isEqualTo("alice");
        assertThat(document.agentId()).isEqualTo("travel-agent");
        assertThat(document.clientId()).isEqualTo("travel-agent");
        assertThat(document.audience()).isEqualTo("https://calendar.example/api");
        assertThat(document.jti()).isEqualTo("jti-code-1");
        assertThat(document.keyId()).isEqualTo("kid-1");
    }

    @Test
    void toDocumentWhenConsentDeniedThenUserAgentResourceAndTheUserAsActor() {
        ConsentDenied denied = new ConsentDenied("den-1", UserId.of("alice"), ClientId.of("travel-agent"),
                "https://calendar.example/api", Scopes.of("calendar.read", "calendar.write"), AT);

        EventDocument document = projection.toDocument(TestGrants.envelopeOf(denied, 0, AT));

        assertThat(document.userId()).isEqualTo("alice");
        assertThat(document.agentId()).isEqualTo("travel-agent");
        assertThat(document.audience()).isEqualTo("https://calendar.example/api");
        assertThat(document.scopes()).containsExactly("calendar.read", "calendar.write");
        assertThat(document.actor()).isEqualTo("user:alice");
        assertThat(document.grantId()).isNull();
    }

    @Test
    void toDocumentWhenExchangeRefusedThenClientGrantUserSubjectTokenAndReason() {
        GrantId grant = GrantId.random();
        TokenExchangeRefused refused = TestTokens.refused(ClientId.of("calendar-mcp"), grant, UserId.of("alice"), AT);

        EventDocument document = projection.toDocument(TestGrants.envelopeOf(refused, 0, AT));

        assertThat(document.aggregateId()).isEqualTo("refusal:" + refused.refusalId());
        assertThat(document.clientId()).isEqualTo("calendar-mcp");
        assertThat(document.actor()).isEqualTo("calendar-mcp");
        assertThat(document.grantId()).isEqualTo(grant.value());
        assertThat(document.userId()).isEqualTo("alice");
        assertThat(document.jti()).isEqualTo(refused.subjectTokenId());
        assertThat(document.reason()).isEqualTo("scope_exceeds_grant");
    }

    @Test
    void toDocumentWhenRefusalKnowsNoClientGrantOrUserThenThoseFieldsAbsent() {
        TokenExchangeRefused anonymous = new TokenExchangeRefused("refusal-1", null, null, false, "invalid_client",
                "client_authentication_failed", null, null, null, null, null, AT);

        EventDocument document = projection.toDocument(TestGrants.envelopeOf(anonymous, 0, AT));

        assertThat(document.clientId()).isNull();
        assertThat(document.grantId()).isNull();
        assertThat(document.userId()).isNull();
        assertThat(document.reason()).isEqualTo("client_authentication_failed");
    }

    @Test
    void toDocumentWhenSigningKeyEventsThenKeyIdOnEachOfTheKeysEvents() {
        SigningKeyCreated created = TestTokens.keyCreated(AT);
        SigningKeyRetired retired = new SigningKeyRetired(created.keyId(), AT, AT.plusSeconds(600));

        EventDocument creation = projection.toDocument(TestGrants.envelopeOf(created, 0, AT));
        EventDocument retirement = projection.toDocument(TestGrants.envelopeOf(retired, 2, AT));

        assertThat(creation.keyId()).isEqualTo(created.keyId());
        assertThat(creation.aggregateId()).isEqualTo("key:" + created.keyId());
        assertThat(retirement.keyId()).isEqualTo(created.keyId());
        assertThat(retirement.aggregateId()).isEqualTo(creation.aggregateId());
    }

    @Test
    void toDocumentWhenTokenExchangedThenOutcomeIssuedAndTheWholeActorChain() {
        TokenExchanged exchanged = TestTokens.exchanged(GrantId.random(), UserId.of("alice"), ClientId.of("travel-agent"),
                ClientId.of("calendar-mcp"), AT);

        EventDocument document = projection.toDocument(TestGrants.envelopeOf(exchanged, 0, AT));

        assertThat(document.outcome()).isEqualTo(EventOutcome.ISSUED);
        assertThat(document.actorChain()).containsExactly("calendar-mcp", "travel-agent");
        assertThat(document.requestedScopes()).isNull();
    }

    @Test
    void toDocumentWhenRefusedThenOutcomeRefusedWithWhatWasAskedFor() {
        TokenExchangeRefused refused = TestTokens.refused(ClientId.of("calendar-mcp"), GrantId.random(),
                UserId.of("alice"), AT);

        EventDocument document = projection.toDocument(TestGrants.envelopeOf(refused, 0, AT));

        assertThat(document.outcome()).isEqualTo(EventOutcome.REFUSED);
        assertThat(document.requestedScopes()).containsExactly("calendar.read", "calendar.delete");
        assertThat(document.requestedAudience()).isEqualTo("https://calendar.example.com");
        assertThat(document.actorChain()).isNull();
    }

    @Test
    void toDocumentWhenRevocationOrLifecycleThenOutcomeFollowsTheType() {
        GrantCreated created = TestGrants.aGrantCreated();

        assertThat(projection.toDocument(TestGrants.envelopeOf(created)).outcome()).isEqualTo(EventOutcome.LIFECYCLE);
        assertThat(projection.toDocument(TestGrants.envelopeOf(TestGrants.revoked(created, AT), 1, AT)).outcome())
                .isEqualTo(EventOutcome.REVOKED);
        assertThat(projection.toDocument(TestGrants.envelopeOf(TestGrants.expired(created, AT), 1, AT)).outcome())
                .isEqualTo(EventOutcome.LIFECYCLE);
        assertThat(projection.toDocument(TestGrants.envelopeOf(TestClients.userRevoked(UserId.of("bob"), AT), 0, AT))
                .outcome()).isEqualTo(EventOutcome.REVOKED);
        assertThat(projection.toDocument(TestGrants.envelopeOf(TestTokens.clientTokenIssued(ClientId.of("c"), AT), 0, AT))
                .outcome()).isEqualTo(EventOutcome.ISSUED);
    }
}
