package io.mandate.command.revocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mandate.command.RealStack;
import io.mandate.command.support.TestClients;
import io.mandate.command.support.TopicRecords;
import io.mandate.messages.client.ClientCommands.RegisterClient;
import io.mandate.messages.client.ClientCredentials;
import io.mandate.messages.client.RegistrationPath;
import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.grant.GrantRevoked;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.revocation.UserRevoked;
import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.EventEnvelope;
import io.mandate.messages.wire.Topics;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Revocations over real HTTP, into the real PostgreSQL event store, out on Kafka, and down to grants. */
class RevocationFlowIT extends RealStack {

    private static final ObjectMapper JSON = EventCodec.newObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommandGateway commands;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void registerClients() {
        TestClients.registerAll(commands);
    }

    @Test
    void revokeUserWhenResponderThenUserRevokedStoredAndPublishedKeyedByUser() throws Exception {
        String user = "user-" + UUID.randomUUID();

        HttpResponse<String> response = revoke("users/" + user, "account compromised", "responder", null);

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("revoked").asText()).isEqualTo("user:" + user);
        assertThat(body.get("event").asText()).isEqualTo("UserRevoked");
        assertThat(body.get("revokedBy").asText()).isEqualTo("responder");
        List<Map<String, Object>> rows = rowsOf("user:" + user);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("type", "UserRevocation")
                .containsEntry("payload_type", UserRevoked.class.getName());
        try (TopicRecords topic = new TopicRecords(Topics.REVOCATIONS)) {
            EventEnvelope envelope = topic.awaitEnvelopes("user:" + user, 1).get(0);
            assertThat(envelope.type()).isEqualTo("UserRevoked");
            assertThat(envelope.eventId()).isEqualTo(rows.get(0).get("event_identifier"));
            UserRevoked payload = (UserRevoked) envelope.payload();
            assertThat(payload.reason()).isEqualTo("account compromised");
            assertThat(payload.revokedAt().toString()).isEqualTo(body.get("revokedAt").asText());
        }
    }

    @Test
    void revokeUserAgainWhenNothingGrantedSinceThenOkWithFirstWatermarkAndOneEvent() throws Exception {
        String user = "user-" + UUID.randomUUID();
        HttpResponse<String> first = revoke("users/" + user, "lost laptop", "admin", null);

        HttpResponse<String> second = revoke("users/" + user, "lost laptop, again", "responder", null);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(200);
        JsonNode existing = JSON.readTree(second.body());
        assertThat(existing.get("event").isNull()).isTrue();
        assertThat(existing.get("revokedAt").asText()).isEqualTo(JSON.readTree(first.body()).get("revokedAt").asText());
        assertThat(existing.get("reason").asText()).isEqualTo("lost laptop");
        assertThat(rowsOf("user:" + user)).hasSize(1);
    }

    @Test
    void revokeTokenTwiceThenOneEvent() throws Exception {
        String jti = "jti-" + UUID.randomUUID();

        HttpResponse<String> first = revoke("tokens/" + jti, "leaked in a log", "responder", null);
        HttpResponse<String> second = revoke("tokens/" + jti, "leaked in a log", "responder", null);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(first.body()).get("event").asText()).isEqualTo("TokenRevoked");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(rowsOf("token:" + jti)).hasSize(1);
    }

    @Test
    void revokeClientWhenAgentHoldsGrantThenGrantRevokedByCascade() throws Exception {
        String agent = registerAgent();
        String grantId = createGrant("alice", agent);

        HttpResponse<String> response = revoke("clients/" + agent, "agent compromised", "responder", null);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(response.body()).get("event").asText()).isEqualTo("ClientRevoked");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(rowsOf(grantId))
                .extracting(row -> row.get("payload_type"))
                .containsExactly(GrantCreated.class.getName(), GrantRevoked.class.getName()));
        try (TopicRecords revocations = new TopicRecords(Topics.REVOCATIONS);
             TopicRecords grants = new TopicRecords(Topics.GRANTS)) {
            assertThat(revocations.awaitEnvelopes("client:" + agent, 1).get(0).type()).isEqualTo("ClientRevoked");
            List<EventEnvelope> timeline = grants.awaitEnvelopes(grantId, 2);
            assertThat(timeline).extracting(EventEnvelope::type).containsExactly("GrantCreated", "GrantRevoked");
            GrantRevoked revoked = (GrantRevoked) timeline.get(1).payload();
            assertThat(revoked.reason()).isEqualTo("cascade: agent compromised");
            assertThat(revoked.revokedBy()).isEqualTo("responder");
        }
    }

    @Test
    void revokeClientAgainWhenGrantedSinceThenNewWatermark() throws Exception {
        String agent = registerAgent();
        HttpResponse<String> first = revoke("clients/" + agent, "compromised", "admin", null);
        HttpResponse<String> unchanged = revoke("clients/" + agent, "compromised", "admin", null);
        createGrant("bob", agent);

        HttpResponse<String> afterNewGrant = revoke("clients/" + agent, "compromised again", "admin", null);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(unchanged.statusCode()).isEqualTo(200);
        assertThat(afterNewGrant.statusCode()).isEqualTo(201);
        assertThat(rowsOf("client:" + agent)).hasSize(2);
    }

    @Test
    void revokeClientWhenRetriedWithSameIdempotencyKeyAfterNewGrantThenNoSecondEvent() throws Exception {
        String agent = registerAgent();
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = revoke("clients/" + agent, "compromised", "responder", key);
        createGrant("carol", agent);

        HttpResponse<String> retry = revoke("clients/" + agent, "compromised", "responder", key);
        HttpResponse<String> reused = revoke("clients/" + agent, "another reason", "responder", key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(reused.statusCode()).isEqualTo(409);
        assertThat(rowsOf("client:" + agent)).hasSize(1);
    }

    @Test
    void revokeClientWhenUnknownThenNotFoundProblem() throws Exception {
        HttpResponse<String> response = revoke("clients/never-registered-" + UUID.randomUUID(), "why", "admin", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertProblem(response, 404);
    }

    @Test
    void revokeWhenInvestigatorThenForbiddenProblemAndNothingWritten() throws Exception {
        String user = "user-" + UUID.randomUUID();

        HttpResponse<String> response = revoke("users/" + user, "curious", "investigator", null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertProblem(response, 403);
        assertThat(rowsOf("user:" + user)).isEmpty();
    }

    @Test
    void revokeWhenReasonMissingOrTooLongThenBadRequestNamingReason() throws Exception {
        HttpResponse<String> missing = send("tokens/jti-x", "{}", "admin", null);
        HttpResponse<String> tooLong = revoke("tokens/jti-x", "x".repeat(501), "admin", null);

        for (HttpResponse<String> response : List.of(missing, tooLong)) {
            assertThat(response.statusCode()).isEqualTo(400);
            JsonNode problem = assertProblem(response, 400);
            assertThat(problem.at("/errors/0/field").asText()).isEqualTo("reason");
        }
        assertThat(rowsOf("token:jti-x")).isEmpty();
    }

    @Test
    void apiDocsWhenAnonymousThenDescribeRevocationEndpoints() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/v3/api-docs")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        JsonNode paths = JSON.readTree(response.body()).get("paths");
        assertThat(paths.has("/api/revocations/tokens/{jti}")).isTrue();
        assertThat(paths.has("/api/revocations/clients/{clientId}")).isTrue();
        assertThat(paths.has("/api/revocations/users/{userId}")).isTrue();
    }

    private String registerAgent() {
        String agent = "agent-" + UUID.randomUUID();
        commands.sendAndWait(new RegisterClient(ClientId.of(agent), ClientKind.AGENT, agent, "team-revocation-it",
                Scopes.of("calendar.read"), List.of(), RegistrationPath.ADMIN, "test-setup",
                ClientCredentials.none()));
        return agent;
    }

    private String createGrant(String user, String agent) throws Exception {
        String body = """
                {"userId": "%s", "agentId": "%s", "audience": "https://calendar.example.com",
                 "scopes": ["calendar.read"], "policy": {"maxDepth": 1}}""".formatted(user, agent);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/grants"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = withBasic(request, "admin");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("grantId").asText();
    }

    private List<Map<String, Object>> rowsOf(String aggregateId) {
        return jdbc.queryForList("""
                select event_identifier, type, payload_type from domain_event_entry
                 where aggregate_identifier = ? order by sequence_number""", aggregateId);
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(response.body()).doesNotContain("Exception", "\tat ");
        return problem;
    }

    private HttpResponse<String> revoke(String path, String reason, String user, String idempotencyKey)
            throws Exception {
        return send(path, JSON.writeValueAsString(Map.of("reason", reason)), user, idempotencyKey);
    }

    private HttpResponse<String> send(String path, String body, String user, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/revocations/" + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return withBasic(request, user);
    }

    private HttpResponse<String> withBasic(HttpRequest.Builder request, String user) throws Exception {
        String credentials = Base64.getEncoder().encodeToString(
                (user + ":mandate-" + user).getBytes(StandardCharsets.UTF_8));
        return http.send(request.header("Authorization", "Basic " + credentials).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
