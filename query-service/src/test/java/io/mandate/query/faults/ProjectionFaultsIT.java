package io.mandate.query.faults;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mandate.infra.testkit.StackFaults;
import io.mandate.infra.testkit.StackFaults.Part;
import io.mandate.infra.testkit.TestStack;
import io.mandate.messages.id.UserId;
import io.mandate.query.support.ApiClient;
import io.mandate.query.support.QueryServiceStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Elasticsearch, then Kafka, taken away while events keep coming, then brought back: the projection
 * catches up with every event exactly once. Runs in its own failsafe execution (own JVM, after the
 * other integration tests), so no other test sees the outage; each test leaves the part running.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProjectionFaultsIT {

    private static final Duration EVERY = Duration.ofMillis(40);
    /** Events keep coming for a while after the part is back, too. */
    private static final Duration AFTER_RESTART = Duration.ofSeconds(3);

    private static StackFaults faults;

    @LocalServerPort
    int port;

    @Autowired
    ElasticsearchClient elasticsearch;

    private Part stopped;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        QueryServiceStack.registerProperties(registry);
    }

    @BeforeAll
    static void faultsAllowed() {
        TestStack stack = TestStack.get();
        assumeTrue(stack.faults().isPresent(), "Fault tests skipped: " + stack.noFaultsReason());
        faults = stack.faults().orElseThrow();
    }

    @AfterEach
    void leaveItRunning() {
        if (stopped != null) {
            faults.start(stopped);
            stopped = null;
        }
    }

    @Test
    void elasticsearchWhenStoppedMidStreamAndRestartedThenEveryEventProjectedExactlyOnce() throws Exception {
        streamThrough(Part.ELASTICSEARCH, Duration.ofSeconds(5));
    }

    @Test
    void kafkaWhenRestartedMidStreamThenEveryEventProjectedExactlyOnce() throws Exception {
        streamThrough(Part.KAFKA, Duration.ofSeconds(3));
    }

    private void streamThrough(Part part, Duration downFor) throws Exception {
        UserId user = UserId.of("fault-" + part.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8));
        try (EventStream stream = new EventStream(TestStack.get().kafkaBootstrapServers(), user)) {
            stream.start(EVERY);
            Thread.sleep(3_000); // some events are projected before the fault
            long begin = System.nanoTime();
            stopped = part;
            faults.stop(part);
            long stoppedAt = System.nanoTime();
            int sentBeforeOutage = stream.sent();
            long maxLagWhileDown = sampleLag(downFor);
            assertThat(stream.sent()).as("events kept coming while it was down").isGreaterThan(sentBeforeOutage);
            long restarting = System.nanoTime();
            faults.start(part);
            stopped = null;
            long restartedAt = System.nanoTime();
            Thread.sleep(AFTER_RESTART.toMillis());
            stream.finish(Duration.ofSeconds(150));
            assertThat(stream.failures()).as("publish failures").isEmpty();

            awaitProjected(user, stream.eventIds().size(), stream.grantIds().size());
            System.out.printf("[faults] %s: stop %.1f s, down %.1f s, start %.1f s, caught up %.1f s after the restart;"
                            + " %d events, max lag seen while down %d%n", part, seconds(begin, stoppedAt),
                    seconds(stoppedAt, restartedAt), seconds(restarting, restartedAt),
                    seconds(restartedAt, System.nanoTime()), stream.eventIds().size(), maxLagWhileDown);

            assertExactlyOnce(user, stream);
            if (part == Part.ELASTICSEARCH) {
                // Kafka stayed up, so the lag could be measured during the outage: offsets were not committed.
                assertThat(maxLagWhileDown).as("lag seen while Elasticsearch was down").isPositive();
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> lagTotal() == 0L);
        }
    }

    private static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }

    /** Polls the health endpoint's lag while the part is down; the highest value seen. */
    private long sampleLag(Duration duration) throws InterruptedException {
        long max = 0;
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            Long lag = lagTotal();
            max = Math.max(max, lag == null ? 0 : lag);
            Thread.sleep(500);
        }
        return max;
    }

    private Long lagTotal() {
        JsonNode lag = api().asAdmin("/actuator/health").json()
                .path("components").path("kafkaConsumer").path("details").path("lag").path("total");
        return lag.canConvertToLong() ? lag.asLong() : null;
    }

    /**
     * Until both indices hold at least what was sent. Both, not only the events: after the restart the
     * backlog comes in bulks of up to 500 events, and within one bulk the events shard may be written and
     * refreshed before the grants shard is.
     */
    private void awaitProjected(UserId user, int events, int grants) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            elasticsearch.indices().refresh(refresh -> refresh.index("mandate-events", "mandate-grants"));
            return countOf("mandate-events", user) >= events && countOf("mandate-grants", user) >= grants;
        });
    }

    private long countOf(String index, UserId user) throws IOException {
        return elasticsearch.count(count -> count.index(index)
                .query(q -> q.term(term -> term.field("userId").value(user.value())))).count();
    }

    private void assertExactlyOnce(UserId user, EventStream stream) throws IOException {
        List<Hit<ObjectNode>> events = all("mandate-events", user, "eventId");
        List<String> eventIds = events.stream().map(hit -> hit.source().get("eventId").asText()).toList();
        assertThat(eventIds).as("no doubles").doesNotHaveDuplicates();
        assertThat(new HashSet<>(eventIds)).as("no gaps, nothing extra").isEqualTo(stream.eventIds());
        assertThat(events).as("each event document written once").allMatch(hit -> hit.version() == 1L);

        List<Hit<ObjectNode>> grants = all("mandate-grants", user, "grantId");
        Map<String, Hit<ObjectNode>> byId = new HashMap<>();
        grants.forEach(hit -> byId.put(hit.id(), hit));
        assertThat(grants).as("one document per grant").hasSize(stream.grantIds().size());
        assertThat(byId.keySet()).isEqualTo(stream.grantIds());
        for (String grantId : stream.grantIds()) {
            Hit<ObjectNode> grant = byId.get(grantId);
            boolean revoked = stream.revokedGrantIds().contains(grantId);
            assertThat(grant.source().get("status").asText()).as(grantId).isEqualTo(revoked ? "REVOKED" : "ACTIVE");
            // external version = last sequence + 1: a redelivered event never rewrote it
            assertThat(grant.version()).as(grantId).isEqualTo(revoked ? 2L : 1L);
        }
    }

    private List<Hit<ObjectNode>> all(String index, UserId user, String sortField) throws IOException {
        List<Hit<ObjectNode>> hits = new ArrayList<>();
        List<FieldValue> after = null;
        while (true) {
            List<FieldValue> searchAfter = after;
            SearchResponse<ObjectNode> page = elasticsearch.search(search -> {
                search.index(index).version(true).size(500)
                        .query(q -> q.term(term -> term.field("userId").value(user.value())))
                        .sort(sort -> sort.field(field -> field.field(sortField).order(SortOrder.Asc)));
                if (searchAfter != null) {
                    search.searchAfter(searchAfter);
                }
                return search;
            }, ObjectNode.class);
            hits.addAll(page.hits().hits());
            if (page.hits().hits().size() < 500) {
                return hits;
            }
            after = page.hits().hits().get(page.hits().hits().size() - 1).sort();
        }
    }

    private ApiClient api() {
        return new ApiClient(port);
    }
}
