package io.mandate.query.history;

import java.time.Instant;
import java.util.List;

/**
 * Who could act for whom at {@code at}, as the event history recorded it by then.
 *
 * @param user           the user asked about, or {@code null}
 * @param client         the agent asked about, or {@code null}
 * @param grants         the grants that stood at {@code at}, oldest first
 * @param eventsConsidered how many events recorded by {@code at} the answer was folded from
 */
public record AuthorityAnswer(Instant at, String user, String client, List<Authority> grants, int eventsConsidered) {

    public AuthorityAnswer {
        grants = List.copyOf(grants);
    }
}
