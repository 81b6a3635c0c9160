package io.mandate.query.ingest;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;

import java.util.Objects;

/**
 * One write a projection asks for, and what a version conflict on it means.
 *
 * @param operation       the bulk operation
 * @param conflictIsStale {@code true} when a 409 means "a newer or equal state is already stored"
 *                        (event-id creates, external versions): a harmless duplicate. {@code false}
 *                        for optimistic-concurrency writes ({@code if_seq_no}), where a 409 means
 *                        another consumer changed the document since it was read: the batch is
 *                        retried, re-reading it, rather than losing this event's change.
 */
public record IndexWrite(BulkOperation operation, boolean conflictIsStale) {

    public IndexWrite {
        Objects.requireNonNull(operation, "operation");
    }

    /** A write whose conflict means it was already applied (or superseded). */
    public static IndexWrite idempotent(BulkOperation operation) {
        return new IndexWrite(operation, true);
    }

    /** A read-modify-write guarded by the sequence number read: a conflict must be retried. */
    public static IndexWrite conditional(BulkOperation operation) {
        return new IndexWrite(operation, false);
    }
}
