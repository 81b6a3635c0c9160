package io.mandate.query.action;

import io.mandate.query.investigation.BlastRadius;
import io.mandate.query.investigation.Target;

import java.time.Instant;
import java.util.List;

/**
 * The answer to a one-click revocation.
 *
 * @param blastRadius   what it cut, computed just before it was forwarded
 * @param events        the event(s) the command-service wrote for it; empty when the revocation was in
 *                      force already (then {@code inForce} says since when and by whom)
 * @param effective     true once every token-issuer and the query side showed it in force
 * @param waitedMs      how long the call waited for that
 * @param confirmations per issuer (by URL) and for the query side: confirmed, or what it last answered
 */
public record ActionResult(Target target,
                           BlastRadius blastRadius,
                           List<RecordedEvent> events,
                           Recorded inForce,
                           boolean effective,
                           long waitedMs,
                           List<Confirmation> confirmations) {

    /**
     * One event written by the revocation.
     *
     * @param eventId the event's id once the query side has indexed it (null if it had not yet)
     * @param by      the principal recorded as {@code revokedBy}: the query-service's service credential;
     *                the responder who acted is named in {@code reason}
     */
    public record RecordedEvent(String type, String aggregateId, String eventId, Instant at, String by, String reason) {
    }
}
