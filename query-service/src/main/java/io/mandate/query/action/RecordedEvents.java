package io.mandate.query.action;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import io.mandate.query.event.EventsIndex;
import io.mandate.query.index.ElasticCalls;
import io.mandate.query.index.IndexReader;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Finds the indexed event a forwarded revocation wrote, to answer with its event id. */
@Component
class RecordedEvents {

    private final ElasticsearchClient client;

    RecordedEvents(ElasticsearchClient client) {
        this.client = client;
    }

    /** The latest event of this type on this aggregate whose {@code revokedAt} is the recorded instant (not yet indexed: empty). */
    Optional<String> eventId(Recorded recorded) {
        SearchResponse<JsonNode> response = ElasticCalls.read("events", () -> client.search(search -> search
                .index(EventsIndex.DEFINITION.alias())
                .query(q -> q.bool(bool -> bool
                        .filter(f -> f.term(term -> term.field("aggregateId").value(recorded.aggregateId())))
                        .filter(f -> f.term(term -> term.field("type").value(recorded.event())))))
                .sort(IndexReader.sortBy("occurredAt", SortOrder.Desc))
                .source(source -> source.filter(filter -> filter.includes("eventId", "payload.revokedAt")))
                .size(20), JsonNode.class), null);
        if (response == null) {
            return Optional.empty();
        }
        return response.hits().hits().stream().map(Hit::source)
                .filter(source -> source != null && (recorded.at() == null || sameInstant(recorded, source)))
                .map(source -> source.path("eventId").asText())
                .findFirst();
    }

    /** Compared as instants: the command-service and the event may render the same instant differently. */
    private static boolean sameInstant(Recorded recorded, JsonNode source) {
        try {
            return recorded.at().equals(Instant.parse(source.path("payload").path("revokedAt").asText()));
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
