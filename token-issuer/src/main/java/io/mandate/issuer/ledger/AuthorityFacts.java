package io.mandate.issuer.ledger;

import io.mandate.messages.MandateEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The revocation and lifecycle events the store holds for a set of aggregates, each stream in
 * sequence order: what {@link AuthorityRules} judges from.
 */
final class AuthorityFacts {

    static final AuthorityFacts NONE = new AuthorityFacts(Map.of());

    /** One stored event of a stream. */
    record Stored(String aggregateId, long sequence, MandateEvent event) {
    }

    private final Map<String, List<Stored>> byAggregate;

    private AuthorityFacts(Map<String, List<Stored>> byAggregate) {
        this.byAggregate = byAggregate;
    }

    static AuthorityFacts of(List<Stored> events) {
        Map<String, List<Stored>> byAggregate = new HashMap<>();
        for (Stored stored : events) {
            byAggregate.computeIfAbsent(stored.aggregateId(), id -> new ArrayList<>()).add(stored);
        }
        byAggregate.values().forEach(stream -> stream.sort(Comparator.comparingLong(Stored::sequence)));
        return new AuthorityFacts(byAggregate);
    }

    /** The stream's events of one type, in sequence order. */
    <T extends MandateEvent> List<T> events(String aggregateId, Class<T> type) {
        List<T> found = new ArrayList<>();
        for (Stored stored : byAggregate.getOrDefault(aggregateId, List.of())) {
            if (type.isInstance(stored.event())) {
                found.add(type.cast(stored.event()));
            }
        }
        return found;
    }

    /** The stream's last event among the given types (highest sequence), or null. */
    MandateEvent latest(String aggregateId, List<Class<? extends MandateEvent>> types) {
        MandateEvent latest = null;
        for (Stored stored : byAggregate.getOrDefault(aggregateId, List.of())) {
            if (types.stream().anyMatch(type -> type.isInstance(stored.event()))) {
                latest = stored.event();
            }
        }
        return latest;
    }
}
