package io.mandate.messages.wire;

/**
 * The contract between the two writers of the one event store (PostgreSQL): the command-service
 * (Axon aggregates) and the token-issuer (batches of token events). See docs/architecture.md,
 * "Recording exchanges".
 *
 * <p>Revocation is linearisable with issuance through one PostgreSQL advisory lock: every command
 * that revokes or suspends takes it exclusively ({@code pg_advisory_xact_lock}) before it reads
 * its clock, and every token batch takes it shared ({@code pg_advisory_xact_lock_shared}) before
 * it checks the store for revocations. So a batch either commits before the revocation's
 * timestamp is taken (its tokens are covered by the watermark or the revoked grant), or it sees
 * the revocation and refuses.
 */
public final class SharedEventStore {

    /** The advisory lock key ("MANDREVK"): exclusive for revocations, shared for token batches. */
    public static final long REVOCATION_FENCE_LOCK = 0x4D414E445245564BL;

    /** Axon's event table and the sequence its global index comes from. */
    public static final String EVENT_TABLE = "domain_event_entry";
    public static final String GLOBAL_INDEX_SEQUENCE = "domain_event_entry_seq";

    /** The {@code type} column (Axon's aggregate type) of streams the token-issuer appends. */
    public static final String TOKEN_LEDGER_TYPE = "TokenLedger";
    public static final String SIGNING_KEY_TYPE = "SigningKey";
    /** Same as the command-service's token-revocation aggregate, which may later load the stream. */
    public static final String TOKEN_REVOCATION_TYPE = "TokenRevocation";

    private SharedEventStore() {
    }
}
