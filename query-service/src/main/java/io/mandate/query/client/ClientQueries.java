package io.mandate.query.client;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.mandate.messages.grant.ClientKind;
import io.mandate.query.index.IndexReader;
import io.mandate.query.web.Paging;
import io.mandate.query.web.ResultPage;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.mandate.query.index.IndexReader.sortBy;

/** Reads clients from {@code mandate-clients}. */
@Component
class ClientQueries {

    private final IndexReader reader;

    ClientQueries(IndexReader reader) {
        this.reader = reader;
    }

    /**
     * A real-time get. A document known only from a watermark (no registration read yet) is not
     * a client the API can show, so it counts as absent.
     */
    Optional<ClientDocument> find(String clientId) {
        return reader.find(ClientsIndex.DEFINITION.alias(), clientId, ClientDocument.class, "client")
                .filter(c -> c.status() != null);
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
        return reader.page(ClientsIndex.DEFINITION.alias(), Query.of(q -> q.bool(bool -> bool.filter(filters))),
                List.of(sortBy("registeredAt", SortOrder.Desc), sortBy("clientId", SortOrder.Asc)),
                paging, ClientDocument.class, "clients");
    }
}
