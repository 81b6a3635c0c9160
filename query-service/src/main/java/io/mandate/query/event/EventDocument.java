package io.mandate.query.event;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * One event in the {@code mandate-events} index (document id = eventId): the envelope, the
 * payload's searchable fields flattened (absent when the event has none), and the payload itself,
 * stored but not indexed, so a timeline shows exactly what was published.
 *
 * @param actor  the principal who caused the event (createdBy, revokedBy, suspendedBy, ...; for the
 *               token endpoint's events, the client that asked)
 * @param reason the reason an administrator or responder gave, or a refusal's machine-readable reason;
 *               full-text searchable
 * @param keyId  the signing key: of a key lifecycle event, or the one that signed an issued token
 * @param outcome what the event meant for access ({@link EventOutcome}), derived from its type
 * @param actorChain every client of an issued token's actor chain, holder first (token exchanges only)
 * @param requestedScopes   the scopes a refused request asked for
 * @param requestedAudience the audience a refused request asked for
 */
public record EventDocument(String eventId,
                            String type,
                            int revision,
                            String aggregateId,
                            long sequence,
                            Instant occurredAt,
                            String grantId,
                            String userId,
                            String agentId,
                            String clientId,
                            String audience,
                            List<String> scopes,
                            String jti,
                            String keyId,
                            String actor,
                            String reason,
                            JsonNode payload,
                            EventOutcome outcome,
                            List<String> actorChain,
                            List<String> requestedScopes,
                            String requestedAudience) {
}
