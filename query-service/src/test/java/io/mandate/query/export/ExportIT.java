package io.mandate.query.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWKSet;
import io.mandate.export.verify.ExportVerifier;
import io.mandate.export.verify.Verdict;
import io.mandate.messages.MandateEvent;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.token.TokenExchangeRefused;
import io.mandate.messages.token.TokenExchanged;
import io.mandate.messages.wire.EventEnvelope;
import io.mandate.query.support.ApiClient;
import io.mandate.query.support.LiveQueryServiceIT;
import io.mandate.query.testdata.TestGrants;
import io.mandate.query.testdata.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Compliance exports through the real Kafka and Elasticsearch: events published like the command
 * side and the token-issuer publish them, exported over HTTP as NDJSON and CSV, checked by the
 * offline verifier with the keys the service publishes; then altered, and the alteration reported.
 */
class ExportIT extends LiveQueryServiceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A minute of its own in 2031, so an unfiltered export of it holds only this class's events. */
    private static final Instant T = Instant.parse("2031-01-01T00:00:00Z")
            .plus(ThreadLocalRandom.current().nextLong(0, 500_000), ChronoUnit.MINUTES);
    private static final Path KEYS = temporaryFolder();

    private static List<EventEnvelope> published;
    private static GrantCreated grant;
    private static GrantCreated otherGrant;

    @DynamicPropertySource
    static void exportSettings(DynamicPropertyRegistry registry) {
        registry.add("mandate.query.export.key-directory", KEYS::toString);
        // Small pages, so every export here spans several point-in-time pages.
        registry.add("mandate.query.export.page-size", () -> "2");
    }

    @BeforeAll
    static void publish() {
        grant = TestGrants.aGrantCreated();
        otherGrant = TestGrants.aGrantCreated();
        TokenExchanged exchanged = TestTokens.exchanged(grant.grantId(), grant.userId(), grant.agentId(),
                ClientId.of("mcp-" + UUID.randomUUID().toString().substring(0, 8)), T.plusSeconds(2));
        TokenExchangeRefused refused = TestTokens.refused(grant.agentId(), grant.grantId(), grant.userId(),
                T.plusSeconds(3));
        // Expected export order: occurredAt, then aggregateId, then sequence.
        published = new ArrayList<>(List.of(
                envelope(grant, 0, T),
                envelope(TestGrants.revoked(grant, T), 1, T),
                envelope(exchanged, 0, T.plusSeconds(2)),
                envelope(refused, 0, T.plusSeconds(3))));
        EventEnvelope other = envelope(otherGrant, 0, T.plusSeconds(2));
        // Two events at the same instant: the smaller aggregate id first.
        published.add(other.aggregateId().compareTo(exchanged.aggregateId()) < 0 ? 2 : 3, other);
        published.forEach(producer::publish);
        // Outside every range exported here.
        producer.publish(envelope(TestGrants.expired(grant, T.plus(Duration.ofDays(1))), 2, T.plus(Duration.ofDays(1))));
    }

    @Test
    void ndjsonWhenExportedThenEventOrderValidChainAndAnAlterationIsReported() throws Exception {
        List<String> lines = awaitExport("format=ndjson", published.size());

        assertThat(lines.subList(0, published.size()).stream().map(this::eventId).toList())
                .containsExactlyElementsOf(published.stream().map(EventEnvelope::eventId).toList());
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.get("position").asInt()).isEqualTo(1);
        assertThat(first.get("userId").asText()).isEqualTo(grant.userId().value());
        assertThat(first.at("/payload/grantId").asText()).isEqualTo(grant.grantId().value());
        Path file = save(lines, "ndjson");
        assertValid(file, published.size());

        List<String> altered = new ArrayList<>(lines);
        altered.set(1, altered.get(1).replace(grant.userId().value(), "mallory"));
        Verdict verdict = verify(save(altered, "ndjson"));
        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.describe()).startsWith("line 2: record altered: its content does not match its hash");
    }

    @Test
    void csvWhenExportedThenValidAndADeletedLineIsReported() throws Exception {
        List<String> lines = awaitExport("format=csv", published.size());

        assertThat(lines.get(0)).startsWith("position,eventId,type,revision,aggregateId,sequence,occurredAt,");
        assertThat(lines.get(lines.size() - 1)).startsWith("manifest,");
        Path file = save(lines, "csv");
        assertValid(file, published.size());

        List<String> cut = new ArrayList<>(lines);
        cut.remove(3);
        Verdict verdict = verify(save(cut, "csv"));
        assertThat(verdict.describe()).isEqualTo("line 4: 1 record(s) removed before this line (record #3 is missing)");
    }

    @Test
    void filtersWhenGivenThenOnlyMatchingEventsAndTheManifestStatesThem() throws Exception {
        List<String> byUser = awaitExport("user=" + otherGrant.userId().value(), 1);
        assertThat(eventId(byUser.get(0))).isEqualTo(published.stream()
                .filter(e -> e.payload() == otherGrant).findFirst().orElseThrow().eventId());
        JsonNode manifest = claims(byUser.get(byUser.size() - 1));
        assertThat(manifest.get("filters").toString()).isEqualTo("{\"user\":\"" + otherGrant.userId().value() + "\"}");
        assertValid(save(byUser, "ndjson"), 1);

        List<String> byType = awaitExport("type=GrantRevoked,TokenExchangeRefused&grantId=" + grant.grantId().value(), 2);
        assertThat(byType.subList(0, 2).stream().map(line -> json(line).get("type").asText()).toList())
                .containsExactly("GrantRevoked", "TokenExchangeRefused");

        List<String> byClient = awaitExport("client=" + grant.agentId().value() + "&type=GrantCreated", 1);
        assertThat(json(byClient.get(0)).get("grantId").asText()).isEqualTo(grant.grantId().value());
    }

    @Test
    void manifestWhenDownloadedSeparatelyThenTheSameSignedManifest() throws Exception {
        List<String> lines = awaitExport("format=ndjson", published.size());
        String trailer = lines.get(lines.size() - 1);
        String exportId = claims(trailer).get("exportId").asText();

        ApiClient.Reply manifest = api().asInvestigator("/api/exports/" + exportId + "/manifest");

        assertThat(manifest.status()).isEqualTo(200);
        assertThat(manifest.json().toString()).isEqualTo(trailer);
        JsonNode claims = claims(trailer);
        assertThat(claims.get("exporter").asText()).isEqualTo("investigator");
        assertThat(claims.get("count").asInt()).isEqualTo(published.size());
        assertThat(claims.at("/range/from").asText()).isEqualTo(T.toString());
        assertThat(api().asInvestigator("/api/exports/exp_unknown/manifest").status()).isEqualTo(404);
    }

    @Test
    void exportsWhenListedThenEachWithItsExporterRangeCountAndHashesNewestFirst() throws Exception {
        List<String> lines = awaitExport("format=ndjson&type=GrantCreated", 2);
        JsonNode manifest = claims(lines.get(lines.size() - 1));
        String exportId = manifest.get("exportId").asText();

        JsonNode listed = await().atMost(Duration.ofSeconds(30)).until(() -> {
            ApiClient.Reply reply = api().asInvestigator("/api/exports?exporter=investigator&status=completed&size=100");
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            for (JsonNode item : reply.json().get("items")) {
                if (item.get("exportId").asText().equals(exportId)) {
                    return item;
                }
            }
            return null;
        }, item -> item != null);

        assertThat(listed.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(listed.get("exporter").asText()).isEqualTo("investigator");
        assertThat(listed.get("from").asText()).isEqualTo(T.toString());
        assertThat(listed.get("count").asLong()).isEqualTo(2);
        assertThat(listed.get("firstHash").asText()).isEqualTo(manifest.get("firstHash").asText());
        assertThat(listed.get("lastHash").asText()).isEqualTo(manifest.get("lastHash").asText());
        assertThat(listed.get("filters").toString()).contains("GrantCreated");
        assertThat(listed.get("manifest").asText()).isEqualTo("/api/exports/" + exportId + "/manifest");
        JsonNode page = api().asInvestigator("/api/exports?size=100").json();
        List<String> requested = new ArrayList<>();
        page.get("items").forEach(item -> requested.add(item.get("requestedAt").asText()));
        assertThat(requested).isSortedAccordingTo(Comparator.comparing(Instant::parse, Comparator.reverseOrder()));
        assertThat(api().asInvestigator("/api/exports?exporter=nobody-" + UUID.randomUUID()).json().get("total").asLong())
                .isZero();
        assertBadRequest("/api/exports?status=LOST", "status");
        assertBadRequest("/api/exports?size=1000", "size");
        assertThat(api().asAdmin("/api/exports").status()).isEqualTo(403);
        assertThat(api().anonymously("/api/exports").status()).isEqualTo(401);
    }

    @Test
    void emptyRangeWhenExportedThenAValidExportOfNoRecords() throws Exception {
        ApiClient.Reply reply = api().asInvestigator("/api/exports/events?from=1999-01-01&to=1999-01-02");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/x-ndjson");
        assertValid(save(reply.body().lines().toList(), "ndjson"), 0);
    }

    @Test
    void malformedParametersWhenGivenThen400NamingEach() {
        assertBadRequest("/api/exports/events?to=2031-01-02", "from");
        assertBadRequest("/api/exports/events?from=yesterday&to=2031-01-02", "from");
        assertBadRequest("/api/exports/events?from=2031-01-02&to=2031-01-01", "to");
        assertBadRequest("/api/exports/events?from=2031-01-01&to=2031-01-02&format=xml", "format");
        assertBadRequest("/api/exports/events?from=2031-01-01&to=2031-01-02&type=GrantCreated,NoSuchEvent", "type");
    }

    @Test
    void accessWhenNotAnInvestigatorThenRefusedButTheKeysArePublic() throws Exception {
        String path = "/api/exports/events?from=2031-01-01&to=2031-01-02";
        assertThat(api().anonymously(path).status()).isEqualTo(401);
        assertThat(api().asAdmin(path).status()).isEqualTo(403);
        assertThat(api().asResponder(path).status()).isEqualTo(200);

        ApiClient.Reply jwks = api().anonymously("/api/exports/jwks");
        assertThat(jwks.status()).isEqualTo(200);
        JWKSet keys = JWKSet.parse(jwks.body());
        assertThat(keys.getKeys()).hasSize(1);
        assertThat(keys.getKeys().get(0).isPrivate()).isFalse();
        assertThat(Files.readString(KEYS.resolve("active.jwk"))).contains(keys.getKeys().get(0).getKeyID());
    }

    private void assertBadRequest(String path, String parameter) {
        ApiClient.Reply reply = api().asInvestigator(path);
        assertThat(reply.status()).as(path).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().at("/errors/0/parameter").asText()).as(path).isEqualTo(parameter);
    }

    /** Exports the class's minute until the read side has caught up with {@code records} matching events. */
    private List<String> awaitExport(String query, int records) {
        String path = "/api/exports/events?from=" + T + "&to=" + T.plus(Duration.ofMinutes(1)) + "&" + query;
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    ApiClient.Reply reply = api().asInvestigator(path);
                    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                    return reply.body().lines().toList();
                }, lines -> lines.size() - (lines.get(0).startsWith("position,") ? 2 : 1) == records);
    }

    private void assertValid(Path file, long records) throws Exception {
        Verdict verdict = verify(file);
        assertThat(verdict.valid()).as(verdict.describe()).isTrue();
        assertThat(verdict.records()).isEqualTo(records);
    }

    private Verdict verify(Path file) throws Exception {
        JWKSet published = JWKSet.parse(api().anonymously("/api/exports/jwks").body());
        return new ExportVerifier().verify(file, published);
    }

    private String eventId(String line) {
        return json(line).get("eventId").asText();
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException(line, e);
        }
    }

    private static JsonNode claims(String manifestLine) throws Exception {
        String jws = manifestLine.startsWith("manifest,") ? manifestLine.substring("manifest,".length())
                : json(manifestLine).get("manifest").asText();
        return JSON.readTree(JWSObject.parse(jws).getPayload().toString());
    }

    private static Path save(List<String> lines, String extension) throws IOException {
        Path file = Files.createTempFile("export-it", "." + extension);
        String end = "csv".equals(extension) ? "\r\n" : "\n";
        Files.writeString(file, String.join(end, lines) + end, StandardCharsets.UTF_8);
        file.toFile().deleteOnExit();
        return file;
    }

    private static EventEnvelope envelope(MandateEvent event, long sequence, Instant at) {
        return TestGrants.envelopeOf(event, sequence, at);
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("export-keys");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
