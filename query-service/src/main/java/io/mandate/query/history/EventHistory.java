package io.mandate.query.history;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mandate.messages.MandateEvent;
import io.mandate.messages.wire.EventCatalog;
import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.EventEnvelope;
import io.mandate.messages.wire.EventType;
import io.mandate.query.event.EventDocument;
import io.mandate.query.event.EventsIndex;
import io.mandate.query.index.ElasticsearchErrors;
import io.mandate.query.web.BackendUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.mandate.query.index.IndexReader.sortBy;

/**
 * Reads the events a point-in-time question needs from {@code mandate-events}, as the envelopes that
 * were published (each document stores its payload as published): every event recorded up to T that
 * matches a filter, read with {@code search_after} in pages, so no result window limits it.
 */
@Component
class EventHistory {

    private static final Logger log = LoggerFactory.getLogger(EventHistory.class);
    private static final int PAGE = 1_000;

    private final ElasticsearchClient client;
    private final ObjectMapper wireJson = EventCodec.newObjectMapper();

    EventHistory(ElasticsearchClient client) {
        this.client = client;
    }

    /** Every event matching {@code filter} recorded at or before {@code at}, oldest first. */
    List<EventEnvelope> upTo(Instant at, Query filter) {
        Query query = Query.of(q -> q.bool(bool -> bool.filter(filter)
                .filter(f -> f.range(range -> range.date(date -> date.field("occurredAt").lte(at.toString()))))));
        List<EventEnvelope> events = new ArrayList<>();
        List<FieldValue> after = null;
        while (true) {
            List<FieldValue> searchAfter = after;
            List<Hit<EventDocument>> hits = search(query, searchAfter);
            for (Hit<EventDocument> hit : hits) {
                if (hit.source() != null) {
                    toEnvelope(hit.source()).ifPresent(events::add);
                }
            }
            if (hits.size() < PAGE) {
                return events;
            }
            after = hits.get(hits.size() - 1).sort();
        }
    }

    private List<Hit<EventDocument>> search(Query query, List<FieldValue> after) {
        try {
            SearchResponse<EventDocument> response = client.search(search -> {
                search.index(EventsIndex.DEFINITION.alias()).query(query).size(PAGE)
                        .sort(sortBy("occurredAt", SortOrder.Asc), sortBy("eventId", SortOrder.Asc));
                if (after != null) {
                    search.searchAfter(after);
                }
                return search;
            }, EventDocument.class);
            return response.hits().hits();
        } catch (ElasticsearchException e) {
            if (ElasticsearchErrors.isMissingIndex(e)) {
                return List.of(); // nothing indexed yet
            }
            throw e;
        } catch (IOException e) {
            throw new BackendUnavailableException("reading the event history failed: " + e.getMessage(), e);
        }
    }

    /** The event as published; an event type this release does not know, or cannot read, is left out and logged. */
    private Optional<EventEnvelope> toEnvelope(EventDocument document) {
        Optional<EventType> type = EventCatalog.byName(document.type());
        if (type.isEmpty() || document.payload() == null) {
            log.warn("Event {} of type {} cannot be read for a point-in-time answer", document.eventId(), document.type());
            return Optional.empty();
        }
        try {
            MandateEvent payload = wireJson.treeToValue(document.payload(), type.get().javaType());
            return Optional.of(new EventEnvelope(document.eventId(), document.type(), document.revision(),
                    document.aggregateId(), document.sequence(), document.occurredAt(), payload));
        } catch (IOException | RuntimeException e) {
            log.warn("Event {} of type {} has a payload this release cannot read; left out of a point-in-time answer",
                    document.eventId(), document.type());
            return Optional.empty();
        }
    }
}
