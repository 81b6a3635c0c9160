package io.mandate.issuer.ledger;

import io.mandate.messages.id.Jti;
import io.mandate.messages.revocation.TokenRevoked;
import io.mandate.messages.wire.SharedEventStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The {@link TokenLedger} on the shared PostgreSQL event store, by group commit: appends wait in a
 * bounded queue; each writer thread takes whatever is queued (up to {@code batch-size}, never
 * waiting for more) and commits it as one transaction ({@link LedgerBatch}) with
 * {@code synchronous_commit} as the server has it (on: durable), then completes the batch's
 * futures. A failed transaction fails its own entries only; the writer goes on with the next batch.
 *
 * <p>Futures complete on a ledger completion thread, never on the writer: a dependent stage
 * cannot stall the next commit, but should stay light (or use an {@code *Async} stage).
 *
 * <p>Sequences: token events are one-event streams (sequence 0); signing-key events continue their
 * key's stream at {@code MAX(sequence_number) + 1}, read in the writing transaction under an
 * advisory lock of their own, so writers and issuer instances never take the same position.
 */
@Component
public class JdbcTokenLedger implements TokenLedger, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JdbcTokenLedger.class);
    private static final String UNAVAILABLE = "the event store is unavailable";
    private static final String FENCE_EXCLUSIVE =
            "SELECT pg_advisory_xact_lock(" + SharedEventStore.REVOCATION_FENCE_LOCK + ")";
    private static final String TABLE_EXISTS = "SELECT to_regclass('" + SharedEventStore.EVENT_TABLE + "') IS NOT NULL";
    private static final String FIRST_EVENT =
            "SELECT payload_type, payload FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0";

    private final DataSource dataSource;
    private final LedgerProperties properties;
    private final Clock clock;
    private final AxonRows rows = new AxonRows();
    private final AuthorityReader reader = new AuthorityReader(rows);
    private final LedgerBatch batchWriter;
    private final BlockingQueue<PendingAppend> queue;
    private final LedgerMetrics metrics;
    private final Object lifecycle = new Object();
    private volatile boolean accepting;
    private volatile boolean assertionTableReady;
    private volatile String lastFailure;
    private List<Thread> writers = List.of();
    private ExecutorService completion;
    private ScheduledExecutorService maintenance;

    public JdbcTokenLedger(DataSource dataSource, LedgerProperties properties, Clock clock, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.properties = properties;
        this.clock = clock;
        this.batchWriter = new LedgerBatch(reader, clock);
        this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
        this.metrics = new LedgerMetrics(registry, queue);
    }

    @Override
    public CompletableFuture<LedgerOutcome> append(LedgerEntry entry) {
        Objects.requireNonNull(entry, "entry");
        EventRow row = rows.rowOf(entry.event());
        AssertionStore.Use assertion = entry.assertion() == null ? null : AssertionStore.Use.of(entry.assertion());
        PendingAppend pending = new PendingAppend(entry, row, assertion, new CompletableFuture<>(), System.nanoTime());
        if (!accepting) {
            return CompletableFuture.failedFuture(new LedgerUnavailableException("the token ledger is not running"));
        }
        if (!queue.offer(pending)) {
            metrics.rejected();
            return CompletableFuture.failedFuture(new LedgerUnavailableException("the token ledger is saturated"));
        }
        if (!accepting && queue.remove(pending)) {
            // Stopped between the check and the offer: no writer may be left to take it.
            return CompletableFuture.failedFuture(new LedgerUnavailableException("the token ledger is not running"));
        }
        return pending.future();
    }

    @Override
    public Optional<LedgerOutcome.Refused> check(AuthorityCheck check) {
        Objects.requireNonNull(check, "check");
        // No fence: a revocation acknowledged before this read has committed, so the read sees it.
        try (Connection connection = dataSource.getConnection()) {
            return AuthorityRules.judge(check, reader.read(connection, List.of(check)));
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public TokenRevoked revokeToken(Jti jti, String reason, String revokedBy) {
        Objects.requireNonNull(jti, "jti");
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement fence = connection.prepareStatement(FENCE_EXCLUSIVE)) {
                    fence.execute();
                }
                // Taken after the fence: every batch that could still issue from this jti has committed.
                TokenRevoked revoked = new TokenRevoked(jti, reason, revokedBy, clock.instant());
                EventRow row = rows.rowOf(revoked);
                Set<String> inserted = AxonRows.insert(connection, List.of(row), new long[1], revoked.revokedAt());
                TokenRevoked result = inserted.isEmpty() ? existingRevocation(connection, jti) : revoked;
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private TokenRevoked existingRevocation(Connection connection, Jti jti) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(FIRST_EVENT)) {
            select.setString(1, AuthorityRules.tokenStream(jti));
            try (ResultSet result = select.executeQuery()) {
                if (result.next() && rows.decode(result.getString(1), result.getBytes(2)) instanceof TokenRevoked existing) {
                    return existing;
                }
            }
        } catch (IOException e) {
            throw new SQLException("unreadable first event of " + AuthorityRules.tokenStream(jti), e);
        }
        throw new IllegalStateException("stream " + AuthorityRules.tokenStream(jti) + " does not start with TokenRevoked");
    }

    /** Batching so far; the same figures as the {@code mandate.ledger.*} meters. */
    public LedgerStats stats() {
        return metrics.stats();
    }

    /**
     * Whether the event table exists (the command-service creates it); for the {@code ledger} health component.
     *
     * @throws SQLException when the store cannot be reached
     */
    boolean eventTableExists() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(TABLE_EXISTS);
             ResultSet result = select.executeQuery()) {
            return result.next() && result.getBoolean(1);
        }
    }

    String lastFailure() {
        return lastFailure;
    }

    // --- the writers

    private void runWriter() {
        List<PendingAppend> batch = new ArrayList<>(properties.batchSize());
        while (true) {
            PendingAppend first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (first == null) {
                if (!accepting) {
                    return;
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, properties.batchSize() - 1);
            commit(batch);
            batch.clear();
        }
    }

    private void commit(List<PendingAppend> batch) {
        metrics.batch(batch.size());
        List<PendingAppend> entries = List.copyOf(batch);
        Object[] results;
        try (Connection connection = dataSource.getConnection()) {
            if (!assertionTableReady && entries.stream().anyMatch(pending -> pending.assertion() != null)) {
                createAssertionTable(connection);
            }
            connection.setAutoCommit(false);
            try {
                results = batchWriter.write(connection, entries);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            // An unknown commit outcome lands here too: the events may be stored, but no token leaves.
            metrics.batchFailed();
            lastFailure = clock.instant() + ": " + e.getClass().getSimpleName();
            log.warn("Ledger batch of {} failed; its appends fail with 503: {}", entries.size(), e.toString());
            LedgerUnavailableException failure = unavailable(e);
            dispatch(() -> entries.forEach(pending -> complete(pending, failure)));
            return;
        }
        Object[] outcomes = results;
        dispatch(() -> {
            for (int i = 0; i < entries.size(); i++) {
                complete(entries.get(i), outcomes[i]);
            }
        });
    }

    /** On the completion thread; inline when it is gone (a writer outliving the shutdown timeout). */
    private void dispatch(Runnable completions) {
        try {
            completion.execute(completions);
        } catch (RejectedExecutionException e) {
            completions.run();
        }
    }

    private void complete(PendingAppend pending, Object result) {
        metrics.completed(pending, result, System.nanoTime());
        if (result instanceof LedgerOutcome outcome) {
            pending.future().complete(outcome);
        } else {
            pending.future().completeExceptionally((Throwable) result);
        }
    }

    private void createAssertionTable(Connection connection) throws SQLException {
        AssertionStore.createTable(connection);
        assertionTableReady = true;
    }

    // --- maintenance: the assertion table, then its purge

    private void ensureAssertionTable() {
        if (assertionTableReady) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            createAssertionTable(connection);
            log.info("Token ledger ready: table {} in place", AssertionStore.TABLE);
        } catch (SQLException | RuntimeException e) {
            log.warn("Token ledger cannot prepare {} yet (retrying every {}): {}", AssertionStore.TABLE,
                    properties.schemaRetryInterval(), e.toString());
        }
    }

    private void purgeAssertions() {
        if (!assertionTableReady) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            int purged = AssertionStore.purge(connection, clock.instant().minus(properties.assertionRetention()));
            if (purged > 0) {
                log.debug("Purged {} expired client assertions", purged);
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("Could not purge expired client assertions: {}", e.toString());
        }
    }

    // --- lifecycle

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (accepting) {
                return;
            }
            completion = Executors.newSingleThreadExecutor(daemon("ledger-completion"));
            maintenance = Executors.newSingleThreadScheduledExecutor(daemon("ledger-maintenance"));
            maintenance.scheduleWithFixedDelay(this::ensureAssertionTable, 0,
                    properties.schemaRetryInterval().toMillis(), TimeUnit.MILLISECONDS);
            maintenance.scheduleWithFixedDelay(this::purgeAssertions, properties.assertionPurgeInterval().toMillis(),
                    properties.assertionPurgeInterval().toMillis(), TimeUnit.MILLISECONDS);
            accepting = true;
            List<Thread> started = new ArrayList<>();
            for (int i = 0; i < properties.writers(); i++) {
                Thread writer = new Thread(this::runWriter, "ledger-writer-" + i);
                writer.start();
                started.add(writer);
            }
            writers = List.copyOf(started);
            log.info("Token ledger started: {} writer(s), batches of up to {}, queue of {}", properties.writers(),
                    properties.batchSize(), properties.queueCapacity());
        }
    }

    /** Stops taking appends, commits what is queued (within {@code shutdown-timeout}), fails the rest. */
    @Override
    public void stop() {
        synchronized (lifecycle) {
            if (!accepting) {
                return;
            }
            accepting = false;
            long deadline = System.nanoTime() + properties.shutdownTimeout().toNanos();
            for (Thread writer : writers) {
                try {
                    writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                writer.interrupt();
            }
            List<PendingAppend> left = new ArrayList<>();
            queue.drainTo(left);
            LedgerUnavailableException stopped = new LedgerUnavailableException("the token ledger stopped");
            left.forEach(pending -> dispatch(() -> complete(pending, stopped)));
            completion.shutdown();
            maintenance.shutdownNow();
            try {
                completion.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            writers = List.of();
        }
    }

    @Override
    public boolean isRunning() {
        return accepting;
    }

    /** Starts before and stops after the web server and the key rotation, which append through it. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 4096;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static LedgerUnavailableException unavailable(Exception cause) {
        return new LedgerUnavailableException(UNAVAILABLE, cause);
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            log.debug("Rollback failed (the connection is discarded): {}", e.toString());
        }
    }
}
