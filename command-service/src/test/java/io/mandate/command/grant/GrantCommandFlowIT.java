package io.mandate.command.grant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mandate.command.RealStack;
import io.mandate.command.support.GrantsTopic;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import io.mandate.command.support.TestClients;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A grant over real HTTP, into the real PostgreSQL event store and out on the real Kafka topic. */
class GrantCommandFlowIT extends RealStack {

    private static final ObjectMapper JSON = EventCodec.newObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void registerClients() {
        TestClients.registerAll(commands);
    }

    @Autowired
    CommandGateway commands;

    @Test
    void postGrantWhenAdminThenEventStoredInPostgresAndPublishedToKafka() throws Exception {
        HttpResponse<String> response = postAsAdmin(grantBody("alice", 2), null);

        assertThat(response.statusCode()).isEqualTo(201);
        String grantId = JSON.readTree(response.body()).get("grantId").asText();
        assertThat(grantId).startsWith("grt_");
        assertThat(response.headers().firstValue("Location")).hasValue("/api/grants/" + grantId);

        List<Map<String, Object>> rows = jdbc.queryForList("""
                select event_identifier, type, sequence_number, payload_type, payload_revision,
                       convert_from(payload, 'UTF8') as payload
                  from domain_event_entry where aggregate_identifier = ?""", grantId);
        assertThat(rows).hasSize(1);
        Map<String, Object> row = rows.get(0);
        assertThat(row).containsEntry("type", "Grant").containsEntry("sequence_number", 0L)
                .containsEntry("payload_type", GrantCreated.class.getName())
                .containsEntry("payload_revision", String.valueOf(GrantCreated.REVISION));
        String payload = (String) row.get("payload");
        assertThat(payload).contains("\"grantId\":\"" + grantId + "\"", "\"createdBy\":\"admin\"")
                .doesNotContain("mandate-admin", "Basic ", "password");
        GrantCreated stored = JSON.readValue(payload, GrantCreated.class);
        assertThat(stored.userId().value()).isEqualTo("alice");
        assertThat(stored.scopes().toString()).isEqualTo("calendar.read calendar.write");

        ConsumerRecord<String, byte[]> record;
        try (GrantsTopic topic = new GrantsTopic()) {
            record = topic.awaitRecords(grantId, 1).get(0);
        }
        EventEnvelope envelope = new EventCodec().decode(record.value());
        assertThat(envelope.type()).isEqualTo("GrantCreated");
        assertThat(envelope.eventId()).isEqualTo(row.get("event_identifier"));
        assertThat(envelope.aggregateId()).isEqualTo(grantId);
        assertThat(envelope.sequence()).isZero();
        assertThat(envelope.payload()).isEqualTo(stored);
    }

    @Test
    void postGrantWhenInvestigatorThenForbiddenProblem() throws Exception {
        HttpResponse<String> response = post(grantBody("alice", 1), "investigator", "mandate-investigator", null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertProblem(response, 403);
    }

    @Test
    void postGrantWhenNoCredentialsThenUnauthorizedProblemWithBasicChallenge() throws Exception {
        HttpResponse<String> response = post(grantBody("alice", 1), null, null, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic "));
        assertProblem(response, 401);
    }

    @Test
    void postGrantWhenWrongPasswordThenUnauthorizedProblem() throws Exception {
        HttpResponse<String> response = post(grantBody("alice", 1), "admin", "not-the-password", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertProblem(response, 401);
    }

    @Test
    void requestsWhenWrongPasswordAfterTheRightOneThenStillUnauthorized() throws Exception {
        String unknown = "/api/grants/" + GrantId.random().value();
        // The right password is remembered after its BCrypt check; a wrong one must never ride on that.
        assertThat(get(unknown, "admin", "mandate-admin").statusCode()).isEqualTo(404);
        assertThat(get(unknown, "admin", "mandate-admin").statusCode()).isEqualTo(404);

        for (HttpResponse<String> refused : List.of(get(unknown, "admin", "mandate-admin-"),
                get(unknown, "investigator", "mandate-admin"),
                post(grantBody("alice-" + System.nanoTime(), 1), "admin", "", null))) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertProblem(refused, 401);
        }
    }

    @Test
    void postGrantWhenUserIdMissingThenBadRequestProblemNamingField() throws Exception {
        HttpResponse<String> response = postAsAdmin(grantBody(null, 1), null);

        assertBadRequestNaming(response, "userId");
    }

    @Test
    void postGrantWhenMaxDepthTooLargeThenBadRequestProblemNamingNestedField() throws Exception {
        HttpResponse<String> response = postAsAdmin(grantBody("alice", 9), null);

        assertBadRequestNaming(response, "policy.maxDepth");
    }

    @Test
    void postGrantWhenAudienceIsRelativeThenBadRequestProblemNamingAudience() throws Exception {
        String body = grantBody("alice", 1).replace("https://calendar.example.com", "/calendar");
        HttpResponse<String> response = postAsAdmin(body, null);

        assertBadRequestNaming(response, "audience");
    }

    @Test
    void postGrantWhenAnAdminClaimsHowTheUserSignedInThenBadRequestProblemNamingAuthenticatedBy() throws Exception {
        // Only the authorization server saw the user sign in; an admin's grant cannot vouch for it.
        String body = grantBody("alice", 1).replace("\"expiresAt\"",
                "\"authenticatedBy\": \"https://login.example/realms/corp\", \"expiresAt\"");
        HttpResponse<String> response = postAsAdmin(body, null);

        assertBadRequestNaming(response, "authenticatedBy");
    }

    @Test
    void postGrantWhenUnknownClientKindThenBadRequestProblemNamingField() throws Exception {
        String body = grantBody("alice", 2).replace("\"MCP_SERVER\"", "\"ROBOT\"");
        HttpResponse<String> response = postAsAdmin(body, null);

        assertBadRequestNaming(response, "policy.allowedNextKinds[0]");
    }

    @Test
    void postGrantWhenRetriedWithSameIdempotencyKeyThenSameGrantAndOneEvent() throws Exception {
        String key = UUID.randomUUID().toString();

        HttpResponse<String> first = postAsAdmin(grantBody("bob", 2), key);
        HttpResponse<String> retry = postAsAdmin(grantBody("bob", 2), key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(200);
        String grantId = JSON.readTree(first.body()).get("grantId").asText();
        assertThat(JSON.readTree(retry.body()).get("grantId").asText()).isEqualTo(grantId);
        assertThat(retry.headers().firstValue("Location")).hasValue("/api/grants/" + grantId);
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Long.class, grantId)).isEqualTo(1L);
    }

    @Test
    void postGrantWhenIdempotencyKeyReusedForOtherGrantThenConflictProblem() throws Exception {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = postAsAdmin(grantBody("carol", 2), key);

        HttpResponse<String> other = postAsAdmin(grantBody("dave", 2), key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(other.statusCode()).isEqualTo(409);
        assertProblem(other, 409);
        String grantId = JSON.readTree(first.body()).get("grantId").asText();
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Long.class, grantId)).isEqualTo(1L);
    }

    @Test
    void healthWhenAdminThenDetailsOfDatabaseAndKafka() throws Exception {
        JsonNode anonymous = JSON.readTree(get("/actuator/health", null, null).body());
        JsonNode admin = JSON.readTree(get("/actuator/health", "admin", "mandate-admin").body());

        assertThat(anonymous.get("status").asText()).isEqualTo("UP");
        assertThat(anonymous.has("components")).isFalse();
        assertThat(admin.at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(admin.at("/components/kafka/status").asText()).isEqualTo("UP");
    }

    @Test
    void apiDocsWhenAnonymousThenDescribeGrantEndpoint() throws Exception {
        HttpResponse<String> response = get("/v3/api-docs", null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).at("/paths/~1api~1grants/post").isMissingNode()).isFalse();
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.has("title")).isTrue();
        assertThat(response.body()).doesNotContain("Exception", "\tat ");
        return problem;
    }

    /** A 400 problem whose errors name exactly these fields, each also named in its detail. */
    private static void assertBadRequestNaming(HttpResponse<String> response, String... fields) throws Exception {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(fieldsOf(assertProblem(response, 400))).containsExactly(fields);
    }

    private static List<String> fieldsOf(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(error -> fields.add(error.get("field").asText()));
        assertThat(problem.get("detail").asText()).contains(fields);
        return fields;
    }

    private static String grantBody(String userId, int maxDepth) {
        String user = userId == null ? "" : "\"userId\": \"" + userId + "\",";
        return """
                {%s
                 "agentId": "travel-agent",
                 "audience": "https://calendar.example.com",
                 "scopes": ["calendar.write", "calendar.read"],
                 "policy": {"allowedNextClients": ["calendar-mcp"], "allowedNextKinds": ["MCP_SERVER"],
                            "maxDepth": %d},
                 "expiresAt": "2099-01-01T00:00:00Z"}""".formatted(user, maxDepth);
    }

    private HttpResponse<String> post(String body, String user, String password, String idempotencyKey)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/grants"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request, user, password);
    }

    private HttpResponse<String> postAsAdmin(String body, String idempotencyKey) throws Exception {
        return post(body, "admin", "mandate-admin", idempotencyKey);
    }

    private HttpResponse<String> get(String path, String user, String password) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET(), user, password);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String user, String password) throws Exception {
        if (user != null) {
            String credentials = Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + credentials);
        }
        return http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
