package io.mandate.command.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mandate.command.RealStack;
import io.mandate.command.support.GrantsTopic;
import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.EventEnvelope;
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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients and grants over real HTTP against the real PostgreSQL and Kafka: registration, the checks a
 * grant meets against registered clients, suspension, revocation (once), and role separation.
 */
class ClientAndGrantFlowIT extends RealStack {

    private static final ObjectMapper JSON = EventCodec.newObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    /** Fresh ids per run: the test stack's database may outlive one run. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String server = "files-api-" + run;
    private final String agent = "files-agent-" + run;
    private final String serverUri = "https://files-" + run + ".example/api";

    @Test
    void grantLifecycleWhenClientsRegisteredThenChecksSuspensionAndSingleRevocationHold() throws Exception {
        assertThat(send("POST", "/api/clients", serverBody(), "admin").statusCode()).isEqualTo(201);
        HttpResponse<String> agentCreated = send("POST", "/api/clients", agentBody("files.read files.write"), "admin");
        assertThat(agentCreated.statusCode()).isEqualTo(201);
        assertThat(agentCreated.headers().firstValue("Location")).hasValue("/api/clients/" + agent);
        assertThat(JSON.readTree(agentCreated.body()).get("status").asText()).isEqualTo("ACTIVE");

        // Same description again: idempotent, nothing written; another description: conflict.
        assertThat(send("POST", "/api/clients", agentBody("files.read files.write"), "admin").statusCode()).isEqualTo(200);
        assertProblem(send("POST", "/api/clients", agentBody("files.read"), "admin"), 409);
        assertThat(eventCount(agent)).isEqualTo(2); // ClientRegistered + ClientCredentialsSet

        HttpResponse<String> created = send("POST", "/api/grants", grantBody("[\"files.read\"]", serverUri), "admin");
        assertThat(created.statusCode()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        String grantId = JSON.readTree(created.body()).get("grantId").asText();
        JsonNode grant = JSON.readTree(send("GET", location, null, "investigator").body());
        assertThat(grant.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(grant.get("agentId").asText()).isEqualTo(agent);

        JsonNode escalation = assertProblem(send("POST", "/api/grants",
                grantBody("[\"files.read\", \"files.delete\"]", serverUri), "admin"), 400);
        assertThat(escalation.at("/errors/0/field").asText()).isEqualTo("scopes");
        assertThat(escalation.get("detail").asText()).contains("files.delete").doesNotContain("files.read ");

        JsonNode unknownAudience = assertProblem(send("POST", "/api/grants",
                grantBody("[\"files.read\"]", "https://nowhere-" + run + ".example"), "admin"), 400);
        assertThat(unknownAudience.at("/errors/0/field").asText()).isEqualTo("audience");

        HttpResponse<String> suspended = send("POST", "/api/clients/" + agent + "/suspend",
                "{\"reason\": \"key leaked\"}", "admin");
        assertThat(JSON.readTree(suspended.body()).get("status").asText()).isEqualTo("SUSPENDED");
        assertProblem(send("POST", "/api/grants", grantBody("[\"files.read\"]", serverUri), "admin"), 409);
        assertThat(send("POST", "/api/clients/" + agent + "/suspend", "{\"reason\": \"again\"}", "admin").statusCode())
                .isEqualTo(200);
        assertThat(eventCount(agent)).isEqualTo(3);

        assertProblem(send("POST", "/api/grants/" + grantId + "/revoke", "{\"reason\": \"x\"}", "investigator"), 403);
        HttpResponse<String> revoked = send("POST", "/api/grants/" + grantId + "/revoke",
                "{\"reason\": \"agent key leaked\"}", "responder");
        HttpResponse<String> again = send("POST", "/api/grants/" + grantId + "/revoke",
                "{\"reason\": \"retry\"}", "admin");
        assertThat(revoked.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(revoked.body()).get("event").asText()).isEqualTo("GrantRevoked");
        assertThat(again.statusCode()).isEqualTo(200);
        JsonNode existing = JSON.readTree(again.body());
        assertThat(existing.get("by").asText()).isEqualTo("responder");
        assertThat(existing.get("reason").asText()).isEqualTo("agent key leaked");
        assertThat(jdbc.queryForObject("""
                select count(*) from domain_event_entry
                 where aggregate_identifier = ? and payload_type = 'io.mandate.messages.grant.GrantRevoked'""",
                Long.class, grantId)).isEqualTo(1L);
        assertThat(JSON.readTree(send("GET", location, null, "admin").body()).get("status").asText())
                .isEqualTo("REVOKED");

        try (GrantsTopic topic = new GrantsTopic()) {
            List<String> types = topic.awaitRecords(grantId, 2).stream()
                    .map(record -> new EventCodec().decode(record.value())).map(EventEnvelope::type).toList();
            assertThat(types).containsExactly("GrantCreated", "GrantRevoked");
        }
    }

    @Test
    void clientApiWhenUnknownOrInvalidOrWrongRoleThenProblems() throws Exception {
        assertProblem(send("GET", "/api/clients/nobody-" + run, null, "admin"), 404);
        assertProblem(send("POST", "/api/clients/nobody-" + run + "/suspend", "{\"reason\": \"x\"}", "admin"), 404);
        assertProblem(send("POST", "/api/grants/grt_nothing-" + run + "/revoke", "{\"reason\": \"x\"}", "admin"), 404);
        assertProblem(send("GET", "/api/grants/grt_nothing-" + run, null, "admin"), 404);
        assertProblem(send("POST", "/api/clients", serverBody(), "investigator"), 403);
        assertProblem(send("POST", "/api/clients", serverBody(), "responder"), 403);

        JsonNode noUris = assertProblem(send("POST", "/api/clients", """
                {"clientId": "%s", "kind": "RESOURCE_SERVER", "name": "No URIs", "owner": "team",
                 "allowedScopes": ["a"]}""".formatted(server), "admin"), 400);
        assertThat(noUris.at("/errors/0/field").asText()).isEqualTo("resourceUris");

        assertThat(send("POST", "/api/clients", serverBody(), "admin").statusCode()).isEqualTo(201);
        JsonNode noReason = assertProblem(send("POST", "/api/clients/" + server + "/suspend", "{}", "admin"), 400);
        assertThat(noReason.at("/errors/0/field").asText()).isEqualTo("reason");
        assertThat(JSON.readTree(send("DELETE", "/api/clients/" + server + "?reason=retired", null, "admin").body())
                .get("status").asText()).isEqualTo("DELETED");
        assertProblem(send("POST", "/api/clients/" + server + "/reinstate", "{\"reason\": \"back\"}", "admin"), 409);
        assertProblem(send("POST", "/api/clients", serverBody(), "admin"), 409);
    }

    private long eventCount(String aggregateId) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Long.class, aggregateId);
    }

    private String serverBody() {
        return """
                {"clientId": "%s", "kind": "RESOURCE_SERVER", "name": "Files API", "owner": "team-files",
                 "allowedScopes": ["files.read", "files.write"], "resourceUris": ["%s"]}""".formatted(server, serverUri);
    }

    private String agentBody(String scopes) {
        return """
                {"clientId": "%s", "kind": "AGENT", "name": "Files agent", "owner": "alice",
                 "allowedScopes": %s}""".formatted(agent, JSON.valueToTree(List.of(scopes.split(" "))));
    }

    private String grantBody(String scopes, String audience) {
        return """
                {"userId": "alice", "agentId": "%s", "audience": "%s", "scopes": %s,
                 "policy": {"maxDepth": 1}}""".formatted(agent, audience, scopes);
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).doesNotContain("Exception", "\tat ");
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, String body, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        String credentials = user + ":mandate-" + user;
        request.header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
