package io.mandate.query.event;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.mandate.query.index.ElasticsearchErrors;
import io.mandate.query.web.BackendUnavailableException;
import io.mandate.query.web.Paging;
import io.mandate.query.web.ResultPage;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Reads timelines and revocations from {@code mandate-events}. */
@Component
class EventQueries {

    /** Every revocation grain: one grant, one token lineage, a client or a user watermark. */
    static final List<String> REVOCATION_TYPES = List.of("GrantRevoked", "TokenRevoked", "ClientRevoked", "UserRevoked");

    private final ElasticsearchClient client;

    EventQueries(ElasticsearchClient client) {
        this.client = client;
    }

    /** The events of one aggregate in the order they happened (sequence breaks timestamp ties). */
    ResultPage<EventDocument> timeline(String aggregateId, Paging paging) {
        return search(Query.of(q -> q.term(term -> term.field("aggregateId").value(aggregateId))), SortOrder.Asc,
                paging, "events");
    }

    private ResultPage<EventDocument> search(Query query, SortOrder order, Paging paging, String what) {
        try {
            SearchResponse<EventDocument> response = client.search(search -> search
                    .index(EventsIndex.DEFINITION.alias())
                    .query(query)
                    .sort(sort -> sort.field(field -> field.field("occurredAt").order(order)))
                    .sort(sort -> sort.field(field -> field.field("sequence").order(order)))
                    .sort(sort -> sort.field(field -> field.field("eventId").order(SortOrder.Asc)))
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
            throw new BackendUnavailableException("searching " + what + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Revocation events, newest first. {@code clientId} matches a client watermark and a grant
     * revoked for that agent; {@code userId} a user watermark and the user's revoked grants.
     */
    ResultPage<EventDocument> revocations(String clientId, String userId, Paging paging) {
        List<Query> filters = new ArrayList<>();
        filters.add(Query.of(q -> q.terms(terms -> terms.field("type")
                .terms(values -> values.value(REVOCATION_TYPES.stream().map(FieldValue::of).toList())))));
        if (clientId != null) {
            filters.add(Query.of(q -> q.bool(bool -> bool.minimumShouldMatch("1")
                    .should(should -> should.term(term -> term.field("clientId").value(clientId)))
                    .should(should -> should.term(term -> term.field("agentId").value(clientId))))));
        }
        if (userId != null) {
            filters.add(Query.of(q -> q.term(term -> term.field("userId").value(userId))));
        }
        return search(Query.of(q -> q.bool(bool -> bool.filter(filters))), SortOrder.Desc, paging, "revocations");
    }
}
