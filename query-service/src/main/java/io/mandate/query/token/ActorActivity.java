package io.mandate.query.token;

import java.time.Instant;
import java.util.List;

/**
 * How one client appears in a user's tokens: an aggregation over {@code actors}, so it counts
 * every token in whose chain the client stands, whoever holds it.
 *
 * @param firstIssuedAt  the earliest such token: "acting for the user since"
 * @param lastExpiresAt  the latest expiry: after it, none of these tokens is usable
 * @param scopes         every scope those tokens carried
 * @param grantIds       the grants they derive from (at most 20)
 * @param chainIds       the chains (root jtis) they belong to (at most 10, most tokens first)
 */
public record ActorActivity(String clientId, long tokens, Instant firstIssuedAt, Instant lastIssuedAt,
                            Instant lastExpiresAt, List<String> scopes, List<String> grantIds, List<String> chainIds) {
}
