package io.mandate.issuer.ledger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many concurrent appends are committed in few transactions, and none completes before its
 * transaction has committed: held back by a revocation holding the fence, they neither complete
 * nor show in the table until it is released.
 */
class GroupCommitIT {

    private static final int APPENDS = 1_000;
    private static final int THREADS = 32;

    private LedgerDatabase database;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void schema() {
        database = LedgerDatabase.withEventStore();
    }

    @AfterEach
    void drop() {
        database.close();
    }

    @ParameterizedTest(name = "{0} writer(s)")
    @ValueSource(ints = {1, 2})
    void appendWhenThousandConcurrentAppendsThenAllRecordedInFewBatchesAndOnlyAfterCommit(int writers) throws Exception {
        JdbcTokenLedger ledger = database.ledger(LedgerProperties.defaults().withWriters(writers));
        Instant now = Instant.now();
        List<CompletableFuture<LedgerOutcome>> appended = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(THREADS);
        try (Connection revocation = database.holdFence(true)) {
            List<Future<CompletableFuture<LedgerOutcome>>> submitted = new ArrayList<>();
            for (int i = 0; i < APPENDS; i++) {
                String jti = run + "-" + i;
                submitted.add(callers.submit(() -> ledger.append(new LedgerEntry(
                        LedgerTestData.exchanged(jti, "grt_" + run, "alice", List.of("agent"), now),
                        LedgerTestData.aCheck("grt_" + run, "alice", "agent").build(), null))));
            }
            for (Future<CompletableFuture<LedgerOutcome>> future : submitted) {
                appended.add(future.get(30, TimeUnit.SECONDS));
            }
            Thread.sleep(500);
            assertThat(appended).as("held by the fence").noneMatch(CompletableFuture::isDone);
            assertThat(issuedRows()).isZero();
            revocation.commit();
        } finally {
            callers.shutdown();
        }

        long released = System.nanoTime();
        CompletableFuture.allOf(appended.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - released) / 1e9;

        assertThat(appended).extracting(CompletableFuture::join).containsOnly(LedgerOutcome.RECORDED);
        assertThat(issuedRows()).isEqualTo(APPENDS);
        LedgerStats stats = ledger.stats();
        assertThat(stats.entries()).isEqualTo(APPENDS);
        assertThat(stats.averageBatchSize()).isGreaterThan(1);
        assertThat(stats.failedBatches()).isZero();
        System.out.printf("[GroupCommitIT] %d writer(s): %d appends in %d batches (avg %.1f), drained in %.3f s%n",
                writers, APPENDS, stats.batches(), stats.averageBatchSize(), seconds);
    }

    @ParameterizedTest(name = "{0} writer(s)")
    @ValueSource(ints = {1, 2})
    void appendWhenEachCallerWaitsForItsAppendThenConcurrentCallersShareBatches(int writers) throws Exception {
        JdbcTokenLedger ledger = database.ledger(LedgerProperties.defaults().withWriters(writers));
        int perThread = 5_000 / THREADS;
        Instant now = Instant.now();
        ExecutorService callers = Executors.newFixedThreadPool(THREADS);
        List<Future<Long>> recorded = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            // Like request threads of the token endpoint: each waits for its own append before the next.
            recorded.add(callers.submit(() -> {
                long count = 0;
                for (int i = 0; i < perThread; i++) {
                    String jti = run + "-" + thread + "-" + i;
                    LedgerOutcome outcome = ledger.append(new LedgerEntry(
                            LedgerTestData.exchanged(jti, "grt_" + run, "alice", List.of("agent"), now),
                            LedgerTestData.aCheck("grt_" + run, "alice", "agent").build(), null)).get(30, TimeUnit.SECONDS);
                    count += outcome == LedgerOutcome.RECORDED ? 1 : 0;
                }
                return count;
            }));
        }
        long total = 0;
        for (Future<Long> future : recorded) {
            total += future.get(120, TimeUnit.SECONDS);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        callers.shutdown();

        assertThat(total).isEqualTo((long) perThread * THREADS);
        assertThat(issuedRows()).isEqualTo(total);
        LedgerStats stats = ledger.stats();
        assertThat(stats.averageBatchSize()).isGreaterThan(1);
        System.out.printf("[GroupCommitIT] closed loop, %d callers, %d writer(s): %d appends in %.2f s = %.0f/s, "
                        + "%d batches (avg %.1f)%n", THREADS, writers, total, seconds, total / seconds, stats.batches(),
                stats.averageBatchSize());
    }

    private long issuedRows() {
        return database.count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier LIKE ?",
                "issued:" + run + "-%");
    }
}
