package io.mandate.query.action;

import java.time.Instant;

/**
 * What the command-service answered for a forwarded revocation.
 *
 * @param event       the event this request wrote ({@code GrantRevoked}, {@code ClientRevoked}, ...), or null
 *                    when the revocation was in force already and nothing was written
 * @param aggregateId where the revocation is recorded: {@code client:<id>}, {@code user:<id>},
 *                    {@code token:<jti>}, or the grant id
 * @param at          the revocation instant, which is the watermark for clients and users
 * @param status      for a grant: REVOKED, or EXPIRED when it had expired before; null otherwise
 */
public record Recorded(String event, String aggregateId, Instant at, String by, String reason, String status) {

    boolean written() {
        return event != null;
    }
}
