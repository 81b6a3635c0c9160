package io.mandate.query.grant;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.EventEnvelope;
import io.mandate.messages.wire.Topics;
import io.mandate.query.support.LiveQueryServiceIT;
import io.mandate.query.support.ApiClient.Reply;
import io.mandate.query.testdata.TestGrants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Kafka → Elasticsearch → HTTP against the real stack, as the command side would feed it. */
class GrantProjectionIT extends LiveQueryServiceIT {

    private static final Instant REVOKED_AT = Instant.parse("2026-11-29T08:00:00Z");
    private static final Instant EXPIRED_AT = Instant.parse("2027-11-28T10:15:30Z");

    @Autowired
    ElasticsearchClient elasticsearch;

    @Test
    void grantCreatedWhenPublishedThenReadableByIdWithEveryField() {
        GrantCreated created = TestGrants.aGrantCreated();
        producer.publish(TestGrants.envelopeOf(created));

        JsonNode grant = awaitGrant(created.grantId().value());

        assertThat(grant.get("grantId").asText()).isEqualTo(created.grantId().value());
        assertThat(grant.get("userId").asText()).isEqualTo(created.userId().value());
        assertThat(grant.get("agentId").asText()).isEqualTo(created.agentId().value());
        assertThat(grant.get("audience").asText()).isEqualTo("https://calendar.example.com");
        assertThat(grant.get("scopes").toString()).isEqualTo("[\"calendar.read\",\"calendar.write\"]");
        assertThat(grant.get("policy").get("allowedNextClients").toString()).isEqualTo("[\"mcp-a\",\"mcp-b\"]");
        assertThat(grant.get("policy").get("allowedNextKinds").toString()).isEqualTo("[\"AGENT\",\"MCP_SERVER\"]");
        assertThat(grant.get("policy").get("maxDepth").asInt()).isEqualTo(3);
        assertThat(grant.get("policy").get("approvalScopes").toString()).isEqualTo("[\"calendar.write\"]");
        assertThat(grant.get("expiresAt").asText()).isEqualTo("2027-11-28T10:15:30Z");
        assertThat(grant.get("createdAt").asText()).isEqualTo("2026-11-28T10:15:30.123Z");
        assertThat(grant.get("createdBy").asText()).isEqualTo("admin");
        assertThat(grant.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(grant.get("lastSequence").asLong()).isZero();
    }

    @Test
    void grantCreatedWhenRedeliveredAmongMalformedRecordsThenOneDocumentEachAndConsumerKeepsGoing() throws IOException {
        GrantCreated created = TestGrants.aGrantCreated();
        String grantId = created.grantId().value();
        EventEnvelope envelope = TestGrants.envelopeOf(created);
        int partition = producer.publish(envelope).partition();
        awaitGrant(grantId);

        producer.publish(envelope, partition);
        producer.publishRaw(Topics.GRANTS, partition, grantId, "{not json");
        producer.publishRaw(Topics.GRANTS, partition, grantId, unknownEventType(envelope));
        GrantCreated later = TestGrants.aGrantCreated();
        producer.publish(TestGrants.envelopeOf(later), partition);

        // Same partition, consumed in order: once the later grant is visible, everything before it was handled.
        awaitGrant(later.grantId().value());
        // The later grant's real-time get does not say the earlier event's document in the other index (same
        // bulk, another shard) is written yet: count once the refreshed search sees it.
        awaitCount("mandate-events", "aggregateId", grantId, 1);
        awaitCount("mandate-grants", "grantId", grantId, 1);
        assertThat(elasticsearch.get(get -> get.index("mandate-grants").id(grantId), ObjectNode.class).version())
                .as("external version stays sequence + 1").isEqualTo(1L);
        Reply timeline = api().asInvestigator("/api/events?aggregateId=" + grantId);
        assertThat(timeline.status()).isEqualTo(200);
        assertThat(timeline.json().get("total").asLong()).isEqualTo(1);
        JsonNode event = timeline.json().get("items").get(0);
        assertThat(event.get("eventId").asText()).isEqualTo(envelope.eventId());
        assertThat(event.get("type").asText()).isEqualTo("GrantCreated");
        assertThat(event.get("userId").asText()).isEqualTo(created.userId().value());
        assertThat(event.get("payload").get("audience").asText()).isEqualTo(created.audience());
        JsonNode consumer = api().asAdmin("/actuator/health").json().get("components").get("kafkaConsumer");
        assertThat(consumer.get("status").asText()).isEqualTo("UP");
        assertThat(consumer.get("details").get("skippedRecords").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(consumer.get("details").get("duplicates").asLong()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void grantRevokedWhenPublishedAfterCreationThenRevokedWithWhoWhyWhenAtNextVersion() throws IOException {
        GrantCreated created = TestGrants.aGrantCreated();
        String grantId = created.grantId().value();
        producer.publish(TestGrants.envelopeOf(created));
        awaitGrant(grantId);

        producer.publish(TestGrants.envelopeOf(TestGrants.revoked(created, REVOKED_AT), 1, REVOKED_AT));

        JsonNode grant = awaitGrant(grantId, json -> "REVOKED".equals(json.path("status").asText()));
        assertThat(grant.get("revokedAt").asText()).isEqualTo("2026-11-29T08:00:00Z");
        assertThat(grant.get("revokedBy").asText()).isEqualTo("responder");
        assertThat(grant.get("revocationReason").asText()).isEqualTo("agent misbehaved");
        assertThat(grant.get("audience").asText()).isEqualTo(created.audience());
        assertThat(grant.get("lastSequence").asLong()).isEqualTo(1);
        assertThat(versionOf(grantId)).isEqualTo(2L);
    }

    /**
     * The command side never publishes this order (one grant's events share a key, hence a
     * partition, and are published in sequence order); a hand-fed or buggy producer could. The
     * revocation then leaves a partial document that the late creation completes: REVOKED either way.
     */
    @Test
    void grantRevokedWhenDeliveredBeforeItsCreationOnTheSamePartitionThenEndsRevokedAndComplete() throws IOException {
        GrantCreated created = TestGrants.aGrantCreated();
        String grantId = created.grantId().value();
        int partition = producer.publish(TestGrants.envelopeOf(TestGrants.revoked(created, REVOKED_AT), 1, REVOKED_AT))
                .partition();
        producer.publish(TestGrants.envelopeOf(created), partition);

        JsonNode grant = awaitGrant(grantId, json -> json.hasNonNull("audience"));

        assertThat(grant.get("status").asText()).isEqualTo("REVOKED");
        assertThat(grant.get("revokedAt").asText()).isEqualTo("2026-11-29T08:00:00Z");
        assertThat(grant.get("createdAt").asText()).isEqualTo("2026-11-28T10:15:30.123Z");
        assertThat(grant.get("scopes").toString()).isEqualTo("[\"calendar.read\",\"calendar.write\"]");
        assertThat(grant.get("lastSequence").asLong()).isEqualTo(1);
        assertThat(versionOf(grantId)).isEqualTo(2L);
    }

    @Test
    void grantEventsWhenAllRedeliveredThenDocumentVersionAndTimelineUnchanged() throws IOException {
        GrantCreated created = TestGrants.aGrantCreated();
        String grantId = created.grantId().value();
        List<EventEnvelope> history = List.of(TestGrants.envelopeOf(created),
                TestGrants.envelopeOf(TestGrants.revoked(created, REVOKED_AT), 1, REVOKED_AT),
                TestGrants.envelopeOf(TestGrants.expired(created, EXPIRED_AT), 2, EXPIRED_AT));
        int partition = producer.publish(history.get(0)).partition();
        history.subList(1, 3).forEach(envelope -> producer.publish(envelope, partition));
        JsonNode before = awaitGrant(grantId, json -> json.path("lastSequence").asLong() == 2);

        history.forEach(envelope -> producer.publish(envelope, partition));
        GrantCreated sentinel = sameGrantsPartition(partition);
        awaitGrant(sentinel.grantId().value());

        assertThat(api().asInvestigator("/api/grants/" + grantId).json()).isEqualTo(before);
        assertThat(before.get("status").asText()).isEqualTo("REVOKED");
        assertThat(before.get("expiredAt").asText()).isEqualTo("2027-11-28T10:15:30Z");
        assertThat(versionOf(grantId)).isEqualTo(3L);
        awaitCount("mandate-events", "aggregateId", grantId, 3);
    }

    @Test
    void grantsListWhenFilteredByUserThenOnlyThatUsersGrantsWithTotal() {
        GrantCreated created = TestGrants.aGrantCreated();
        producer.publish(TestGrants.envelopeOf(created));
        awaitGrant(created.grantId().value());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Reply reply = api().asResponder("/api/grants?userId=" + created.userId().value());
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().get("total").asLong()).isEqualTo(1);
            assertThat(reply.json().get("items").get(0).get("grantId").asText()).isEqualTo(created.grantId().value());
        });
    }

    @Test
    void grantWhenReadAsAdminOrResponderThenAllowed() {
        GrantCreated created = TestGrants.aGrantCreated();
        producer.publish(TestGrants.envelopeOf(created));
        awaitGrant(created.grantId().value());

        assertThat(api().asAdmin("/api/grants/" + created.grantId().value()).status()).isEqualTo(200);
        assertThat(api().asResponder("/api/grants/" + created.grantId().value()).status()).isEqualTo(200);
    }

    @Test
    void grantsWhenNoCredentialsThenUnauthorizedProblemWithChallenge() {
        Reply reply = api().anonymously("/api/grants");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.wwwAuthenticate()).startsWith("Basic");
        assertThat(reply.json().get("status").asInt()).isEqualTo(401);
        assertThat(reply.body()).doesNotContain("Exception");
    }

    @Test
    void grantsWhenWrongPasswordThenUnauthorized() {
        assertThat(api().get("/api/grants", "investigator", "wrong").status()).isEqualTo(401);
    }

    @Test
    void grantsWhenWriteAttemptedThenForbiddenProblem() {
        Reply reply = api().postJson("/api/grants", "{}", "admin", "mandate-admin");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("status").asInt()).isEqualTo(403);
    }

    @Test
    void apiDocsWhenAnonymousThenDescribeGrantsAndEvents() {
        Reply reply = api().anonymously("/v3/api-docs");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("paths").has("/api/grants/{grantId}")).isTrue();
        assertThat(reply.json().get("paths").has("/api/events")).isTrue();
    }

    @Test
    void grantWhenUnknownIdThenNotFoundProblem() {
        Reply reply = api().asInvestigator("/api/grants/grt_does-not-exist-" + UUID.randomUUID());

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("status").asInt()).isEqualTo(404);
        assertThat(reply.json().get("detail").asText()).contains("grt_does-not-exist-");
    }

    @Test
    void grantsWhenSizeTooLargeThenBadRequestNamingSize() {
        Reply reply = api().asInvestigator("/api/grants?size=1000");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("detail").asText()).contains("size");
    }

    @Test
    void eventsWhenAggregateIdMissingThenBadRequestNamingIt() {
        Reply reply = api().asInvestigator("/api/events");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("detail").asText()).contains("aggregateId");
    }

    @Test
    void healthWhenAnonymousThenUpWithoutDetailsAndWhenAdminThenDependencies() {
        Reply anonymous = api().anonymously("/actuator/health");
        Reply investigator = api().asInvestigator("/actuator/health");
        Reply admin = api().asAdmin("/actuator/health");

        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.json().get("status").asText()).isEqualTo("UP");
        assertThat(anonymous.json().has("components")).isFalse();
        assertThat(investigator.json().has("components")).isFalse();
        assertThat(admin.json().get("components").get("elasticsearch").get("status").asText()).isEqualTo("UP");
        assertThat(admin.json().get("components").get("kafkaConsumer").get("details").get("running").asBoolean()).isTrue();
    }

    @Test
    void lagWhenCaughtUpThenZeroInHealthAndGaugesPerPartitionForAdminOnly() {
        GrantCreated created = TestGrants.aGrantCreated();
        producer.publish(TestGrants.envelopeOf(created));
        awaitGrant(created.grantId().value());

        JsonNode lag = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> api().asAdmin("/actuator/health").json().path("components").path("kafkaConsumer")
                        .path("details").path("lag"), node -> node.path("total").isNumber()
                        && node.path("total").asLong() == 0);
        assertThat(lag.get("byTopic").has("mandate.grants")).isTrue();
        assertThat(lag.get("measuredAt").asText()).isNotEqualTo("never");
        JsonNode consumer = api().asAdmin("/actuator/health").json().path("components").path("kafkaConsumer");
        // The newest occurredAt ever applied (other test classes' events on this stack included).
        Instant lastApplied = Instant.parse(consumer.path("details").path("lastAppliedEventAt").asText());
        assertThat(lastApplied).isAfterOrEqualTo(TestGrants.CREATED_AT);

        Reply gauge = api().asAdmin("/actuator/metrics/mandate.projection.lag?tag=topic:mandate.grants");
        assertThat(gauge.status()).isEqualTo(200);
        assertThat(gauge.json().get("measurements").get(0).get("value").asDouble()).isZero();
        assertThat(gauge.json().get("baseUnit").asText()).isEqualTo("records");
        JsonNode partitions = gauge.json().get("availableTags").get(0);
        assertThat(partitions.get("tag").asText()).isEqualTo("partition");
        assertThat(partitions.get("values")).hasSize(6);
        Reply age = api().asAdmin("/actuator/metrics/mandate.projection.last.applied.age");
        assertThat(age.status()).isEqualTo(200);
        assertThat(age.json().get("measurements").get(0).get("value").asDouble())
                .isCloseTo(Duration.between(lastApplied, Instant.now()).toSeconds(), org.assertj.core.data.Offset.offset(15.0));
        assertThat(api().asInvestigator("/actuator/metrics/mandate.projection.lag").status()).isEqualTo(403);
    }

    private JsonNode awaitGrant(String grantId) {
        return awaitGrant(grantId, json -> true);
    }

    private JsonNode awaitGrant(String grantId, Predicate<JsonNode> condition) {
        return api().awaitReadable("/api/grants/" + grantId, condition);
    }

    /** A new grant published behind everything else on this partition: once visible, all before it was read. */
    private static GrantCreated sameGrantsPartition(int partition) {
        GrantCreated sentinel = TestGrants.aGrantCreated();
        producer.publish(TestGrants.envelopeOf(sentinel), partition);
        return sentinel;
    }

    private long versionOf(String grantId) throws IOException {
        return elasticsearch.get(get -> get.index("mandate-grants").id(grantId), ObjectNode.class).version();
    }

    /** Until a refreshed count is {@code expected} (a count above it never comes down: it fails at the timeout). */
    private void awaitCount(String index, String field, String value, long expected) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            elasticsearch.indices().refresh(refresh -> refresh.index(index));
            assertThat(countOf(index, field, value)).as(index + " documents of " + value).isEqualTo(expected);
        });
    }

    private long countOf(String index, String field, String value) throws IOException {
        return elasticsearch.count(count -> count.index(index)
                .query(query -> query.term(term -> term.field(field).value(value)))).count();
    }

    private static String unknownEventType(EventEnvelope envelope) {
        ObjectNode json;
        try {
            json = (ObjectNode) EventCodec.newObjectMapper().readTree(new EventCodec().encode(envelope));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return json.put("type", "GrantTeleported").put("eventId", "evt-" + UUID.randomUUID()).toString();
    }
}
