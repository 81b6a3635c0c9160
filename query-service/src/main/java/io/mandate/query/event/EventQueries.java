package io.mandate.query.event;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.mandate.query.index.IndexReader;
import io.mandate.query.web.Paging;
import io.mandate.query.web.ResultPage;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

import static io.mandate.query.index.IndexReader.sortBy;

/** Reads timelines and revocations from {@code mandate-events}. */
@Component
class EventQueries {

    /** Every revocation grain: one grant, one token lineage, a client or a user watermark. */
    static final List<String> REVOCATION_TYPES = List.of("GrantRevoked", "TokenRevoked", "ClientRevoked", "UserRevoked");

    private final IndexReader reader;

    EventQueries(IndexReader reader) {
        this.reader = reader;
    }

    /** The events of one aggregate in the order they happened (sequence breaks timestamp ties). */
    ResultPage<EventDocument> timeline(String aggregateId, Paging paging) {
        return search(Query.of(q -> q.term(term -> term.field("aggregateId").value(aggregateId))), SortOrder.Asc,
                paging, "events");
    }

    private ResultPage<EventDocument> search(Query query, SortOrder order, Paging paging, String what) {
        return reader.page(EventsIndex.DEFINITION.alias(), query,
                List.of(sortBy("occurredAt", order), sortBy("sequence", order), sortBy("eventId", SortOrder.Asc)),
                paging, EventDocument.class, what);
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
