package io.mandate.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.mandate.infra.launcher.StackSettings;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.grant.Scopes;
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
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The foundation's walking skeleton, hop by hop, on the real stack with the services as
 * separate processes: a grant created through the command API is an event in PostgreSQL, a
 * record on Kafka, a document in Elasticsearch, an answer of the query API, an entry of the
 * token-issuer's projection and a row on the dashboard.
 */
class WalkingSkeletonIT {

    private static final Duration HOP = Duration.ofSeconds(30);

    private static RunningMandate mandate;
    private static String grantId;
    private static String userId;
    /** Unique per run: the test stack's event store is shared with every module's tests. */
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String AGENT = "travel-agent-" + RUN;
    private static final String AUDIENCE = "https://calendar-" + RUN + ".example/api";

    private final Http http = new Http();

    @BeforeAll
    static void createGrantThroughTheCommandApi() {
        mandate = RunningMandate.get();
        // Grants may only name registered clients: a resource server for the audience, and the agent.
        registerClient("""
                {"clientId":"calendar-api-%s","kind":"RESOURCE_SERVER","name":"Calendar API","owner":"team-calendar",
                 "allowedScopes":["calendar.read","calendar.write"],"resourceUris":["%s"]}""".formatted(RUN, AUDIENCE));
        registerClient("""
                {"clientId":"%s","kind":"AGENT","name":"Travel agent","owner":"team-agents",
                 "allowedScopes":["calendar.read","calendar.write","mail.read","mail.send"]}""".formatted(AGENT));
        userId = "alice-" + UUID.randomUUID();
        String body = """
                {"userId":"%s","agentId":"%s","audience":"%s",
                 "scopes":["calendar.read","calendar.write"],
                 "policy":{"allowedNextKinds":["MCP_SERVER"],"maxDepth":2}}""".formatted(userId, AGENT, AUDIENCE);

        HttpResponse<String> created = new Http().postJson(mandate.url(StackSettings.COMMAND_SERVICE) + "/api/grants",
                "admin", "mandate-admin", body, Map.of("Idempotency-Key", UUID.randomUUID().toString()));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        grantId = Http.json(created).path("grantId").asText();
        assertThat(grantId).isNotBlank();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/grants/" + grantId);
    }

    private static void registerClient(String body) {
        HttpResponse<String> registered = new Http().postJson(
                mandate.url(StackSettings.COMMAND_SERVICE) + "/api/clients", "admin", "mandate-admin", body, Map.of());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
    }

    @Test
    void grantWhenCreatedThenStoredAsAnEventInPostgres() throws Exception {
        try (Connection connection = DriverManager.getConnection(mandate.stack().jdbcUrl(),
                mandate.stack().jdbcUsername(), mandate.stack().jdbcPassword());
             PreparedStatement select = connection.prepareStatement(
                     "select payload_type, sequence_number, convert_from(payload, 'UTF8') from domain_event_entry "
                             + "where aggregate_identifier = ?")) {
            select.setString(1, grantId);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).as("an event row for %s", grantId).isTrue();
                assertThat(rows.getString(1)).endsWith("GrantCreated");
                assertThat(rows.getLong(2)).isZero();
                assertThat(rows.getString(3)).contains(grantId, userId, "calendar.read");
                assertThat(rows.next()).as("exactly one event").isFalse();
            }
        }
    }

    @Test
    void grantWhenCreatedThenPublishedOnKafkaKeyedByGrant() {
        EventEnvelope envelope = awaitKafkaRecord(grantId);

        assertThat(envelope.type()).isEqualTo("GrantCreated");
        assertThat(envelope.aggregateId()).isEqualTo(grantId);
        GrantCreated created = (GrantCreated) envelope.payload();
        assertThat(created.userId().value()).isEqualTo(userId);
        assertThat(created.scopes()).isEqualTo(Scopes.of("calendar.read", "calendar.write"));
        assertThat(created.createdBy()).isEqualTo("admin");
    }

    @Test
    void grantWhenPublishedThenIndexedInElasticsearchAndServedByTheQueryApi() {
        await().atMost(HOP).untilAsserted(() -> assertThat(http.get(
                mandate.stack().elasticsearchUrl() + "/mandate-grants/_doc/" + grantId, null, null).statusCode())
                .isEqualTo(200));

        HttpResponse<String> response = http.get(mandate.url(StackSettings.QUERY_SERVICE) + "/api/grants/" + grantId,
                "investigator", "mandate-investigator");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode grant = Http.json(response);
        assertThat(grant.path("grantId").asText()).isEqualTo(grantId);
        assertThat(grant.path("userId").asText()).isEqualTo(userId);
        assertThat(grant.path("agentId").asText()).isEqualTo(AGENT);
        assertThat(grant.path("audience").asText()).isEqualTo(AUDIENCE);
        assertThat(grant.path("scopes").toString()).isEqualTo("[\"calendar.read\",\"calendar.write\"]");
    }

    @Test
    void grantWhenPublishedThenInTheTokenIssuersProjection() {
        String issuer = mandate.url(StackSettings.TOKEN_ISSUER);
        await().atMost(HOP).untilAsserted(() -> assertThat(http.get(issuer + "/internal/projection/grants/" + grantId,
                "admin", "mandate-admin").statusCode()).isEqualTo(200));

        JsonNode view = Http.json(http.get(issuer + "/internal/projection/grants/" + grantId, "admin", "mandate-admin"));
        assertThat(view.toString()).contains(grantId, userId, AGENT, "calendar.write");
    }

    @Test
    void tokenIssuerWhenAskedThenServesMetadataAndAPublicOnlyJwks() {
        String issuer = mandate.url(StackSettings.TOKEN_ISSUER);

        JsonNode metadata = Http.json(http.get(issuer + "/.well-known/oauth-authorization-server", null, null));
        assertThat(metadata.path("issuer").asText()).isEqualTo(issuer);
        assertThat(metadata.path("jwks_uri").asText()).isEqualTo(issuer + "/oauth2/jwks");
        assertThat(metadata.path("token_endpoint").asText()).isEqualTo(issuer + "/oauth2/token");

        JsonNode jwks = Http.json(http.get(issuer + "/oauth2/jwks", null, null));
        assertThat(jwks.path("keys")).isNotEmpty();
        jwks.path("keys").forEach(key -> {
            assertThat(key.has("kid")).isTrue();
            assertThat(key.has("d")).as("no private key material").isFalse();
        });
    }

    @Test
    void dashboardWhenSignedInThenListsTheGrant() {
        String dashboard = mandate.url(StackSettings.DASHBOARD);
        HttpResponse<String> loginPage = http.get(dashboard + "/login", null, null);
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(loginPage.body());
        assertThat(csrf.find()).as("a CSRF token on the login page").isTrue();

        http.postForm(dashboard + "/login", Map.of("username", "investigator", "password", "mandate-investigator",
                "_csrf", csrf.group(1)));

        await().atMost(HOP).untilAsserted(() -> {
            HttpResponse<String> page = http.get(dashboard + "/", null, null);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("data-grant-id=\"" + grantId + "\"", userId);
        });
    }

    private EventEnvelope awaitKafkaRecord(String key) {
        return KafkaProbe.awaitRecords(mandate.stack().kafkaBootstrapServers(), Topics.GRANTS, key, 1, HOP).get(0);
    }
}
