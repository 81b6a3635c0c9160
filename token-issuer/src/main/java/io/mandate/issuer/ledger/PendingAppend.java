package io.mandate.issuer.ledger;

import java.util.concurrent.CompletableFuture;

/** An entry waiting for its batch: its row, prepared by the caller, and the future to complete after commit. */
record PendingAppend(LedgerEntry entry, EventRow row, AssertionStore.Use assertion,
                     CompletableFuture<LedgerOutcome> future, long enqueuedNanos) {
}
