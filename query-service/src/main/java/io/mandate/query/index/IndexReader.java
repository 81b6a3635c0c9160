package io.mandate.query.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.mandate.query.web.BackendUnavailableException;
import io.mandate.query.web.Paging;
import io.mandate.query.web.ResultPage;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The reads every feature's queries make of its alias, with one answer to failures: a missing
 * index is an empty answer (nothing indexed yet), an unreachable Elasticsearch a
 * {@link BackendUnavailableException}; any other Elasticsearch error propagates.
 */
@Component
public class IndexReader {

    private final ElasticsearchClient client;

    IndexReader(ElasticsearchClient client) {
        this.client = client;
    }

    /** A sort on one field, for {@link #page}. */
    public static SortOptions sortBy(String field, SortOrder order) {
        return SortOptions.of(sort -> sort.field(by -> by.field(field).order(order)));
    }

    /**
     * A real-time get by document id: readable as soon as indexed, before any refresh.
     *
     * @param what names the document in the failure message, e.g. {@code "grant"}
     */
    public <D> Optional<D> find(String alias, String id, Class<D> type, String what) {
        try {
            GetResponse<D> response = client.get(get -> get.index(alias).id(id), type);
            return response.found() ? Optional.ofNullable(response.source()) : Optional.empty();
        } catch (ElasticsearchException e) {
            if (ElasticsearchErrors.isMissingIndex(e)) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw new BackendUnavailableException("reading " + what + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * One page of the documents matching {@code query}, with the exact total (tracked, not capped
     * at 10,000) so a client can page on. {@code sort} should end in a unique field so that paging
     * is stable.
     *
     * @param what names the documents in the failure message, e.g. {@code "grants"}
     */
    public <D> ResultPage<D> page(String alias, Query query, List<SortOptions> sort, Paging paging, Class<D> type,
                                  String what) {
        try {
            SearchResponse<D> response = client.search(search -> search
                    .index(alias)
                    .query(query)
                    .sort(sort)
                    .from(paging.from())
                    .size(paging.size())
                    .trackTotalHits(total -> total.enabled(true)), type);
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
}
