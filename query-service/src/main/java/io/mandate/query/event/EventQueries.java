package io.mandate.query.event;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.mandate.query.index.ElasticsearchErrors;
import io.mandate.query.web.BackendUnavailableException;
import io.mandate.query.web.Paging;
import io.mandate.query.web.ResultPage;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.Objects;

/** Reads timelines from {@code mandate-events}. */
@Component
class EventQueries {

    private final ElasticsearchClient client;

    EventQueries(ElasticsearchClient client) {
        this.client = client;
    }

    /** The events of one aggregate in the order they happened (sequence breaks timestamp ties). */
    ResultPage<EventDocument> timeline(String aggregateId, Paging paging) {
        try {
            SearchResponse<EventDocument> response = client.search(search -> search
                    .index(EventsIndex.DEFINITION.alias())
                    .query(query -> query.term(term -> term.field("aggregateId").value(aggregateId)))
                    .sort(sort -> sort.field(field -> field.field("occurredAt").order(SortOrder.Asc)))
                    .sort(sort -> sort.field(field -> field.field("sequence").order(SortOrder.Asc)))
                    .from(paging.from())
                    .size(paging.size())
                    .trackTotalHits(total -> total.enabled(true)), EventDocument.class);
            return new ResultPage<>(response.hits().hits().stream().map(Hit::source).filter(Objects::nonNull).toList(),
                    response.hits().total() == null ? 0 : response.hits().total().value());
        } catch (ElasticsearchException e) {
            if (ElasticsearchErrors.isMissingIndex(e)) {
                return ResultPage.empty();
            }
            throw e;
        } catch (IOException e) {
            throw new BackendUnavailableException("searching events failed: " + e.getMessage(), e);
        }
    }
}
