package io.mandate.query.grant;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.GetResponse;
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
import java.util.Optional;

/** Reads grants from {@code mandate-grants}. */
@Component
class GrantQueries {

    private final ElasticsearchClient client;

    GrantQueries(ElasticsearchClient client) {
        this.client = client;
    }

    /** A real-time get: a grant is readable by id as soon as it is indexed, before any refresh. */
    Optional<GrantDocument> find(String grantId) {
        try {
            GetResponse<GrantDocument> response = client.get(get -> get
                    .index(GrantsIndex.DEFINITION.alias()).id(grantId), GrantDocument.class);
            return response.found() ? Optional.ofNullable(response.source()) : Optional.empty();
        } catch (ElasticsearchException e) {
            if (ElasticsearchErrors.isMissingIndex(e)) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw new BackendUnavailableException("reading grant failed: " + e.getMessage(), e);
        }
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
        try {
            SearchResponse<GrantDocument> response = client.search(search -> search
                    .index(GrantsIndex.DEFINITION.alias())
                    .query(query -> query.bool(bool -> bool.filter(filters)))
                    .sort(sort -> sort.field(field -> field.field("createdAt").order(SortOrder.Desc)))
                    .sort(sort -> sort.field(field -> field.field("grantId").order(SortOrder.Asc)))
                    .from(paging.from())
                    .size(paging.size())
                    .trackTotalHits(total -> total.enabled(true)), GrantDocument.class);
            return new ResultPage<>(response.hits().hits().stream().map(Hit::source).filter(Objects::nonNull).toList(),
                    response.hits().total() == null ? 0 : response.hits().total().value());
        } catch (ElasticsearchException e) {
            if (ElasticsearchErrors.isMissingIndex(e)) {
                return ResultPage.empty();
            }
            throw e;
        } catch (IOException e) {
            throw new BackendUnavailableException("searching grants failed: " + e.getMessage(), e);
        }
    }
}
