package io.mandate.query.ingest;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.get.GetResult;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import io.mandate.messages.wire.EventEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Read-fold-write for read models holding one document per subject (a grant, a client): the
 * documents a batch touches are read with one {@code _mget}, every event of the batch is folded
 * onto them in partition order, and each changed document is written once. Folding the whole
 * batch in memory is what lets two events of one document in the same batch (suspend, then
 * reinstate) both count, where a per-event read would miss the first, still unwritten one.
 */
@Component
public class DocumentFold {

    private static final Logger log = LoggerFactory.getLogger(DocumentFold.class);

    private final ElasticsearchClient client;

    DocumentFold(ElasticsearchClient client) {
        this.client = client;
    }

    /** How one read model folds events; {@link #apply} must be idempotent and never throw for stale events. */
    public interface Rules<D> {

        String alias();

        Class<D> documentType();

        /** The document this event changes, or empty when it is not this read model's concern. */
        Optional<String> documentId(EventEnvelope envelope);

        /** The state after this event; {@code current} itself when the event changes nothing. */
        D apply(D current, EventEnvelope envelope);

        /** The write of a changed document, given what was read before the batch (empty: absent). */
        IndexWrite write(String id, D document, Optional<Stored<D>> read);
    }

    /** A document as read, with what optimistic concurrency and external versioning need. */
    public record Stored<D>(D document, long version, long seqNo, long primaryTerm) {
    }

    /** @throws IOException when Elasticsearch cannot be read; the batch is retried */
    public <D> List<IndexWrite> fold(List<EventEnvelope> batch, Rules<D> rules) throws IOException {
        Map<String, List<EventEnvelope>> byDocument = byDocument(batch, rules);
        if (byDocument.isEmpty()) {
            return List.of();
        }
        return fold(byDocument, rules, read(rules, List.copyOf(byDocument.keySet())));
    }

    static <D> Map<String, List<EventEnvelope>> byDocument(List<EventEnvelope> batch, Rules<D> rules) {
        Map<String, List<EventEnvelope>> byDocument = new LinkedHashMap<>();
        for (EventEnvelope envelope : batch) {
            rules.documentId(envelope).ifPresent(id -> byDocument.computeIfAbsent(id, k -> new ArrayList<>()).add(envelope));
        }
        return byDocument;
    }

    /** The pure part: no I/O, so projections' folding is unit-testable. */
    static <D> List<IndexWrite> fold(Map<String, List<EventEnvelope>> byDocument, Rules<D> rules,
                                     Map<String, Stored<D>> stored) {
        List<IndexWrite> writes = new ArrayList<>();
        byDocument.forEach((id, events) -> {
            Optional<Stored<D>> read = Optional.ofNullable(stored.get(id));
            D before = read.map(Stored::document).orElse(null);
            D state = before;
            for (EventEnvelope envelope : events) {
                try {
                    state = rules.apply(state, envelope);
                } catch (RuntimeException e) {
                    // A projection bug must not stall the partition: skip the event, fix, then replay.
                    log.error("Folding event {} ({}) into {}/{} failed; event skipped", envelope.eventId(),
                            envelope.type(), rules.alias(), id, e);
                }
            }
            if (state != null && !Objects.equals(state, before)) {
                writes.add(rules.write(id, state, read));
            }
        });
        return writes;
    }

    private <D> Map<String, Stored<D>> read(Rules<D> rules, List<String> ids) throws IOException {
        MgetResponse<D> response;
        try {
            response = client.mget(mget -> mget.index(rules.alias()).ids(ids), rules.documentType());
        } catch (ElasticsearchException e) {
            throw new BulkWriter.TransientIndexingException("reading " + rules.alias() + " failed: " + e.getMessage());
        }
        Map<String, Stored<D>> stored = new HashMap<>();
        for (MultiGetResponseItem<D> item : response.docs()) {
            if (item.isFailure()) {
                throw new BulkWriter.TransientIndexingException("reading " + rules.alias() + "/" + item.failure().id()
                        + " failed: " + item.failure().error().type());
            }
            GetResult<D> result = item.result();
            if (result.found() && result.source() != null) {
                stored.put(result.id(), new Stored<>(result.source(), orZero(result.version()),
                        orZero(result.seqNo()), orZero(result.primaryTerm())));
            }
        }
        return stored;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
