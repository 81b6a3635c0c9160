package io.mandate.issuer.revocation;

import com.fasterxml.jackson.databind.JsonNode;
import io.mandate.infra.testkit.TestStack;
import io.mandate.issuer.support.EventStoreSchema;
import io.mandate.issuer.projection.TestEvents;
import io.mandate.messages.MandateEvent;
import io.mandate.issuer.support.StackProducer;
import io.mandate.messages.wire.EventEnvelope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events published to the real Kafka of the test stack by a plain producer reach the issuer's
 * projection (seen through the admin views) and change what {@code POST /internal/revocation/check}
 * answers, grain by grain. Ids are unique per run: the topics outlive a test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RevocationFromKafkaIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static StackProducer producer;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Autowired
    private TestRestTemplate http;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.get().springProperties().forEach((key, value) -> registry.add(key, () -> value));
        EventStoreSchema.ensureInTestStack();
    }

    @BeforeAll
    static void startProducer() {
        producer = new StackProducer();
    }

    @AfterAll
    static void stopProducer() {
        producer.close();
    }

    @Test
    void clientRevokedWhenPublishedThenWatermarkShownAndTokensIssuedBeforeItRevoked() throws Exception {
        String agent = id("agent");
        String mcp = id("mcp");
        String grant = id("grant");
        publish(TestEvents.registered(agent), 0);
        publish(TestEvents.registered(mcp), 0);
        publish(TestEvents.grantCreated(grant, id("alice"), agent, now.minusSeconds(120), null), 0);
        Map<String, Object> root = token(id("root"), null, grant, id("alice"), List.of(agent));
        Map<String, Object> child = token(id("child"), (String) root.get("jti"), grant, id("alice"), List.of(mcp, agent));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(check(child).get("revoked").asBoolean()).isFalse());
        assertThat(get("/internal/projection/clients/{id}", mcp).getBody().get("client").get("status").asText())
                .isEqualTo("ACTIVE");

        publish(TestEvents.clientRevoked(mcp, now.minusSeconds(30)), 0);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                get("/internal/projection/clients/{id}", mcp).getBody().path("watermark").path("revokedAt").asText())
                .isEqualTo(now.minusSeconds(30).toString()));
        assertThat(check(child).get("grain").asText()).isEqualTo("CLIENT");
        assertThat(check(root).get("revoked").asBoolean()).as("the revoked client is not in its chain").isFalse();
    }

    @Test
    void userAndGrantRevokedWhenPublishedThenProjectionShowsThemAndTheirTokensAreRevoked() throws Exception {
        String agent = id("agent");
        String user = id("bob");
        String grantOfUser = id("grant-of-bob");
        String grantToRevoke = id("grant-to-revoke");
        String otherUser = id("carol");
        publish(TestEvents.registered(agent), 0);
        publish(TestEvents.grantCreated(grantOfUser, user, agent, now.minusSeconds(300), null), 0);
        publish(TestEvents.grantCreated(grantToRevoke, otherUser, agent, now.minusSeconds(300), null), 0);
        Map<String, Object> userToken = token(id("t"), null, grantOfUser, user, List.of(agent));
        Map<String, Object> grantToken = token(id("t"), null, grantToRevoke, otherUser, List.of(agent));
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(check(userToken).get("revoked").asBoolean()).isFalse();
            assertThat(check(grantToken).get("revoked").asBoolean()).isFalse();
        });

        publish(TestEvents.userRevoked(user, now), 0);
        publish(TestEvents.grantRevoked(grantToRevoke, otherUser, agent, now), 1);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                get("/internal/projection/grants/{id}", grantToRevoke).getBody().get("status").asText())
                .isEqualTo("REVOKED"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                get("/internal/projection/users/{id}", user).getStatusCode()).isEqualTo(HttpStatus.OK));
        assertThat(check(userToken).get("grain").asText()).isEqualTo("USER");
        assertThat(check(grantToken).get("grain").asText()).isEqualTo("GRANT");
        JsonNode status = admin().getForObject("/internal/projection", JsonNode.class);
        assertThat(status.get("userWatermarks").asInt()).isPositive();
        assertThat(status.get("clients").asInt()).isPositive();
    }

    @Test
    void tokenRevokedWhenPublishedThenTheTokenAndItsChildAreRevoked() throws Exception {
        String agent = id("agent");
        String grant = id("grant");
        publish(TestEvents.registered(agent), 0);
        publish(TestEvents.grantCreated(grant, id("dave"), agent, now.minusSeconds(300), null), 0);
        Map<String, Object> parent = token(id("parent"), null, grant, id("dave"), List.of(agent));
        Map<String, Object> child = token(id("child"), (String) parent.get("jti"), grant, id("dave"), List.of(agent));

        publish(TestEvents.tokenRevoked((String) parent.get("jti"), now), 0);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(check(parent).path("grain").asText()).isEqualTo("TOKEN"));
        assertThat(check(child).get("reason").asText()).contains("ancestor token " + parent.get("jti"));
    }

    private String id(String prefix) {
        return prefix + "-" + run;
    }

    /** Each call makes a distinct id: several of one kind per test. */
    private Map<String, Object> token(String jti, String parentJti, String grantId, String userId, List<String> chain) {
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("jti", jti + "-" + UUID.randomUUID().toString().substring(0, 4));
        token.put("parentJti", parentJti);
        token.put("grantId", grantId);
        token.put("userId", userId);
        token.put("actorChain", chain);
        token.put("issuedAt", now.minusSeconds(60).toString());
        token.put("expiresAt", now.plusSeconds(600).toString());
        return token;
    }

    private JsonNode check(Map<String, Object> token) {
        ResponseEntity<JsonNode> response = admin().postForEntity("/internal/revocation/check", token, JsonNode.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private ResponseEntity<JsonNode> get(String path, String id) {
        return admin().getForEntity(path, JsonNode.class, id);
    }

    private TestRestTemplate admin() {
        return http.withBasicAuth("admin", "mandate-admin");
    }

    private static void publish(MandateEvent event, long sequence) throws Exception {
        EventEnvelope envelope = EventEnvelope.wrap(UUID.randomUUID().toString(), sequence, Instant.now(), event);
        producer.publish(envelope);
    }
}
