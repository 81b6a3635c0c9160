package io.mandate.query.ingest;

import io.mandate.messages.wire.EventEnvelope;

import java.io.IOException;
import java.util.List;

/**
 * Turns one polled batch of events into the Elasticsearch writes of one read model. Writes must be
 * idempotent (delivery is at-least-once): use the event id as document id, external versioning
 * with the aggregate sequence, or a {@link DocumentFold} whose rules ignore what they already
 * applied, so that a redelivered or stale event ends as no write or a harmless version conflict.
 * The whole batch is given at once so a folded read model reads each document once and writes it
 * once, however many of the batch's events touch it.
 */
public interface Projection {

    /**
     * The writes for these events (in partition order per key); an empty list when none concerns
     * this projection. A projection skips (and logs) a single event it cannot apply rather than
     * failing the batch.
     *
     * @throws IOException when Elasticsearch could not be read; the batch is retried
     */
    List<IndexWrite> operationsFor(List<EventEnvelope> batch) throws IOException;
}
