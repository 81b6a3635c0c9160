package io.mandate.issuer.ledger;

/**
 * Counters since start: how well group commit is batching.
 *
 * @param batches       transactions attempted
 * @param entries       entries in them
 * @param failedBatches transactions rolled back (their entries failed with {@link LedgerUnavailableException})
 * @param queueDepth    appends waiting now
 */
public record LedgerStats(long batches, long entries, long failedBatches, int queueDepth) {

    public double averageBatchSize() {
        return batches == 0 ? 0 : (double) entries / batches;
    }
}
