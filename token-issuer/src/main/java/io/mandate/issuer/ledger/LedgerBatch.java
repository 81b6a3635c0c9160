package io.mandate.issuer.ledger;

import io.mandate.messages.wire.SharedEventStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One group commit: a batch of appends in one transaction under the shared revocation fence.
 *
 * <p>Order inside the transaction: (1) the fence, shared, so a revocation (exclusive) is either
 * committed before, and seen by (2), or waits until this batch committed — its {@code revokedAt}
 * then follows every token here; (2) one query reads the revocations of every aggregate the checks
 * name, and {@link AuthorityRules} refuses what they cover; (3) client assertions are consumed,
 * a replay (also within the batch) refused; (4) the remaining events are inserted as Axon rows.
 * The caller commits and only then completes the futures.
 *
 * <p>Needs READ COMMITTED (PostgreSQL's and the pool's default): each statement reads a fresh
 * snapshot, so the check in (2) sees every revocation committed before the fence was granted.
 */
final class LedgerBatch {

    private static final String FENCE_SHARED =
            "SELECT pg_advisory_xact_lock_shared(" + SharedEventStore.REVOCATION_FENCE_LOCK + ")";

    /** Why an entry's event was not inserted although nothing refused it. */
    static final class DuplicateEventException extends IllegalStateException {
        DuplicateEventException(String aggregateId) {
            super("the event store already holds an event at this position of stream " + aggregateId);
        }
    }

    private final AuthorityReader reader;
    private final Clock clock;

    LedgerBatch(AuthorityReader reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    /**
     * Runs steps 1–4 on a connection with autocommit off; does not commit. Answers one result per
     * entry, in order: an outcome, or a {@link DuplicateEventException} for a row already taken.
     */
    Object[] write(Connection connection, List<PendingAppend> batch) throws SQLException {
        Object[] results = new Object[batch.size()];
        try (PreparedStatement fence = connection.prepareStatement(FENCE_SHARED)) {
            fence.execute();
        }
        refuseRevoked(connection, batch, results);
        refuseReplayedAssertions(connection, batch, results);
        insertEvents(connection, batch, results);
        return results;
    }

    private void refuseRevoked(Connection connection, List<PendingAppend> batch, Object[] results) throws SQLException {
        List<AuthorityCheck> checks = new ArrayList<>();
        for (PendingAppend pending : batch) {
            if (pending.entry().check() != null) {
                checks.add(pending.entry().check());
            }
        }
        if (checks.isEmpty()) {
            return;
        }
        AuthorityFacts facts = reader.read(connection, checks);
        for (int i = 0; i < batch.size(); i++) {
            AuthorityCheck check = batch.get(i).entry().check();
            if (check != null) {
                int index = i;
                AuthorityRules.judge(check, facts).ifPresent(refused -> results[index] = refused);
            }
        }
    }

    private static void refuseReplayedAssertions(Connection connection, List<PendingAppend> batch, Object[] results)
            throws SQLException {
        Set<String> seen = new HashSet<>();
        List<AssertionStore.Use> uses = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            AssertionStore.Use use = batch.get(i).assertion();
            if (results[i] == null && use != null) {
                if (seen.add(use.jtiHash())) {
                    uses.add(use);
                } else {
                    results[i] = LedgerOutcome.ASSERTION_REPLAYED;
                }
            }
        }
        if (uses.isEmpty()) {
            return;
        }
        // Each hash is left once among the undecided entries: the first of its batch.
        Set<String> fresh = AssertionStore.consume(connection, uses);
        for (int i = 0; i < batch.size(); i++) {
            AssertionStore.Use use = batch.get(i).assertion();
            if (results[i] == null && use != null && !fresh.contains(use.jtiHash())) {
                results[i] = LedgerOutcome.ASSERTION_REPLAYED;
            }
        }
    }

    private void insertEvents(Connection connection, List<PendingAppend> batch, Object[] results) throws SQLException {
        List<EventRow> rows = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (results[i] == null) {
                rows.add(batch.get(i).row());
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        long[] sequences = AxonRows.sequences(connection, rows);
        Instant storedAt = clock.instant();
        Set<String> inserted = AxonRows.insert(connection, rows, sequences, storedAt);
        for (int i = 0; i < batch.size(); i++) {
            if (results[i] == null) {
                EventRow row = batch.get(i).row();
                results[i] = inserted.contains(row.eventIdentifier())
                        ? LedgerOutcome.RECORDED
                        : new DuplicateEventException(row.aggregateId());
            }
        }
    }
}
