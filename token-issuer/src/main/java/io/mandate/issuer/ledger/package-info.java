/**
 * The token ledger: the issuer records every token it issues, every refusal and its signing-key
 * lifecycle in the command-service's event store ({@code domain_event_entry}, PostgreSQL) itself,
 * durably, before the response that depends on the record leaves. The command-service's
 * {@code kafka-publisher} then publishes these rows like its own.
 *
 * <h2>Why group commit on the shared table</h2>
 * One Axon command per token measured 300–850/s here; the target is thousands per second. A
 * transaction per batch pays the commit (the WAL flush) once for everything that arrived while the
 * previous batch was committing: {@link io.mandate.issuer.ledger.JdbcTokenLedger} never waits to
 * fill a batch, so latency under light load is one commit, and batches grow with load.
 *
 * <h2>Linearisable with revocation</h2>
 * Each batch takes the revocation fence shared ({@code SharedEventStore.REVOCATION_FENCE_LOCK}),
 * then reads, in one query, the revocations of every grant, user, actor and ancestor jti its tokens
 * name, and refuses the covered ones ({@link io.mandate.issuer.ledger.AuthorityRules}). Revocations
 * take the fence exclusively before reading their clock. So a revocation either committed before
 * the batch's read (the batch refuses) or waits for the batch's commit (its {@code revokedAt} is
 * later than every token in it, which its watermark therefore covers).
 *
 * <h2>Rows</h2>
 * Exactly Axon 4.13's: {@code global_index} from {@code domain_event_entry_seq}, a random UUID as
 * event identifier, meta data {@code {}}, the record's JSON as payload (the command-service's
 * Jackson settings, {@code EventCodec.newObjectMapper()}), the class name as payload type, the
 * catalogue revision, Axon's time-stamp format (UTC, three fraction digits), aggregate type
 * {@code TokenLedger} / {@code SigningKey} / {@code TokenRevocation}. Token and refusal events are
 * one-event streams at sequence 0; a signing key's stream continues at {@code MAX + 1}, read in
 * the writing transaction under an advisory lock of its own (key events are rare; callers need
 * not track sequences). All rows of a batch go in with ONE {@code INSERT … SELECT FROM unnest(…)}
 * (one round trip, no driver-side batch rewriting needed) with {@code ON CONFLICT DO NOTHING
 * RETURNING}, so a duplicate stream position fails its own entry, not its batch.
 *
 * <h2>Client assertions</h2>
 * RFC 7523 §3 single use: {@code mandate_client_assertion} (created at start-up, purged of
 * assertions expired for longer than {@code assertion-retention}) takes a hash of client and jti
 * in the same transaction as the token's event: a replay, in this batch or any earlier one of any
 * issuer, is {@code AssertionReplayed}; a rolled-back batch consumes nothing.
 *
 * <h2>Failure</h2>
 * Any SQL error rolls the batch back and fails its entries with
 * {@link io.mandate.issuer.ledger.LedgerUnavailableException} (503, nothing issued); the writer
 * continues. If the commit's outcome is unknown (connection lost during COMMIT), rows may exist for
 * tokens never sent: recorded but not issued is the safe side. A full queue fails at once.
 *
 * <h2>Configuration ({@code mandate.issuer.ledger.*}) and meters</h2>
 * {@code queue-capacity} (16384), {@code batch-size} (512), {@code writers} (1),
 * {@code assertion-purge-interval} (1m), {@code assertion-retention} (5m), {@code schema-retry-interval}
 * (5s), {@code shutdown-timeout} (10s); the store is {@code spring.datasource.*}
 * ({@code MANDATE_POSTGRES_URL}, {@code _USER}, {@code _PASSWORD}). Meters:
 * {@code mandate.ledger.batch.size}, {@code mandate.ledger.append} (by outcome),
 * {@code mandate.ledger.queue.depth}, {@code mandate.ledger.batches.failed},
 * {@code mandate.ledger.rejected}; health component {@code ledger}.
 */
package io.mandate.issuer.ledger;
