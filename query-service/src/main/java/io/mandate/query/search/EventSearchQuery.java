package io.mandate.query.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.mandate.query.event.EventOutcome;

import java.util.ArrayList;
import java.util.List;

import static io.mandate.query.index.IndexReader.sortBy;

/** Turns {@link EventFilters} into the Elasticsearch query and sort of {@code mandate-events}: plain term filters. */
final class EventSearchQuery {

    private EventSearchQuery() {
    }

    static Query of(EventFilters filters) {
        List<Query> must = new ArrayList<>();
        if (filters.user() != null) {
            must.add(term("userId", filters.user()));
        }
        if (filters.client() != null) {
            must.add(anyField(filters.client(), "clientId", "agentId", "actorChain"));
        }
        if (filters.audience() != null) {
            must.add(anyField(filters.audience(), "audience", "requestedAudience"));
        }
        if (!filters.scopes().isEmpty()) {
            must.add(anyOf(List.of("scopes", "requestedScopes"), filters.scopes()));
        }
        if (!filters.types().isEmpty()) {
            must.add(terms("type", filters.types()));
        }
        if (!filters.outcomes().isEmpty()) {
            must.add(outcomes(filters.outcomes()));
        }
        if (filters.from() != null || filters.to() != null) {
            must.add(Query.of(q -> q.range(range -> range.date(date -> {
                date.field("occurredAt");
                if (filters.from() != null) {
                    date.gte(filters.from().toString());
                }
                if (filters.to() != null) {
                    date.lt(filters.to().toString());
                }
                return date;
            }))));
        }
        return Query.of(q -> q.bool(bool -> bool.filter(must)));
    }

    /** {@code occurredAt}, then the unique {@code eventId}: a total order, so search_after never skips or repeats. */
    static List<SortOptions> sort(EventFilters filters) {
        SortOrder order = filters.newestFirst() ? SortOrder.Desc : SortOrder.Asc;
        return List.of(sortBy("occurredAt", order), sortBy("eventId", order));
    }

    /**
     * The {@code outcome} field, or the event types of each outcome: events indexed before the field
     * existed carry no {@code outcome}, and the type says the same thing. {@code lifecycle} is every
     * type that is none of the others.
     */
    private static Query outcomes(List<EventOutcome> outcomes) {
        List<Query> any = new ArrayList<>();
        any.add(terms("outcome", outcomes.stream().map(EventOutcome::value).toList()));
        for (EventOutcome outcome : outcomes) {
            if (outcome == EventOutcome.LIFECYCLE) {
                List<String> others = new ArrayList<>();
                for (EventOutcome other : EventOutcome.values()) {
                    others.addAll(other.types());
                }
                any.add(Query.of(q -> q.bool(bool -> bool.mustNot(terms("type", others))
                        .mustNot(Query.of(n -> n.exists(e -> e.field("outcome")))))));
            } else {
                any.add(terms("type", outcome.types()));
            }
        }
        return Query.of(q -> q.bool(bool -> bool.should(any).minimumShouldMatch("1")));
    }

    private static Query anyField(String value, String... fields) {
        List<Query> any = new ArrayList<>();
        for (String field : fields) {
            any.add(term(field, value));
        }
        return Query.of(q -> q.bool(bool -> bool.should(any).minimumShouldMatch("1")));
    }

    private static Query anyOf(List<String> fields, List<String> values) {
        List<Query> any = fields.stream().map(field -> terms(field, values)).toList();
        return Query.of(q -> q.bool(bool -> bool.should(any).minimumShouldMatch("1")));
    }

    private static Query term(String field, String value) {
        return Query.of(q -> q.term(term -> term.field(field).value(value)));
    }

    private static Query terms(String field, List<String> values) {
        return Query.of(q -> q.terms(terms -> terms.field(field)
                .terms(list -> list.value(values.stream().map(FieldValue::of).toList()))));
    }
}
