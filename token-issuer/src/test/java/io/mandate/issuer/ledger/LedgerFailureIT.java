package io.mandate.issuer.ledger;

import io.mandate.messages.id.Jti;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import java.net.ServerSocket;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * When the store cannot record — PostgreSQL down, the event table not created yet — every
 * operation fails with {@link LedgerUnavailableException} (no SQL in its message), nothing of a
 * failed batch remains, the health component says why, and the ledger recovers by itself.
 */
class LedgerFailureIT {

    private LedgerDatabase database;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void drop() {
        database.close();
    }

    @Test
    void appendCheckAndRevokeWhenPostgresDownThenLedgerUnavailableAndHealthDown() throws Exception {
        database = LedgerDatabase.withoutEventStore();
        JdbcTokenLedger ledger = database.ledger(database.pool("jdbc:postgresql://127.0.0.1:" + closedPort() + "/mandate"),
                LedgerProperties.defaults());

        CompletableFuture<LedgerOutcome> appended = ledger.append(LedgerEntry.of(LedgerTestData.refusal("agent", Instant.now())));

        assertUnavailable(appended);
        assertThatThrownBy(() -> ledger.check(LedgerTestData.aCheck("grt_1", "alice", "agent").build()))
                .isInstanceOf(LedgerUnavailableException.class).hasMessage("the event store is unavailable");
        assertThatThrownBy(() -> ledger.revokeToken(Jti.of("jti-" + run), "leaked", "agent"))
                .isInstanceOf(LedgerUnavailableException.class);
        assertThat(ledger.stats().failedBatches()).isEqualTo(1);
        Health health = new LedgerHealthIndicator(ledger).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("reason", "the event store is unreachable").containsKey("lastFailure");
    }

    @Test
    void appendWhenEventTableMissingThenUnavailableWithoutPartialRowsAndRecoversOnceCreated() throws Exception {
        database = LedgerDatabase.withoutEventStore();
        JdbcTokenLedger ledger = database.ledger(LedgerProperties.defaults());
        LedgerHealthIndicator health = new LedgerHealthIndicator(ledger);
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails().get("reason").toString()).contains("domain_event_entry does not exist yet");
        AssertionUse assertion = new AssertionUse("agent-" + run, "assertion-" + run, Instant.now().plusSeconds(60));

        // The assertion is consumed before the events are inserted: the rollback must take it back.
        assertUnavailable(ledger.append(entry("first-" + run, assertion)));
        assertThat(database.count("SELECT count(*) FROM mandate_client_assertion")).isZero();

        database.createEventStore();
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(ledger.append(entry("second-" + run, assertion)).get(10, TimeUnit.SECONDS))
                .as("the failed batch consumed nothing").isEqualTo(LedgerOutcome.RECORDED);
        assertThat(database.rows("issued:first-" + run)).isEmpty();
        assertThat(database.rows("issued:second-" + run)).hasSize(1);
    }

    @Test
    void appendWhenStoppedOrSaturatedThenUnavailableAtOnce() throws Exception {
        database = LedgerDatabase.withEventStore();
        JdbcTokenLedger ledger = database.ledger(LedgerProperties.defaults().withQueueCapacity(1));
        try (var revocation = database.holdFence(true)) {
            CompletableFuture<LedgerOutcome> plug = ledger.append(LedgerEntry.of(LedgerTestData.refusal("agent", Instant.now())));
            for (int i = 0; i < 200 && ledger.stats().queueDepth() > 0; i++) {
                Thread.sleep(10);
            }
            CompletableFuture<LedgerOutcome> queued = ledger.append(LedgerEntry.of(LedgerTestData.refusal("agent", Instant.now())));
            CompletableFuture<LedgerOutcome> overflow = ledger.append(LedgerEntry.of(LedgerTestData.refusal("agent", Instant.now())));
            assertThat(overflow).isCompletedExceptionally();
            assertUnavailable(overflow);
            revocation.commit();
            assertThat(plug.get(10, TimeUnit.SECONDS)).isEqualTo(LedgerOutcome.RECORDED);
            assertThat(queued.get(10, TimeUnit.SECONDS)).isEqualTo(LedgerOutcome.RECORDED);
        }
        ledger.stop();
        assertUnavailable(ledger.append(LedgerEntry.of(LedgerTestData.refusal("agent", Instant.now()))));
    }

    private static LedgerEntry entry(String jti, AssertionUse assertion) {
        return new LedgerEntry(LedgerTestData.clientToken(jti, assertion.clientId(), Instant.now()), null, assertion);
    }

    private static void assertUnavailable(CompletableFuture<LedgerOutcome> future) {
        assertThatThrownBy(() -> future.get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(LedgerUnavailableException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContainIgnoringCase("sql").doesNotContain("domain_event_entry"));
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
