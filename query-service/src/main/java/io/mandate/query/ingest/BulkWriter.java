package io.mandate.query.ingest;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.List;

/**
 * Sends one bulk request per polled batch and sorts each item's outcome: a version conflict on
 * an idempotent write is a redelivery (already applied), on a conditional (read-modify-write) one
 * a concurrent change that must be re-read; 429 or 5xx is transient (the whole batch is retried, which the
 * idempotent writes make safe); any other rejection is permanent for that document and is
 * logged and skipped so it cannot block its partition forever.
 */
@Component
class BulkWriter {

    private static final Logger log = LoggerFactory.getLogger(BulkWriter.class);

    private final ElasticsearchClient client;

    BulkWriter(ElasticsearchClient client) {
        this.client = client;
    }

    /** @throws TransientIndexingException when Elasticsearch did not accept every write for good */
    Outcome write(List<IndexWrite> writes) throws IOException {
        if (writes.isEmpty()) {
            return new Outcome(0, 0, 0);
        }
        List<BulkOperation> operations = writes.stream().map(IndexWrite::operation).toList();
        return outcomeOf(client.bulk(bulk -> bulk.operations(operations)), writes);
    }

    /** @throws TransientIndexingException when an item failed in a way that a retry may cure */
    static Outcome outcomeOf(BulkResponse response, List<IndexWrite> writes) {
        long duplicates = 0;
        long rejected = 0;
        // Bulk answers item by item in request order.
        for (int i = 0; i < response.items().size(); i++) {
            BulkResponseItem item = response.items().get(i);
            if (item.error() == null) {
                continue;
            }
            if (item.status() == 409 && !writes.get(i).conflictIsStale()) {
                throw new TransientIndexingException("concurrent change of " + item.index() + "/" + item.id()
                        + " since it was read; the batch is retried");
            } else if (item.status() == 409) {
                duplicates++;
            } else if (item.status() == 429 || item.status() >= 500) {
                throw new TransientIndexingException("Elasticsearch answered " + item.status() + " ("
                        + item.error().type() + ") for " + item.index() + "/" + item.id());
            } else {
                rejected++;
                // The reason may quote document content; the type, index and id are enough to find it.
                log.error("Elasticsearch rejected {}/{} with {} ({}); the document is skipped",
                        item.index(), item.id(), item.status(), item.error().type());
            }
        }
        return new Outcome(response.items().size() - duplicates - rejected, duplicates, rejected);
    }

    record Outcome(long applied, long duplicates, long rejected) {
    }

    /** Thrown so the listener container retries the batch (with back-off) before committing offsets. */
    static class TransientIndexingException extends RuntimeException {
        TransientIndexingException(String message) {
            super(message);
        }
    }
}
