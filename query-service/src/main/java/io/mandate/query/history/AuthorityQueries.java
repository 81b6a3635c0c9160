package io.mandate.query.history;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.wire.EventEnvelope;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Answers "who could act for whom at T" in two reads of the event history: the grant events of the
 * user and/or agent asked about, then the client and user events that can bar those grants
 * (suspensions, deletions, revocation watermarks) for the agents and users they name.
 */
@Component
class AuthorityQueries {

    static final List<String> GRANT_TYPES = List.of("GrantCreated", "GrantRevoked", "GrantExpired");
    static final List<String> CLIENT_TYPES = List.of("ClientSuspended", "ClientReinstated", "ClientDeleted", "ClientRevoked");
    /** Bounds one {@code terms} filter; larger id sets are read in several requests. */
    private static final int IDS_PER_READ = 1_000;

    private final EventHistory history;

    AuthorityQueries(EventHistory history) {
        this.history = history;
    }

    AuthorityAnswer at(Instant at, String user, String client) {
        List<Query> grantFilter = new ArrayList<>();
        grantFilter.add(terms("type", GRANT_TYPES));
        if (user != null) {
            grantFilter.add(Query.of(q -> q.term(term -> term.field("userId").value(user))));
        }
        if (client != null) {
            grantFilter.add(Query.of(q -> q.term(term -> term.field("agentId").value(client))));
        }
        List<EventEnvelope> events = new ArrayList<>(history.upTo(at,
                Query.of(q -> q.bool(bool -> bool.filter(grantFilter)))));
        Set<String> agents = new LinkedHashSet<>();
        Set<String> users = new LinkedHashSet<>();
        for (EventEnvelope event : events) {
            if (event.payload() instanceof GrantCreated created) {
                agents.add(created.agentId().value());
                users.add(created.userId().value());
            }
        }
        for (List<String> chunk : chunks(agents)) {
            events.addAll(history.upTo(at, Query.of(q -> q.bool(bool -> bool
                    .filter(terms("type", CLIENT_TYPES)).filter(terms("clientId", chunk))))));
        }
        for (List<String> chunk : chunks(users)) {
            events.addAll(history.upTo(at, Query.of(q -> q.bool(bool -> bool
                    .filter(terms("type", List.of("UserRevoked"))).filter(terms("userId", chunk))))));
        }
        return new AuthorityAnswer(at, user, client, AuthorityFold.at(at, events), events.size());
    }

    private static List<List<String>> chunks(Set<String> ids) {
        List<String> all = List.copyOf(ids);
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IDS_PER_READ) {
            chunks.add(all.subList(i, Math.min(all.size(), i + IDS_PER_READ)));
        }
        return chunks;
    }

    private static Query terms(String field, List<String> values) {
        return Query.of(q -> q.terms(terms -> terms.field(field)
                .terms(list -> list.value(values.stream().map(FieldValue::of).toList()))));
    }
}
