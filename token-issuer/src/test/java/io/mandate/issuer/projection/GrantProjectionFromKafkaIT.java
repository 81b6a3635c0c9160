package io.mandate.issuer.projection;

import com.fasterxml.jackson.databind.JsonNode;
import io.mandate.infra.testkit.TestStack;
import io.mandate.issuer.support.EventStoreSchema;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.wire.EventCodec;
import io.mandate.issuer.support.StackProducer;
import io.mandate.messages.wire.EventEnvelope;
import io.mandate.messages.wire.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.mandate.issuer.projection.TestGrants.aGrantCreated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The issuer builds its projection from the real Kafka of the test stack and serves it over
 * real HTTP; a second projection rebuilt from the topics alone holds the same grants.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GrantProjectionFromKafkaIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final EventCodec CODEC = new EventCodec();
    private static StackProducer producer;

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
    void grantWhenPublishedToKafkaThenServedByTheAdminView() throws Exception {
        GrantId grantId = GrantId.random();

        publish(envelope(grantId, 0));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(grant(grantId).getStatusCode()).isEqualTo(HttpStatus.OK));
        JsonNode view = grant(grantId).getBody();
        assertThat(view.get("grantId").asText()).isEqualTo(grantId.value());
        assertThat(view.get("userId").asText()).isEqualTo("alice");
        assertThat(view.get("audience").asText()).isEqualTo("https://calendar.example");
        assertThat(http.getForEntity("/internal/projection/grants/{id}", String.class, grantId.value()).getStatusCode())
                .as("anonymous").isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void rebuildWhenASecondProjectionReadsTheTopicsFromScratchThenItHoldsTheSameGrant() throws Exception {
        GrantId grantId = GrantId.random();
        publish(envelope(grantId, 0));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(grant(grantId).getStatusCode()).isEqualTo(HttpStatus.OK));

        IssuerProjection rebuilt = new IssuerProjection();
        ProjectionReader reader = secondReader(rebuilt, new ReaderProgress());
        reader.start();
        try {
            await().atMost(PATIENCE).until(rebuilt::isCaughtUp);
            // Caught up means every record that existed at its start is in: no waiting for this grant.
            GrantView view = rebuilt.findGrant(grantId).orElseThrow();
            assertThat(view.grantId()).isEqualTo(grantId);
            assertThat(view.audience()).isEqualTo(grant(grantId).getBody().get("audience").asText());
            assertThat(rebuilt.grantCount()).isGreaterThanOrEqualTo(1);
        } finally {
            reader.stop();
        }
    }

    @Test
    void redeliveryWhenTheSameEventArrivesTwiceThenAppliedOnce() throws Exception {
        GrantId grantId = GrantId.random();
        EventEnvelope created = envelope(grantId, 0);
        publish(created);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(grant(grantId).getStatusCode()).isEqualTo(HttpStatus.OK));
        long alreadyAppliedBefore = status().get("eventsAlreadyApplied").asLong();
        int grantsBefore = status().get("grants").asInt();

        publish(created);

        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(status().get("eventsAlreadyApplied").asLong()).isEqualTo(alreadyAppliedBefore + 1));
        assertThat(status().get("grants").asInt()).isEqualTo(grantsBefore);
    }

    @Test
    void malformedRecordWhenPublishedThenSkippedAndLaterEventsStillApplied() throws Exception {
        GrantId grantId = GrantId.random();
        long skippedBefore = status().get("recordsSkipped").asLong();
        // Same key: the malformed record lands on the grant's partition, right before its event.
        producer.send(Topics.GRANTS, grantId.value(), "{\"not\":\"an envelope\"}".getBytes(StandardCharsets.UTF_8));

        publish(envelope(grantId, 0));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(grant(grantId).getStatusCode()).isEqualTo(HttpStatus.OK));
        assertThat(status().get("recordsSkipped").asLong()).isEqualTo(skippedBefore + 1);
    }

    @Test
    void healthWhenProjectionCaughtUpThenProjectionComponentUpWithDetailsForAdminOnly() {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(health(http).get("components").get("projection")
                .get("status").asText()).isEqualTo("UP"));

        assertThat(health(http).get("components").get("projection").has("details")).as("anonymous").isFalse();
        JsonNode details = health(admin()).get("components").get("projection").get("details");
        assertThat(details.get("caughtUp").asBoolean()).isTrue();
        assertThat(details.get("grants").isInt()).isTrue();
        assertThat(details.get("partitions").asInt()).isEqualTo(ProjectionReader.TOPICS.size() * partitionsOfGrantsTopic());
        assertThat(http.getForEntity("/actuator/health/readiness", JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private ResponseEntity<JsonNode> grant(GrantId grantId) {
        return admin().getForEntity("/internal/projection/grants/{id}", JsonNode.class, grantId.value());
    }

    private JsonNode status() {
        return admin().getForObject("/internal/projection", JsonNode.class);
    }

    private static JsonNode health(TestRestTemplate client) {
        return client.getForObject("/actuator/health", JsonNode.class);
    }

    private TestRestTemplate admin() {
        return http.withBasicAuth("admin", "mandate-admin");
    }

    private static EventEnvelope envelope(GrantId grantId, long sequence) {
        return EventEnvelope.wrap(UUID.randomUUID().toString(), sequence, Instant.now(), aGrantCreated(grantId));
    }

    private static void publish(EventEnvelope envelope) throws Exception {
        producer.publish(envelope);
    }

    private static ProjectionReader secondReader(IssuerProjection projection, ReaderProgress progress) {
        Map<String, Object> properties = ProjectionConfiguration.consumerProperties(new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestStack.get().kafkaBootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG, "token-issuer-projection-rebuild")));
        return new ProjectionReader(
                () -> new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer()),
                new EventRecordHandler(CODEC, projection, progress), projection, progress,
                Duration.ofMillis(200), Duration.ofSeconds(1));
    }

    private static int partitionsOfGrantsTopic() {
        return producer.partitions(Topics.GRANTS);
    }
}
