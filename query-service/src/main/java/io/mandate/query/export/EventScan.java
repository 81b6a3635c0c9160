package io.mandate.query.export;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.Time;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mandate.export.format.Manifest;
import io.mandate.query.index.ElasticsearchErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;

/**
 * Reads every event matching a query in export order, one page at a time, from a point in time
 * (a snapshot: events indexed after it was opened are not seen) with {@code search_after}. No
 * result-window limit, no scroll context per page, and memory bounded by the page size.
 */
final class EventScan implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventScan.class);
    /** How long the snapshot lives between two page reads; renewed by every read. */
    private static final Time KEEP_ALIVE = Time.of(t -> t.time("2m"));
    /** The export order (see docs/export.md): occurredAt, then aggregateId, sequence, eventId. */
    static final List<SortOptions> ORDER = Manifest.ORDER.stream()
            .map(field -> SortOptions.of(sort -> sort.field(by -> by.field(field).order(SortOrder.Asc))))
            .toList();

    private final ElasticsearchClient client;
    private final Query query;
    private final int pageSize;
    private String pointInTime;
    private List<FieldValue> after;
    private boolean exhausted;

    private EventScan(ElasticsearchClient client, Query query, int pageSize, String pointInTime) {
        this.client = client;
        this.query = query;
        this.pageSize = pageSize;
        this.pointInTime = pointInTime;
        this.exhausted = pointInTime == null;
    }

    /** Opens the snapshot; an index that does not exist yet is an empty scan. */
    static EventScan open(ElasticsearchClient client, String alias, Query query, int pageSize) throws IOException {
        try {
            String id = client.openPointInTime(open -> open.index(alias).keepAlive(KEEP_ALIVE)).id();
            return new EventScan(client, query, pageSize, id);
        } catch (ElasticsearchException e) {
            if (ElasticsearchErrors.isMissingIndex(e)) {
                return new EventScan(client, query, pageSize, null);
            }
            throw e;
        }
    }

    /** The next page in export order; empty once every event was read. */
    List<Hit<ObjectNode>> nextPage() throws IOException {
        if (exhausted) {
            return List.of();
        }
        SearchResponse<ObjectNode> response = client.search(search -> {
            search.pit(pit -> pit.id(pointInTime).keepAlive(KEEP_ALIVE))
                    .query(query)
                    .sort(ORDER)
                    .size(pageSize)
                    .trackTotalHits(total -> total.enabled(false));
            if (after != null) {
                search.searchAfter(after);
            }
            return search;
        }, ObjectNode.class);
        if (response.pitId() != null) {
            pointInTime = response.pitId();
        }
        List<Hit<ObjectNode>> hits = response.hits().hits();
        if (hits.size() < pageSize) {
            exhausted = true;
        }
        if (!hits.isEmpty()) {
            after = hits.get(hits.size() - 1).sort();
        }
        return hits;
    }

    @Override
    public void close() {
        if (pointInTime == null) {
            return;
        }
        try {
            client.closePointInTime(close -> close.id(pointInTime));
        } catch (IOException | RuntimeException e) {
            // It expires by itself after KEEP_ALIVE; nothing is lost.
            log.debug("Could not close point in time: {}", e.getMessage());
        }
    }
}
