package io.mandate.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.mandate.query.event.EventDocument;
import io.mandate.query.event.EventsIndex;
import io.mandate.query.index.ElasticsearchErrors;
import io.mandate.query.web.BackendUnavailableException;
import io.mandate.query.web.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Reads {@code mandate-events} page after page through one point in time (PIT) with
 * {@code search_after}: every page sees the index as it was when the search began, so events indexed
 * meanwhile neither shift nor repeat results, and depth is unbounded (no 10,000-result window).
 * The PIT is closed when the last page has been read, and otherwise expires after the keep-alive.
 */
@Component
class EventSearch {

    static final int MAX_SIZE = 500;
    private static final Logger log = LoggerFactory.getLogger(EventSearch.class);

    private final ElasticsearchClient client;
    private final SearchProperties properties;

    EventSearch(ElasticsearchClient client, SearchProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    /** The first page: opens a point in time over the events alias. */
    SearchPage first(EventFilters filters, int size) {
        String pit;
        try {
            pit = client.openPointInTime(open -> open.index(EventsIndex.DEFINITION.alias())
                    .keepAlive(time -> time.time(properties.keepAliveAsTime()))).id();
        } catch (ElasticsearchException e) {
            if (ElasticsearchErrors.isMissingIndex(e)) {
                return new SearchPage(List.of(), 0, null); // nothing indexed yet
            }
            throw e;
        } catch (IOException e) {
            throw new BackendUnavailableException("opening a point in time failed: " + e.getMessage(), e);
        }
        return page(pit, null, filters, size);
    }

    /** A following page, from where the cursor's page ended. */
    SearchPage next(SearchCursor cursor, int size) {
        return page(cursor.pit(), cursor, cursor.filters(), size);
    }

    private SearchPage page(String pit, SearchCursor after, EventFilters filters, int size) {
        SearchResponse<EventDocument> response;
        try {
            response = client.search(search -> {
                search.pit(p -> p.id(pit).keepAlive(time -> time.time(properties.keepAliveAsTime())))
                        .query(EventSearchQuery.of(filters))
                        .sort(EventSearchQuery.sort(filters))
                        .size(size)
                        .trackTotalHits(total -> total.enabled(true));
                if (after != null) {
                    search.searchAfter(FieldValue.of(after.afterOccurredAt()), FieldValue.of(after.afterEventId()));
                }
                return search;
            }, EventDocument.class);
        } catch (ElasticsearchException e) {
            if (after != null && e.status() >= 400 && e.status() < 500) {
                // The PIT expired (404) or the cursor's values were refused (400): the caller starts over.
                throw new InvalidParameterException(SearchCursor.PARAMETER,
                        "has expired or is no longer valid; start the search again without it");
            }
            throw e;
        } catch (IOException e) {
            throw new BackendUnavailableException("searching events failed: " + e.getMessage(), e);
        }
        List<Hit<EventDocument>> hits = response.hits().hits();
        long total = response.hits().total() == null ? hits.size() : response.hits().total().value();
        // Elasticsearch may hand back a new PIT id; the next page must use it.
        String nextPit = response.pitId() == null ? pit : response.pitId();
        if (hits.size() < size) {
            close(nextPit);
            return new SearchPage(sources(hits), total, null);
        }
        List<FieldValue> last = hits.get(hits.size() - 1).sort();
        SearchCursor cursor = new SearchCursor(nextPit, last.get(0).longValue(), last.get(1).stringValue(), filters);
        return new SearchPage(sources(hits), total, cursor.encode());
    }

    private static List<EventDocument> sources(List<Hit<EventDocument>> hits) {
        return hits.stream().map(Hit::source).filter(Objects::nonNull).toList();
    }

    /** Frees the search context now rather than at the keep-alive's end; failing to is harmless. */
    private void close(String pit) {
        try {
            client.closePointInTime(close -> close.id(pit));
        } catch (IOException | ElasticsearchException e) {
            log.debug("Closing a point in time failed ({}); it expires by itself", e.getMessage());
        }
    }
}
