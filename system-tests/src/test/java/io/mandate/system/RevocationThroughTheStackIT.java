package io.mandate.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.mandate.infra.launcher.StackSettings;
import io.mandate.messages.wire.EventEnvelope;
import io.mandate.messages.wire.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 3's acceptance on the running services: clients and grants created through the admin
 * API, then revoked per grant, per agent and per user; each step is an event in PostgreSQL and
 * on Kafka, reaches the query side, and the token-issuer's revocation decision follows it.
 */
class RevocationThroughTheStackIT {

    private static final Duration HOP = Duration.ofSeconds(30);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String AUDIENCE = "https://files-" + RUN + ".example/api";
    private static final String AGENT = "filing-agent-" + RUN;
    private static final String OTHER_AGENT = "summary-agent-" + RUN;
    private static final String ALICE = "alice-" + RUN;
    private static final String BOB = "bob-" + RUN;
    private static final String CAROL = "carol-" + RUN;

    private static RunningMandate mandate;
    private static final Http http = new Http();

    @BeforeAll
    static void registerClients() {
        mandate = RunningMandate.get();
        post("/api/clients", "admin", """
                {"clientId":"files-api-%s","kind":"RESOURCE_SERVER","name":"Files API","owner":"team-files",
                 "allowedScopes":["files.read","files.write"],"resourceUris":["%s"]}""".formatted(RUN, AUDIENCE), 201);
        for (String agent : List.of(AGENT, OTHER_AGENT)) {
            post("/api/clients", "admin", """
                    {"clientId":"%s","kind":"AGENT","name":"Agent","owner":"team-agents",
                     "allowedScopes":["files.read","files.write"]}""".formatted(agent), 201);
        }
    }

    @Test
    void grantAgentAndUserWhenRevokedThenEventsReachEveryReaderAndTheIssuerRefuses() {
        String alicesAgentGrant = createGrant(ALICE, AGENT);
        String bobsAgentGrant = createGrant(BOB, AGENT);
        String alicesOtherGrant = createGrant(ALICE, OTHER_AGENT);
        String carolsOtherGrant = createGrant(CAROL, OTHER_AGENT);
        Instant issuedBeforeRevocations = Instant.now().minusSeconds(1);

        // 1. one grant, revoked twice: one event, REVOKED on the query side and in the issuer
        JsonNode first = post("/api/grants/" + carolsOtherGrant + "/revoke", "responder", "{\"reason\":\"user asked\"}", 201);
        assertThat(first.path("event").asText()).isEqualTo("GrantRevoked");
        post("/api/grants/" + carolsOtherGrant + "/revoke", "responder", "{\"reason\":\"user asked\"}", 200);
        assertThat(eventTypes(carolsOtherGrant)).containsExactly("GrantCreated", "GrantRevoked");
        awaitQueryGrantStatus(carolsOtherGrant, "REVOKED");
        awaitIssuerGrantStatus(carolsOtherGrant, "REVOKED");
        assertThat(verdict(carolsOtherGrant, CAROL, OTHER_AGENT, issuedBeforeRevocations).path("revoked").asBoolean()).isTrue();

        // 2. the agent: a watermark event, then every grant it holds revoked by cascade
        assertThat(verdict(alicesAgentGrant, ALICE, AGENT, issuedBeforeRevocations).path("revoked").asBoolean()).isFalse();
        post("/api/revocations/clients/" + AGENT, "responder", "{\"reason\":\"prompt injection\"}", 201);
        EventEnvelope clientRevoked = KafkaProbe.awaitRecords(mandate.stack().kafkaBootstrapServers(), Topics.REVOCATIONS,
                "client:" + AGENT, 1, HOP).get(0);
        assertThat(clientRevoked.type()).isEqualTo("ClientRevoked");
        awaitQueryGrantStatus(alicesAgentGrant, "REVOKED");
        awaitQueryGrantStatus(bobsAgentGrant, "REVOKED");
        assertThat(queryGrant(bobsAgentGrant).path("revocationReason").asText()).startsWith("cascade:");
        await().atMost(HOP).untilAsserted(() -> assertThat(
                verdict(alicesAgentGrant, ALICE, AGENT, issuedBeforeRevocations).path("revoked").asBoolean()).isTrue());
        assertThat(verdict(alicesOtherGrant, ALICE, OTHER_AGENT, issuedBeforeRevocations).path("revoked").asBoolean())
                .as("another agent's grant is unaffected").isFalse();

        // 3. the user: everything acting for alice, whichever agent
        post("/api/revocations/users/" + ALICE, "responder", "{\"reason\":\"account compromised\"}", 201);
        awaitQueryGrantStatus(alicesOtherGrant, "REVOKED");
        await().atMost(HOP).untilAsserted(() -> assertThat(
                verdict(alicesOtherGrant, ALICE, OTHER_AGENT, issuedBeforeRevocations).path("revoked").asBoolean()).isTrue());
        post("/api/revocations/users/" + ALICE, "responder", "{\"reason\":\"account compromised\"}", 200);

        // 4. the query side lists what was revoked; revocation is final for what it covers, and a
        //    later grant for the same user and agent is unaffected
        await().atMost(HOP).untilAsserted(() -> assertThat(get(mandate.url(StackSettings.QUERY_SERVICE)
                + "/api/revocations?clientId=" + AGENT, "investigator").path("total").asInt()).isGreaterThanOrEqualTo(1));
        String laterGrant = createGrant(ALICE, AGENT);
        awaitQueryGrantStatus(laterGrant, "ACTIVE");
        Instant issuedAfterRevocations = Instant.now().plusSeconds(1);
        await().atMost(HOP).untilAsserted(() -> assertThat(
                verdict(laterGrant, ALICE, AGENT, issuedAfterRevocations).path("revoked").asBoolean()).isFalse());
        assertThat(verdict(alicesAgentGrant, ALICE, AGENT, issuedAfterRevocations).path("revoked").asBoolean())
                .as("the revoked grant stays revoked").isTrue();
    }

    @Test
    void investigatorWhenRevokingThenForbiddenAndNothingWritten() {
        String grant = createGrant(CAROL, OTHER_AGENT);
        HttpResponse<String> refused = http.postJson(mandate.url(StackSettings.COMMAND_SERVICE) + "/api/grants/" + grant
                + "/revoke", "investigator", "mandate-investigator", "{\"reason\":\"curious\"}", Map.of());

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        assertThat(eventTypes(grant)).containsExactly("GrantCreated");
    }

    private static String createGrant(String user, String agent) {
        return post("/api/grants", "admin", """
                {"userId":"%s","agentId":"%s","audience":"%s","scopes":["files.read"],"policy":{"maxDepth":1}}"""
                .formatted(user, agent, AUDIENCE), 201).path("grantId").asText();
    }

    private static JsonNode post(String path, String user, String body, int expectedStatus) {
        HttpResponse<String> response = http.postJson(mandate.url(StackSettings.COMMAND_SERVICE) + path, user,
                "mandate-" + user, body, Map.of());
        assertThat(response.statusCode()).as("%s %s", path, response.body()).isEqualTo(expectedStatus);
        return Http.json(response);
    }

    private static JsonNode get(String url, String user) {
        HttpResponse<String> response = http.get(url, user, "mandate-" + user);
        assertThat(response.statusCode()).as("%s %s", url, response.body()).isEqualTo(200);
        return Http.json(response);
    }

    private static JsonNode queryGrant(String grantId) {
        return get(mandate.url(StackSettings.QUERY_SERVICE) + "/api/grants/" + grantId, "investigator");
    }

    private static void awaitQueryGrantStatus(String grantId, String status) {
        await().atMost(HOP).ignoreExceptions().untilAsserted(() ->
                assertThat(queryGrant(grantId).path("status").asText()).isEqualTo(status));
    }

    private static void awaitIssuerGrantStatus(String grantId, String status) {
        await().atMost(HOP).ignoreExceptions().untilAsserted(() -> assertThat(get(mandate.url(StackSettings.TOKEN_ISSUER)
                + "/internal/projection/grants/" + grantId, "admin").path("status").asText()).isEqualTo(status));
    }

    /** The token-issuer's decision for a token issued from a grant to its agent before the revocations. */
    private static JsonNode verdict(String grantId, String user, String agent, Instant issuedAt) {
        String facts = """
                {"jti":"jti-%s","grantId":"%s","userId":"%s","actorChain":["%s"],"issuedAt":"%s","expiresAt":"%s"}"""
                .formatted(UUID.randomUUID(), grantId, user, agent, issuedAt, issuedAt.plusSeconds(3600));
        HttpResponse<String> response = http.postJson(mandate.url(StackSettings.TOKEN_ISSUER)
                + "/internal/revocation/check", "admin", "mandate-admin", facts, Map.of());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response);
    }

    private static List<String> eventTypes(String aggregateId) {
        try (Connection connection = DriverManager.getConnection(mandate.stack().jdbcUrl(),
                mandate.stack().jdbcUsername(), mandate.stack().jdbcPassword());
             PreparedStatement select = connection.prepareStatement("select payload_type from domain_event_entry "
                     + "where aggregate_identifier = ? order by sequence_number")) {
            select.setString(1, aggregateId);
            List<String> types = new java.util.ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    types.add(rows.getString(1).substring(rows.getString(1).lastIndexOf('.') + 1));
                }
            }
            return types;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
