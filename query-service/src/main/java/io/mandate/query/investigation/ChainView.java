package io.mandate.query.investigation;

import io.mandate.query.grant.GrantDocument;
import io.mandate.query.token.Standing;
import io.mandate.query.token.TokenKind;

import java.time.Instant;
import java.util.List;

/**
 * A token's delegation chain: the grant and the user on top, then every hop from the chain's
 * first token down to the requested token, then every token exchanged from it.
 *
 * @param missingAncestors  lineage jtis the query side has no token for (not indexed, or older than the index)
 * @param descendantsTotal  how many descendants exist; more than listed when {@code descendantsComplete} is false
 */
public record ChainView(String jti,
                        GrantView grant,
                        UserView user,
                        List<Hop> hops,
                        List<String> missingAncestors,
                        long descendantsTotal,
                        boolean descendantsComplete) {

    /** Where a hop stands relative to the requested token. */
    public enum Relation { ANCESTOR, SELF, DESCENDANT }

    /** The grant every token of the chain derives from, with its status now (watermarks included). */
    public record GrantView(GrantDocument grant, Standing standing) {
    }

    /** The user the chain acts for, and their revocation watermark if any. */
    public record UserView(String userId, Instant revokedAt) {
    }

    /**
     * One token of the chain.
     *
     * @param scopeWithinParent whether its scopes lie within its parent's (the grant's, for the
     *                          chain's first token); null when that parent is not known here
     * @param comparedWith      {@code parent} or {@code grant}: what {@code scopeWithinParent} compared with
     * @param narrowedScopes    scopes the parent had and this hop does not (parent minus child)
     * @param exceedingScopes   scopes this hop has and its parent did not (always empty when the rule held)
     */
    public record Hop(String jti,
                      Relation relation,
                      TokenKind kind,
                      String parentJti,
                      int depth,
                      String holder,
                      List<String> actorChain,
                      String audience,
                      List<String> scopes,
                      Boolean scopeWithinParent,
                      String comparedWith,
                      List<String> narrowedScopes,
                      List<String> exceedingScopes,
                      Instant issuedAt,
                      Instant expiresAt,
                      Standing standing) {
    }
}
