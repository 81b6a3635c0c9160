package io.mandate.query.investigation;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.mandate.query.event.EventsIndex;
import io.mandate.query.index.ElasticCalls;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/** Counts of a client's events by type: the summary of its timeline in one aggregation. */
@Component
class EventCounts {

    private final ElasticsearchClient client;

    EventCounts(ElasticsearchClient client) {
        this.client = client;
    }

    /**
     * Events naming the client as {@code clientId} (exchanges it made, its refusals, its lifecycle
     * and watermarks) or as {@code agentId} (its grants, their revocations), by type, most first.
     */
    Map<String, Long> byTypeForClient(String clientId) {
        SearchResponse<Void> response = ElasticCalls.read("events", () -> client.search(search -> search
                .index(EventsIndex.DEFINITION.alias()).size(0)
                .query(q -> q.bool(bool -> bool.minimumShouldMatch("1")
                        .should(s -> s.term(term -> term.field("clientId").value(clientId)))
                        .should(s -> s.term(term -> term.field("agentId").value(clientId)))))
                .aggregations("types", agg -> agg.terms(terms -> terms.field("type").size(50))), Void.class), null);
        Map<String, Long> counts = new LinkedHashMap<>();
        if (response != null) {
            response.aggregations().get("types").sterms().buckets().array()
                    .forEach(bucket -> counts.put(bucket.key().stringValue(), bucket.docCount()));
        }
        return counts;
    }
}
