package io.mandate.query.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mandate.query.event.EventOutcome;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What an event search asks for, validated and in a canonical form (lists sorted, no duplicates),
 * so the filters a cursor was made for can be compared with the ones sent beside it. Within one
 * filter the values are alternatives (any of them); different filters must all match.
 *
 * @param user     the user the event concerns ({@code userId})
 * @param client   a client anywhere in the event: {@code clientId}, the grant's {@code agentId}, or any
 *                 actor of an issued token's chain
 * @param audience the resource granted or issued for, or asked for in a refusal
 * @param scopes   scopes granted or issued, or asked for in a refusal
 * @param types    event types from the catalogue
 * @param outcomes see {@link EventOutcome}
 * @param from     inclusive lower bound of {@code occurredAt}
 * @param to       exclusive upper bound of {@code occurredAt}
 * @param newestFirst the order of the results ({@code occurredAt}, then {@code eventId})
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record EventFilters(String user,
                    String client,
                    String audience,
                    List<String> scopes,
                    List<String> types,
                    List<EventOutcome> outcomes,
                    Instant from,
                    Instant to,
                    boolean newestFirst) {

    EventFilters {
        scopes = canonical(scopes);
        types = canonical(types);
        outcomes = outcomes == null ? List.of() : outcomes.stream().filter(Objects::nonNull).distinct().sorted().toList();
    }

    private static List<String> canonical(List<String> values) {
        return values == null ? List.of() : values.stream().filter(Objects::nonNull).distinct().sorted().toList();
    }
}
