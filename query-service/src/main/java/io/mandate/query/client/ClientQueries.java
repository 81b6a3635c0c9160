package io.mandate.query.client;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.mandate.messages.grant.ClientKind;
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

/** Reads clients from {@code mandate-clients}. */
@Component
class ClientQueries {

    private final ElasticsearchClient client;

    ClientQueries(ElasticsearchClient client) {
        this.client = client;
    }

    /**
     * A real-time get. A document known only from a watermark (no registration read yet) is not
     * a client the API can show, so it counts as absent.
     */
    Optional<ClientDocument> find(String clientId) {
        try {
            GetResponse<ClientDocument> response = client.get(get -> get
                    .index(ClientsIndex.DEFINITION.alias()).id(clientId), ClientDocument.class);
            return response.found() ? Optional.ofNullable(response.source()).filter(c -> c.status() != null)
                    : Optional.empty();
        } catch (ElasticsearchException e) {
            if (ElasticsearchErrors.isMissingIndex(e)) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw new BackendUnavailableException("reading client failed: " + e.getMessage(), e);
        }
    }

    /** Newest registration first; the client id breaks ties so paging is stable. */
    ResultPage<ClientDocument> list(ClientKind kind, ClientStatus status, Paging paging) {
        List<Query> filters = new ArrayList<>();
        // Only documents with a status: those known from a watermark alone are not listed.
        filters.add(Query.of(q -> q.exists(exists -> exists.field("status"))));
        if (kind != null) {
            filters.add(Query.of(q -> q.term(term -> term.field("kind").value(kind.name()))));
        }
        if (status != null) {
            filters.add(Query.of(q -> q.term(term -> term.field("status").value(status.name()))));
        }
        try {
            SearchResponse<ClientDocument> response = client.search(search -> search
                    .index(ClientsIndex.DEFINITION.alias())
                    .query(query -> query.bool(bool -> bool.filter(filters)))
                    .sort(sort -> sort.field(field -> field.field("registeredAt").order(SortOrder.Desc)))
                    .sort(sort -> sort.field(field -> field.field("clientId").order(SortOrder.Asc)))
                    .from(paging.from())
                    .size(paging.size())
                    .trackTotalHits(total -> total.enabled(true)), ClientDocument.class);
            return new ResultPage<>(response.hits().hits().stream().map(Hit::source).filter(Objects::nonNull).toList(),
                    response.hits().total() == null ? 0 : response.hits().total().value());
        } catch (ElasticsearchException e) {
            if (ElasticsearchErrors.isMissingIndex(e)) {
                return ResultPage.empty();
            }
            throw e;
        } catch (IOException e) {
            throw new BackendUnavailableException("searching clients failed: " + e.getMessage(), e);
        }
    }
}
