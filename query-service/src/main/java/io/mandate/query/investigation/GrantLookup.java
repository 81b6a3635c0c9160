package io.mandate.query.investigation;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.mandate.query.client.ClientDocument;
import io.mandate.query.client.ClientsIndex;
import io.mandate.query.grant.GrantDocument;
import io.mandate.query.grant.GrantsIndex;
import io.mandate.query.index.ElasticCalls;
import io.mandate.query.index.IndexReader;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The grants and clients the investigation views read, straight from their indices. */
@Component
class GrantLookup {

    /** At most this many grants per user or agent are read for a view; more is reported as incomplete. */
    static final int MAX_GRANTS = 1_000;

    private final ElasticsearchClient client;
    private final IndexReader reader;

    GrantLookup(ElasticsearchClient client, IndexReader reader) {
        this.client = client;
        this.reader = reader;
    }

    Optional<GrantDocument> grant(String grantId) {
        if (grantId == null) {
            return Optional.empty();
        }
        return reader.find(GrantsIndex.DEFINITION.alias(), grantId, GrantDocument.class, "grant")
                .filter(grant -> grant.createdAt() != null);
    }

    /** A client whose registration is known (a watermark alone does not make a client, as in GET /api/clients). */
    Optional<ClientDocument> client(String clientId) {
        return reader.find(ClientsIndex.DEFINITION.alias(), clientId, ClientDocument.class, "client")
                .filter(client -> client.status() != null);
    }

    /** Grants whose {@code field} ({@code userId} or {@code agentId}) is {@code value}, newest first. */
    Grants grantsBy(String field, String value) {
        SearchResponse<GrantDocument> response = ElasticCalls.read("grants", () -> client.search(search -> search
                .index(GrantsIndex.DEFINITION.alias())
                .query(q -> q.bool(bool -> bool
                        .filter(f -> f.term(term -> term.field(field).value(value)))
                        .filter(f -> f.exists(exists -> exists.field("createdAt")))))
                .sort(IndexReader.sortBy("createdAt", co.elastic.clients.elasticsearch._types.SortOrder.Desc),
                        IndexReader.sortBy("grantId", co.elastic.clients.elasticsearch._types.SortOrder.Asc))
                .size(MAX_GRANTS)
                .trackTotalHits(total -> total.enabled(true)), GrantDocument.class), null);
        if (response == null) {
            return new Grants(List.of(), 0);
        }
        return new Grants(response.hits().hits().stream().map(Hit::source).filter(Objects::nonNull).toList(),
                response.hits().total() == null ? 0 : response.hits().total().value());
    }

    /** Some grants and how many matched. */
    record Grants(List<GrantDocument> items, long total) {
        boolean isComplete() {
            return items.size() >= total;
        }
    }
}
