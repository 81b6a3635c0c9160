package io.mandate.query.ingest;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.mandate.messages.wire.EventEnvelope;

import java.util.List;

/**
 * Turns one event into the Elasticsearch writes of one read model. Writes must be idempotent
 * (delivery is at-least-once): use the event id as document id, or external versioning with the
 * aggregate sequence, so that a redelivered or stale event ends as a harmless version conflict.
 */
public interface Projection {

    /** The writes for this event, or an empty list when the event is not this projection's concern. */
    List<BulkOperation> operationsFor(EventEnvelope envelope);
}
