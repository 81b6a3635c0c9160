package io.mandate.query.grant;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.mandate.query.index.IndexReader;
import io.mandate.query.web.Paging;
import io.mandate.query.web.ResultPage;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.mandate.query.index.IndexReader.sortBy;

/** Reads grants from {@code mandate-grants}. */
@Component
class GrantQueries {

    private final IndexReader reader;

    GrantQueries(IndexReader reader) {
        this.reader = reader;
    }

    /** A real-time get: a grant is readable by id as soon as it is indexed, before any refresh. */
    Optional<GrantDocument> find(String grantId) {
        return reader.find(GrantsIndex.DEFINITION.alias(), grantId, GrantDocument.class, "grant");
    }

    /** Newest first; the grant id breaks ties so paging is stable. */
    ResultPage<GrantDocument> list(String userId, String agentId, Paging paging) {
        List<Query> filters = new ArrayList<>();
        if (userId != null) {
            filters.add(Query.of(q -> q.term(term -> term.field("userId").value(userId))));
        }
        if (agentId != null) {
            filters.add(Query.of(q -> q.term(term -> term.field("agentId").value(agentId))));
        }
        return reader.page(GrantsIndex.DEFINITION.alias(), Query.of(q -> q.bool(bool -> bool.filter(filters))),
                List.of(sortBy("createdAt", SortOrder.Desc), sortBy("grantId", SortOrder.Asc)),
                paging, GrantDocument.class, "grants");
    }
}
