package io.mandate.query.investigation;

import io.mandate.messages.grant.ClientKind;

import java.time.Instant;
import java.util.List;

/**
 * A user's delegation ledger: who acts for them, with what, since when, through which chains.
 *
 * @param revokedAt the user's revocation watermark, if any: everything acting for them issued at or before it is revoked
 * @param grants    the grants the user gave, newest first, with their status now
 * @param delegates every client that acts or may act for the user: each grant's agent, and every
 *                  client standing anywhere in a chain of the user's tokens (an MCP server, a second agent)
 */
public record UserLedger(String userId, Instant revokedAt, GrantStanding.Page grants, List<Delegate> delegates) {

    /**
     * One client acting for the user.
     *
     * @param kind          null when the client is not (yet) registered on the query side
     * @param grantIds      the user's grants held by this client as the grant's agent
     * @param grantedScopes the scopes of those grants: the most it may ever get
     * @param since         the earliest of those grants' creation and of its first token for the user
     * @param tokens        the user's tokens in whose chain it stands
     * @param tokenScopes   every scope those tokens carried: what it actually received
     * @param viaGrants     the grants those tokens derive from (at most 20)
     * @param chains        the chains (root jtis) those tokens belong to (at most 10, most tokens first); read one
     *                      with {@code GET /api/tokens/{jti}/chain}
     * @param lastExpiresAt after this instant none of those tokens is usable
     */
    public record Delegate(String clientId,
                           ClientKind kind,
                           String name,
                           List<String> grantIds,
                           List<String> grantedScopes,
                           Instant since,
                           long tokens,
                           List<String> tokenScopes,
                           List<String> viaGrants,
                           List<String> chains,
                           Instant lastIssuedAt,
                           Instant lastExpiresAt) {
    }
}
