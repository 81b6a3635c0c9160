package io.mandate.query.client;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mandate.messages.client.ClientRegistered;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.UserId;
import io.mandate.messages.revocation.TokenRevoked;
import io.mandate.messages.wire.EventEnvelope;
import io.mandate.query.support.LiveQueryServiceIT;
import io.mandate.query.support.ApiClient.Reply;
import io.mandate.query.testdata.TestClients;
import io.mandate.query.testdata.TestGrants;
import io.mandate.query.testdata.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static io.mandate.query.testdata.TestClients.clientRevoked;
import static io.mandate.query.testdata.TestClients.reinstated;
import static io.mandate.query.testdata.TestClients.suspended;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Client lifecycle, client watermarks and the revocations listing: Kafka → Elasticsearch → HTTP on the real stack. */
class ClientProjectionIT extends LiveQueryServiceIT {

    private static final Instant T1 = Instant.parse("2026-11-28T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-28T11:00:00Z");
    private static final Instant T3 = Instant.parse("2026-11-28T12:00:00Z");

    @Autowired
    ElasticsearchClient elasticsearch;

    @Test
    void clientWhenRegisteredSuspendedReinstatedThenEachStateReadable() throws IOException {
        ClientRegistered registered = TestClients.aClientRegistered();
        ClientId id = registered.clientId();

        int partition = producer.publish(envelope(registered, 0, TestClients.REGISTERED_AT)).partition();
        JsonNode active = awaitClient(id, json -> json.path("lastSequence").asLong() == 0);
        assertThat(active.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(active.get("kind").asText()).isEqualTo("MCP_SERVER");
        assertThat(active.get("name").asText()).isEqualTo("Calendar MCP");
        assertThat(active.get("owner").asText()).isEqualTo("team-calendar");
        assertThat(active.get("allowedScopes").toString()).isEqualTo("[\"calendar.read\",\"calendar.write\"]");
        assertThat(active.get("resourceUris").toString()).isEqualTo("[\"https://calendar.example.com/mcp\"]");
        assertThat(active.get("registrationPath").asText()).isEqualTo("ADMIN");
        assertThat(active.get("registeredAt").asText()).isEqualTo("2026-11-28T09:00:00Z");
        assertThat(active.get("registeredBy").asText()).isEqualTo("admin");

        producer.publish(envelope(suspended(id, T1), 1, T1), partition);
        JsonNode suspendedClient = awaitClient(id, json -> json.path("lastSequence").asLong() == 1);
        assertThat(suspendedClient.get("status").asText()).isEqualTo("SUSPENDED");
        assertThat(suspendedClient.get("statusChangedAt").asText()).isEqualTo("2026-11-28T10:00:00Z");
        assertThat(suspendedClient.get("statusChangedBy").asText()).isEqualTo("responder");
        assertThat(suspendedClient.get("statusReason").asText()).isEqualTo("suspicious tool calls");

        producer.publish(envelope(reinstated(id, T2), 2, T2), partition);
        JsonNode reinstatedClient = awaitClient(id, json -> json.path("lastSequence").asLong() == 2);
        assertThat(reinstatedClient.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(reinstatedClient.get("statusChangedAt").asText()).isEqualTo("2026-11-28T11:00:00Z");
        assertThat(reinstatedClient.get("statusReason").asText()).isEqualTo("false alarm");
        assertThat(reinstatedClient.get("name").asText()).isEqualTo("Calendar MCP");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Reply timeline = api().asInvestigator("/api/events?aggregateId=" + id.value());
            assertThat(timeline.json().get("items").findValuesAsText("type"))
                    .containsExactly("ClientRegistered", "ClientSuspended", "ClientReinstated");
        });
    }

    @Test
    void clientWhenCredentialsSetAndRotatedThenLatestMethodShownWithoutHashOrKeysAndBothInTheTimeline() {
        ClientRegistered registered = TestClients.aClientRegistered();
        ClientId id = registered.clientId();
        int partition = producer.publish(envelope(registered, 0, TestClients.REGISTERED_AT)).partition();
        producer.publish(envelope(TestTokens.secretSet(id, TestClients.REGISTERED_AT), 1, TestClients.REGISTERED_AT),
                partition);
        JsonNode withSecret = awaitClient(id, json -> json.hasNonNull("tokenEndpointAuthMethod"));
        assertThat(withSecret.get("tokenEndpointAuthMethod").asText()).isEqualTo("client_secret_basic");
        assertThat(withSecret.get("credentialsSetAt").asText()).isEqualTo("2026-11-28T09:00:00Z");

        producer.publish(envelope(TestTokens.keysSet(id, T1), 2, T1), partition);
        producer.publish(envelope(suspended(id, T2), 3, T2), partition);
        JsonNode rotated = awaitClient(id, json -> json.path("lastSequence").asLong() == 3);

        assertThat(rotated.get("tokenEndpointAuthMethod").asText()).isEqualTo("private_key_jwt");
        assertThat(rotated.get("credentialsSetAt").asText()).isEqualTo("2026-11-28T10:00:00Z");
        assertThat(rotated.get("status").asText()).isEqualTo("SUSPENDED");
        assertThat(rotated.toString()).doesNotContain("sha256:", "\"keys\"");
        assertThat(awaitTimeline(id.value(), 4).get("items").findValuesAsText("type")).containsExactly(
                "ClientRegistered", "ClientCredentialsSet", "ClientCredentialsSet", "ClientSuspended");
    }

    @Test
    void clientEventsAndWatermarkWhenAllRedeliveredThenNothingIsWrittenAgain() throws IOException {
        ClientRegistered registered = TestClients.aClientRegistered();
        ClientId id = registered.clientId();
        List<EventEnvelope> lifecycle = List.of(envelope(registered, 0, TestClients.REGISTERED_AT),
                envelope(suspended(id, T1), 1, T1), envelope(reinstated(id, T2), 2, T2),
                envelope(TestClients.deleted(id, T3), 3, T3));
        EventEnvelope watermark = envelope(clientRevoked(id, T2), 0, T2);
        int clientsPartition = publishAll(lifecycle);
        int revocationsPartition = producer.publish(watermark).partition();
        JsonNode before = awaitClient(id, json -> json.path("lastSequence").asLong() == 3 && json.hasNonNull("revokedAt"));
        long versionBefore = versionOf(id);

        lifecycle.forEach(envelope -> producer.publish(envelope, clientsPartition));
        producer.publish(watermark, revocationsPartition);
        ClientRegistered clientsSentinel = TestClients.aClientRegistered();
        producer.publish(envelope(clientsSentinel, 0, T1), clientsPartition);
        TokenRevoked revocationsSentinel = TestClients.tokenRevoked(T3);
        producer.publish(envelope(revocationsSentinel, 0, T3), revocationsPartition);
        awaitClient(clientsSentinel.clientId(), json -> true);
        awaitTimeline("token:" + revocationsSentinel.jti().value(), 1);

        assertThat(before.get("status").asText()).isEqualTo("DELETED");
        assertThat(before.get("revokedAt").asText()).isEqualTo("2026-11-28T11:00:00Z");
        assertThat(api().asInvestigator("/api/clients/" + id.value()).json()).isEqualTo(before);
        assertThat(versionOf(id)).as("no write at all").isEqualTo(versionBefore);
        elasticsearch.indices().refresh(refresh -> refresh.index("mandate-events"));
        assertThat(awaitTimeline(id.value(), 4).get("total").asLong()).isEqualTo(4);
        assertThat(awaitTimeline("client:" + id.value(), 1).get("total").asLong()).isEqualTo(1);
    }

    @Test
    void clientRevokedWhenNewerAndOlderWatermarksArriveThenLatestIsKept() {
        ClientRegistered registered = TestClients.aClientRegistered();
        ClientId id = registered.clientId();
        producer.publish(envelope(registered, 0, TestClients.REGISTERED_AT));
        int partition = producer.publish(envelope(clientRevoked(id, T3), 0, T3)).partition();
        // Not a sequence the command side would write (later watermarks are later in time): the max is kept anyway.
        producer.publish(envelope(clientRevoked(id, T1), 1, T1), partition);

        awaitTimeline("client:" + id.value(), 2);
        JsonNode client = awaitClient(id, json -> json.hasNonNull("revokedAt"));

        assertThat(client.get("revokedAt").asText()).isEqualTo("2026-11-28T12:00:00Z");
        assertThat(client.get("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void clientRevokedWhenSeenBeforeRegistrationThenHiddenUntilRegisteredThenShownWithWatermark() {
        ClientRegistered registered = TestClients.aClientRegistered();
        ClientId id = registered.clientId();
        producer.publish(envelope(clientRevoked(id, T2), 0, T2));
        // The watermark's event and its client document are written in the same bulk request.
        awaitTimeline("client:" + id.value(), 1);

        assertThat(api().asInvestigator("/api/clients/" + id.value()).status()).isEqualTo(404);
        assertThat(ids(api().asInvestigator("/api/clients?kind=MCP_SERVER&size=100"))).doesNotContain(id.value());

        producer.publish(envelope(registered, 0, TestClients.REGISTERED_AT));
        JsonNode client = awaitClient(id, json -> true);
        assertThat(client.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(client.get("revokedAt").asText()).isEqualTo("2026-11-28T11:00:00Z");
    }

    @Test
    void revocationsWhenFilteredByClientOrUserThenOnlyTheirRevocationsNewestFirst() {
        ClientId agent = ClientId.of("agent-" + UUID.randomUUID().toString().substring(0, 8));
        UserId user = UserId.of("alice-" + UUID.randomUUID().toString().substring(0, 8));
        GrantCreated grant = TestGrants.aGrantCreated();
        GrantCreated agentsGrant = new GrantCreated(grant.grantId(), user, agent, grant.audience(), grant.scopes(),
                grant.policy(), grant.expiresAt(), grant.createdBy(), grant.createdAt());
        producer.publish(TestGrants.envelopeOf(agentsGrant));
        producer.publish(envelope(TestGrants.revoked(agentsGrant, T1), 1, T1));
        producer.publish(envelope(clientRevoked(agent, T2), 0, T2));
        producer.publish(envelope(TestClients.userRevoked(user, T3), 0, T3));

        JsonNode byClient = awaitRevocations("clientId=" + agent.value(), 2);
        JsonNode byUser = awaitRevocations("userId=" + user.value(), 2);
        JsonNode all = api().asInvestigator("/api/revocations?size=100").json();

        assertThat(byClient.get("items").findValuesAsText("type")).containsExactly("ClientRevoked", "GrantRevoked");
        assertThat(byUser.get("items").findValuesAsText("type")).containsExactly("UserRevoked", "GrantRevoked");
        assertThat(byUser.get("items").get(0).get("reason").asText()).isEqualTo("account compromised");
        assertThat(all.get("items").findValuesAsText("type"))
                .isNotEmpty()
                .allMatch(type -> List.of("GrantRevoked", "TokenRevoked", "ClientRevoked", "UserRevoked").contains(type));
    }

    @Test
    void clientsListWhenFilteredByKindAndStatusThenOnlyMatchingClients() {
        ClientRegistered registered = TestClients.aClientRegistered();
        ClientId id = registered.clientId();
        int partition = producer.publish(envelope(registered, 0, TestClients.REGISTERED_AT)).partition();
        producer.publish(envelope(suspended(id, T1), 1, T1), partition);
        awaitClient(id, json -> "SUSPENDED".equals(json.path("status").asText()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> suspendedMcpServers = ids(api().asResponder("/api/clients?kind=MCP_SERVER&status=SUSPENDED&size=100"));
            List<String> activeMcpServers = ids(api().asResponder("/api/clients?kind=MCP_SERVER&status=ACTIVE&size=100"));
            List<String> suspendedAgents = ids(api().asResponder("/api/clients?kind=AGENT&status=SUSPENDED&size=100"));
            assertThat(suspendedMcpServers).contains(id.value());
            assertThat(activeMcpServers).doesNotContain(id.value());
            assertThat(suspendedAgents).doesNotContain(id.value());
        });
    }

    @Test
    void clientWhenUnknownThenNotFoundProblem() {
        Reply reply = api().asInvestigator("/api/clients/mcp-unknown-" + UUID.randomUUID());

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("detail").asText()).contains("mcp-unknown-");
    }

    @Test
    void clientsWhenKindUnknownThenBadRequestNamingKind() {
        Reply reply = api().asInvestigator("/api/clients?kind=ROBOT");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("detail").asText()).contains("kind");
        assertThat(reply.body()).doesNotContain("Exception");
    }

    @Test
    void clientsAndRevocationsWhenAnonymousThenUnauthorizedAndDescribedInApiDocs() {
        assertThat(api().anonymously("/api/clients").status()).isEqualTo(401);
        assertThat(api().anonymously("/api/revocations").status()).isEqualTo(401);
        JsonNode paths = api().anonymously("/v3/api-docs").json().get("paths");
        assertThat(paths.has("/api/clients")).isTrue();
        assertThat(paths.has("/api/clients/{clientId}")).isTrue();
        assertThat(paths.has("/api/revocations")).isTrue();
    }

    private int publishAll(List<EventEnvelope> envelopes) {
        int partition = producer.publish(envelopes.get(0)).partition();
        envelopes.subList(1, envelopes.size()).forEach(envelope -> producer.publish(envelope, partition));
        return partition;
    }

    private JsonNode awaitClient(ClientId id, Predicate<JsonNode> condition) {
        return api().awaitReadable("/api/clients/" + id.value(), condition);
    }

    private JsonNode awaitTimeline(String aggregateId, int events) {
        return api().awaitTotal("/api/events?aggregateId=" + aggregateId, events);
    }

    private JsonNode awaitRevocations(String query, int count) {
        return api().awaitTotal("/api/revocations?" + query, count);
    }

    private long versionOf(ClientId id) throws IOException {
        return elasticsearch.get(get -> get.index("mandate-clients").id(id.value()), ObjectNode.class).version();
    }

    private static List<String> ids(Reply reply) {
        return new ArrayList<>(reply.json().get("items").findValuesAsText("clientId"));
    }

    private static EventEnvelope envelope(io.mandate.messages.MandateEvent event, long sequence, Instant occurredAt) {
        return TestGrants.envelopeOf(event, sequence, occurredAt);
    }
}
