package io.mandate.command.revocation;

import io.mandate.messages.revocation.RevocationEvent;
import io.mandate.messages.wire.EventCatalog;

import java.time.Instant;

/**
 * The answer to a revoke: the revocation in force for what was named.
 *
 * @param revoked   what is revoked, as the event's aggregate id ({@code token:<jti>}, {@code client:<id>}, {@code user:<id>})
 * @param revokedAt the watermark (client, user) or the instant of revocation (token)
 * @param event     the event this request wrote, or null when it wrote none (the revocation was in force already)
 */
record RevocationView(String revoked, Instant revokedAt, String revokedBy, String reason, String event) {

    static RevocationView of(RevocationOutcome outcome) {
        RevocationEvent revocation = outcome.revocation();
        return new RevocationView(revocation.aggregateId(), revocation.revokedAt(), revocation.revokedBy(),
                revocation.reason(), outcome.written() ? EventCatalog.of(revocation).name() : null);
    }
}
