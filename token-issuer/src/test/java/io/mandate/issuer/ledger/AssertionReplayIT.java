package io.mandate.issuer.ledger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A client assertion (RFC 7523 §3) authorises one token: its second use is refused, whichever batch it lands in. */
class AssertionReplayIT {

    private static LedgerDatabase database;
    private static JdbcTokenLedger ledger;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start() {
        database = LedgerDatabase.withEventStore();
        ledger = database.ledger(new LedgerProperties(null, null, null, Duration.ofMillis(200), Duration.ofSeconds(1),
                Duration.ofMillis(200), null));
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void appendWhenAssertionUsedInAnEarlierBatchThenReplayedAndNotWritten() throws Exception {
        AssertionUse assertion = new AssertionUse("agent-" + run, "assertion-" + run, Instant.now().plusSeconds(60));
        assertThat(append("first-" + run, assertion).get(10, TimeUnit.SECONDS)).isEqualTo(LedgerOutcome.RECORDED);

        assertThat(append("second-" + run, assertion).get(10, TimeUnit.SECONDS)).isEqualTo(LedgerOutcome.ASSERTION_REPLAYED);

        assertThat(database.rows("issued:first-" + run)).hasSize(1);
        assertThat(database.rows("issued:second-" + run)).isEmpty();
        List<Map<String, Object>> used = database.query("SELECT * FROM mandate_client_assertion WHERE jti_hash = ?",
                assertion.jtiHash());
        assertThat(used).singleElement().satisfies(row -> {
            assertThat(row.get("client_id")).isEqualTo("agent-" + run);
            // PostgreSQL keeps microseconds (rounded).
            assertThat(((java.sql.Timestamp) row.get("expires_at")).toInstant())
                    .isCloseTo(assertion.expiresAt(), within(1, java.time.temporal.ChronoUnit.MICROS));
        });
    }

    @Test
    void appendWhenSameAssertionTwiceInOneBatchThenTheSecondReplayed() throws Exception {
        AssertionUse assertion = new AssertionUse("agent-" + run, "twice-" + run, Instant.now().plusSeconds(60));
        CompletableFuture<LedgerOutcome> first;
        CompletableFuture<LedgerOutcome> second;
        try (Connection revocation = database.holdFence(true)) {
            CompletableFuture<LedgerOutcome> plug = ledger.append(LedgerEntry.of(LedgerTestData.refusal("agent", Instant.now())));
            awaitQueueEmpty();
            first = append("a-" + run, assertion);
            second = append("b-" + run, assertion);
            long batchesBefore = ledger.stats().batches();
            revocation.commit();
            plug.get(10, TimeUnit.SECONDS);
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(LedgerOutcome.RECORDED);
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(LedgerOutcome.ASSERTION_REPLAYED);
            assertThat(ledger.stats().batches()).as("both in one batch").isEqualTo(batchesBefore + 1);
        }
        assertThat(database.rows("issued:a-" + run)).hasSize(1);
        assertThat(database.rows("issued:b-" + run)).isEmpty();
    }

    @Test
    void appendWhenSameJtiFromAnotherClientThenRecorded() throws Exception {
        Instant expiry = Instant.now().plusSeconds(60);
        assertThat(append("x-" + run, new AssertionUse("agent-" + run, "shared-" + run, expiry)).get(10, TimeUnit.SECONDS))
                .isEqualTo(LedgerOutcome.RECORDED);
        assertThat(append("y-" + run, new AssertionUse("other-" + run, "shared-" + run, expiry)).get(10, TimeUnit.SECONDS))
                .isEqualTo(LedgerOutcome.RECORDED);
    }

    @Test
    void purgeWhenAssertionLongExpiredThenDeletedAndLiveOnesKept() throws Exception {
        AssertionUse expired = new AssertionUse("agent-" + run, "old-" + run, Instant.now().minusSeconds(30));
        AssertionUse live = new AssertionUse("agent-" + run, "live-" + run, Instant.now().plusSeconds(60));
        append("old-" + run, expired).get(10, TimeUnit.SECONDS);
        append("live-" + run, live).get(10, TimeUnit.SECONDS);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (count(expired) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(count(expired)).isZero();
        assertThat(count(live)).isEqualTo(1);
    }

    private long count(AssertionUse assertion) {
        return database.count("SELECT count(*) FROM mandate_client_assertion WHERE jti_hash = ?", assertion.jtiHash());
    }

    private CompletableFuture<LedgerOutcome> append(String jti, AssertionUse assertion) {
        return ledger.append(new LedgerEntry(LedgerTestData.clientToken(jti, assertion.clientId(), Instant.now()), null,
                assertion));
    }

    private static void awaitQueueEmpty() throws InterruptedException {
        for (int i = 0; i < 200 && ledger.stats().queueDepth() > 0; i++) {
            Thread.sleep(10);
        }
        Thread.sleep(50);
    }
}
