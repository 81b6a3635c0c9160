package io.mandate.command.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.mandate.command.RealStack;
import io.mandate.command.support.AdminApi;
import io.mandate.command.support.TopicRecords;
import io.mandate.messages.client.ClientCredentialsSet;
import io.mandate.messages.client.ClientRegistered;
import io.mandate.messages.wire.EventEnvelope;
import io.mandate.messages.wire.Topics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.mandate.command.support.AdminApi.assertProblem;
import static io.mandate.command.support.AdminApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client credentials over real HTTP into the real event store and out on Kafka: the secret is shown
 * once and only its hash is stored; public keys are checked; rotation replaces credentials once per
 * Idempotency-Key.
 */
class ClientCredentialsIT extends RealStack {

    private static final String EC_KEY = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"k1\","
            + "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\",\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private AdminApi api;
    /** Fresh ids per run: the test stack's database may outlive one run. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void api() {
        api = new AdminApi(port);
    }

    @Test
    void registerWhenNoMethodThenSecretShownOnceOnlyItsHashStoredAndPublishedAfterTheRegistration() {
        String id = "secret-agent-" + run;

        HttpResponse<String> created = api.post("/api/clients", agentBody(id, ""), "admin");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).hasValueSatisfying(
                value -> assertThat(value).contains("no-store"));
        JsonNode body = json(created);
        String secret = body.get("clientSecret").asText();
        assertThat(secret).matches("[A-Za-z0-9_-]{43}");
        assertThat(body.get("tokenEndpointAuthMethod").asText()).isEqualTo("client_secret_basic");
        assertThat(body.get("credentialsSetAt").asText()).isEqualTo(body.get("registeredAt").asText());

        List<Map<String, Object>> rows = rowsOf(id);
        assertThat(rows).extracting(row -> row.get("payload_type"))
                .containsExactly(ClientRegistered.class.getName(), ClientCredentialsSet.class.getName());
        assertThat((String) rows.get(1).get("payload")).contains(ClientSecrets.hash(secret)).doesNotContain(secret);
        assertThat(jdbc.queryForObject("""
                select count(*) from domain_event_entry
                 where convert_from(payload, 'UTF8') like ? or convert_from(meta_data, 'UTF8') like ?""",
                Long.class, "%" + secret + "%", "%" + secret + "%")).isZero();

        // The same registration again: nothing written, and no secret (the first one stays; rotate for a new one).
        HttpResponse<String> again = api.post("/api/clients", agentBody(id, ""), "admin");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).has("clientSecret")).isFalse();
        assertThat(rowsOf(id)).hasSize(2);

        HttpResponse<String> read = api.get("/api/clients/" + id, "investigator");
        assertThat(json(read).get("tokenEndpointAuthMethod").asText()).isEqualTo("client_secret_basic");
        assertThat(read.body()).doesNotContain("clientSecret", "sha256:", secret);

        try (TopicRecords topic = new TopicRecords(Topics.CLIENTS)) {
            List<EventEnvelope> published = topic.awaitEnvelopes(id, 2);
            assertThat(published).extracting(EventEnvelope::type)
                    .containsExactly("ClientRegistered", "ClientCredentialsSet");
            ClientCredentialsSet set = (ClientCredentialsSet) published.get(1).payload();
            assertThat(ClientSecrets.matches(secret, set.credentials().secretHash())).isTrue();
            assertThat(set.setBy()).isEqualTo("admin");
        }
    }

    @Test
    void registerWhenPrivateKeyJwtWithPublicKeysThenKeysRecordedAndNoSecret() throws Exception {
        String id = "jwt-agent-" + run;

        HttpResponse<String> created = api.post("/api/clients", agentBody(id,
                ", \"tokenEndpointAuthMethod\": \"private_key_jwt\", \"jwks\": {\"keys\": [" + EC_KEY + "]}"), "admin");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).has("clientSecret")).isFalse();
        assertThat(json(created).get("tokenEndpointAuthMethod").asText()).isEqualTo("private_key_jwt");
        String stored = (String) rowsOf(id).get(1).get("payload");
        assertThat(AdminApi.JSON.readTree(stored).at("/credentials/jwks").asText())
                .isEqualTo("{\"keys\":[" + EC_KEY + "]}");
    }

    @Test
    void registerWhenCredentialsInvalidOrIdReservedThenBadRequestNamingTheFieldAndNothingWritten() {
        String id = "invalid-agent-" + run;
        String privateKey = EC_KEY.substring(0, EC_KEY.length() - 1) + ",\"d\":\"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI\"}";
        Map<String, String> fieldByExtra = Map.of(
                ", \"tokenEndpointAuthMethod\": \"private_key_jwt\", \"jwks\": {\"keys\": [" + privateKey + "]}",
                "jwks.keys[0].d",
                ", \"jwks\": {\"keys\": [" + EC_KEY + "]}", "jwks",
                ", \"tokenEndpointAuthMethod\": \"private_key_jwt\"", "jwks",
                ", \"tokenEndpointAuthMethod\": \"private_key_jwt\", \"jwks\": \"keys\"", "jwks",
                ", \"tokenEndpointAuthMethod\": \"private_key_jwt\", \"jwks\": {\"keys\": [{\"x\": \"a\"}]}",
                "jwks.keys[0].kty",
                ", \"tokenEndpointAuthMethod\": \"client_secret_jwt\"", "tokenEndpointAuthMethod");

        fieldByExtra.forEach((extra, field) -> {
            JsonNode problem = assertProblem(api.post("/api/clients", agentBody(id, extra), "admin"), 400);
            assertThat(problem.at("/errors/0/field").asText()).as(extra).isEqualTo(field);
        });
        assertThat(rowsOf(id)).isEmpty();

        for (String reserved : List.of("issued:", "refusal:", "key:")) {
            JsonNode problem = assertProblem(api.post("/api/clients", agentBody(reserved + id, ""), "admin"), 400);
            assertThat(problem.at("/errors/0/field").asText()).isEqualTo("clientId");
            assertThat(rowsOf(reserved + id)).isEmpty();
        }
    }

    @Test
    void rotateWhenAdminWithIdempotencyKeyThenNewSecretOnceAndARetryWritesNothing() {
        String id = "rotating-agent-" + run;
        String path = "/api/clients/" + id + "/credentials";
        String firstSecret = json(api.post("/api/clients", agentBody(id, ""), "admin")).get("clientSecret").asText();
        String key = "rotate-" + UUID.randomUUID();
        String basic = "{\"tokenEndpointAuthMethod\": \"client_secret_basic\"}";

        HttpResponse<String> rotated = api.send("POST", path, basic, "admin", Map.of("Idempotency-Key", key));

        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        assertThat(rotated.headers().firstValue("Cache-Control")).hasValueSatisfying(
                value -> assertThat(value).contains("no-store"));
        JsonNode body = json(rotated);
        String newSecret = body.get("clientSecret").asText();
        assertThat(newSecret).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(firstSecret);
        assertThat(Instant.parse(body.get("credentialsSetAt").asText()))
                .isAfter(Instant.parse(body.get("registeredAt").asText()));
        List<Map<String, Object>> rows = rowsOf(id);
        assertThat(rows).hasSize(3);
        assertThat((String) rows.get(2).get("payload")).contains(ClientSecrets.hash(newSecret))
                .contains("\"setBy\":\"admin\"").doesNotContain(key);
        assertThat((String) rows.get(2).get("meta_data")).contains(key);

        HttpResponse<String> retried = api.send("POST", path, basic, "admin", Map.of("Idempotency-Key", key));
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(json(retried).has("clientSecret")).isFalse();
        assertProblem(api.send("POST", path, "{\"tokenEndpointAuthMethod\": \"private_key_jwt\", \"jwks\": {\"keys\": ["
                + EC_KEY + "]}}", "admin", Map.of("Idempotency-Key", key)), 409);
        assertThat(rowsOf(id)).hasSize(3);

        HttpResponse<String> toKeys = api.post(path, "{\"tokenEndpointAuthMethod\": \"private_key_jwt\", \"jwks\": {\"keys\": ["
                + EC_KEY + "]}}", "admin");
        assertThat(toKeys.statusCode()).isEqualTo(200);
        assertThat(json(toKeys).has("clientSecret")).isFalse();
        assertThat(json(api.get("/api/clients/" + id, "admin")).get("tokenEndpointAuthMethod").asText())
                .isEqualTo("private_key_jwt");
        assertThat(rowsOf(id)).hasSize(4);
    }

    @Test
    void rotateWhenNotAdminOrUnknownOrDeletedOrInvalidThenProblemsAndNothingWritten() {
        String id = "rotation-refused-" + run;
        String path = "/api/clients/" + id + "/credentials";
        String basic = "{\"tokenEndpointAuthMethod\": \"client_secret_basic\"}";
        assertProblem(api.post("/api/clients/unknown-" + id + "/credentials", basic, "admin"), 404);
        assertThat(api.post("/api/clients", agentBody(id, ""), "admin").statusCode()).isEqualTo(201);

        assertProblem(api.post(path, basic, "investigator"), 403);
        assertProblem(api.post(path, basic, "responder"), 403);
        JsonNode noMethod = assertProblem(api.post(path, "{}", "admin"), 400);
        assertThat(noMethod.at("/errors/0/field").asText()).isEqualTo("tokenEndpointAuthMethod");
        JsonNode jwksWithSecret = assertProblem(api.post(path, "{\"tokenEndpointAuthMethod\": \"none\", "
                + "\"jwks\": {\"keys\": [" + EC_KEY + "]}}", "admin"), 400);
        assertThat(jwksWithSecret.at("/errors/0/field").asText()).isEqualTo("jwks");
        assertThat(rowsOf(id)).hasSize(2);

        api.send("DELETE", "/api/clients/" + id + "?reason=retired", null, "admin", Map.of());
        assertProblem(api.post(path, basic, "admin"), 409);
        assertThat(rowsOf(id)).hasSize(3);
    }

    private List<Map<String, Object>> rowsOf(String aggregateId) {
        return jdbc.queryForList("""
                select payload_type, convert_from(payload, 'UTF8') as payload, convert_from(meta_data, 'UTF8') as meta_data
                  from domain_event_entry where aggregate_identifier = ? order by sequence_number""", aggregateId);
    }

    private static String agentBody(String id, String extraMembers) {
        return """
                {"clientId": "%s", "kind": "AGENT", "name": "Credentials agent", "owner": "alice",
                 "allowedScopes": ["files.read"]%s}""".formatted(id, extraMembers);
    }
}
