package io.mandate.issuer.revocation;

import io.mandate.issuer.projection.ClientView;
import io.mandate.issuer.projection.GrantStatus;
import io.mandate.issuer.projection.GrantView;
import io.mandate.issuer.projection.IssuerProjection;
import io.mandate.issuer.projection.Revocation;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.Jti;

import java.time.Instant;
import java.util.Optional;

/**
 * Decides whether an issued token still holds, from the issuer's projection and its token
 * lineage: the rule behind introspection (RFC 7662) and behind refusing a revoked subject token
 * in an exchange (RFC 8693 §2.2.2 {@code invalid_grant}).
 *
 * <p>A token is revoked when: it expired; its grant is unknown, revoked or expired (by event or
 * by clock); its grant was created at or before its user's or its agent's watermark; its
 * subject's watermark is at or after its {@code issuedAt}; the watermark of any client in its
 * actor chain is at or after its {@code issuedAt}; any client in the chain is suspended, deleted
 * or unknown; or the token or any of its ancestors (walking parent jtis) was revoked by jti.
 * Unknown grants and clients are refused rather than trusted: an issuer that has not yet seen
 * them cannot vouch for them.
 *
 * <p><b>Why O(chain depth).</b> Every question is a single hash-map lookup, whatever the number
 * of tokens, grants or revocations: one for the grant, two per grant party (user and agent
 * watermark), two per actor (client watermark and status), and one revoked-jti lookup plus one
 * lineage lookup per ancestor. The chain holds at most {@code DelegationPolicy.MAX_DEPTH_LIMIT}
 * actors and the lineage walk stops at the root, at the first ancestor no longer recorded, or
 * after {@link TokenLineage#MAX_LINEAGE_DEPTH} hops. That works because revocations wider than a
 * token are stored as watermarks (one instant per user and per client, compared with the token's
 * {@code issuedAt}) instead of being expanded into the set of tokens they cover, and because a
 * token revocation is found by walking up from the token checked rather than by pushing it down
 * to every descendant. Nothing scans issued tokens.
 */
public class RevocationState {

    private final IssuerProjection projection;
    private final TokenLineage lineage;

    public RevocationState(IssuerProjection projection, TokenLineage lineage) {
        this.projection = projection;
        this.lineage = lineage;
    }

    /** Remembers an issued token so that revoking it later also revokes what is exchanged from it. */
    public void recordIssued(TokenFacts token) {
        lineage.recordIssued(token);
    }

    public Verdict check(TokenFacts token, Instant now) {
        if (!now.isBefore(token.expiresAt())) {
            return Verdict.revoked(Grain.EXPIRED, "token expired at " + token.expiresAt());
        }
        Optional<GrantView> found = projection.findGrant(token.grantId());
        if (found.isEmpty()) {
            return Verdict.revoked(Grain.GRANT, "grant " + token.grantId() + " is unknown to this issuer");
        }
        GrantView grant = found.get();
        Verdict verdict = checkGrant(grant, now);
        if (verdict.isRevoked()) {
            return verdict;
        }
        verdict = checkWatermarks(token, grant);
        if (verdict.isRevoked()) {
            return verdict;
        }
        verdict = checkActorsActive(token);
        return verdict.isRevoked() ? verdict : checkLineage(token);
    }

    /**
     * Whether a grant still stands, before any token exists: not revoked or expired, and not
     * covered by its user's or its agent's watermark. What a first exchange is decided on.
     */
    public Verdict checkGrantStanding(GrantView grant, Instant now) {
        Verdict verdict = checkGrant(grant, now);
        if (verdict.isRevoked() || grant.createdAt() == null) {
            return grant.createdAt() == null && !verdict.isRevoked()
                    ? Verdict.revoked(Grain.GRANT, "grant " + grant.grantId() + " is not fully known to this issuer")
                    : verdict;
        }
        Optional<Revocation> user = projection.userWatermark(grant.userId());
        if (user.isPresent() && user.get().covers(grant.createdAt())) {
            return Verdict.revoked(Grain.USER, "grant " + grant.grantId() + " revoked with user " + grant.userId()
                    + " at " + user.get().revokedAt());
        }
        Optional<Revocation> agent = projection.clientWatermark(grant.agentId());
        if (agent.isPresent() && agent.get().covers(grant.createdAt())) {
            return Verdict.revoked(Grain.CLIENT, "grant " + grant.grantId() + " revoked with client " + grant.agentId()
                    + " at " + agent.get().revokedAt());
        }
        return Verdict.VALID;
    }

    private static Verdict checkGrant(GrantView grant, Instant now) {
        if (grant.status() == GrantStatus.REVOKED) {
            return Verdict.revoked(Grain.GRANT, "grant " + grant.grantId() + " revoked at " + grant.endedAt());
        }
        if (grant.status() == GrantStatus.EXPIRED) {
            return Verdict.revoked(Grain.EXPIRED, "grant " + grant.grantId() + " expired at " + grant.endedAt());
        }
        if (grant.expiresAt() != null && !now.isBefore(grant.expiresAt())) {
            return Verdict.revoked(Grain.EXPIRED, "grant " + grant.grantId() + " expired at " + grant.expiresAt());
        }
        return Verdict.VALID;
    }

    private Verdict checkWatermarks(TokenFacts token, GrantView grant) {
        Optional<Revocation> user = projection.userWatermark(token.userId());
        if (user.isPresent() && user.get().covers(token.issuedAt())) {
            return Verdict.revoked(Grain.USER, "user " + token.userId() + " revoked at " + user.get().revokedAt());
        }
        // The watermarks cover grants too ("every grant the user gave", "every grant it holds"),
        // and are authoritative before the command side's cascade of GrantRevoked events arrives.
        if (grant.createdAt() != null) {
            Optional<Revocation> grantUser = projection.userWatermark(grant.userId());
            if (grantUser.isPresent() && grantUser.get().covers(grant.createdAt())) {
                return Verdict.revoked(Grain.USER, "grant " + grant.grantId() + " revoked with user "
                        + grant.userId() + " at " + grantUser.get().revokedAt());
            }
            Optional<Revocation> agent = projection.clientWatermark(grant.agentId());
            if (agent.isPresent() && agent.get().covers(grant.createdAt())) {
                return Verdict.revoked(Grain.CLIENT, "grant " + grant.grantId() + " revoked with client "
                        + grant.agentId() + " at " + agent.get().revokedAt());
            }
        }
        for (ClientId actor : token.actorChain()) {
            Optional<Revocation> client = projection.clientWatermark(actor);
            if (client.isPresent() && client.get().covers(token.issuedAt())) {
                return Verdict.revoked(Grain.CLIENT, "client " + actor + " revoked at " + client.get().revokedAt());
            }
        }
        return Verdict.VALID;
    }

    private Verdict checkActorsActive(TokenFacts token) {
        for (ClientId actor : token.actorChain()) {
            Optional<ClientView> client = projection.findClient(actor);
            if (client.isEmpty()) {
                return Verdict.revoked(Grain.SUSPENDED, "client " + actor + " is unknown to this issuer");
            }
            if (!client.get().isActive()) {
                return Verdict.revoked(Grain.SUSPENDED, "client " + actor + " is " + client.get().status());
            }
        }
        return Verdict.VALID;
    }

    private Verdict checkLineage(TokenFacts token) {
        Optional<Revocation> own = projection.tokenRevocation(token.jti());
        if (own.isPresent()) {
            return Verdict.revoked(Grain.TOKEN, "token " + token.jti() + " revoked at " + own.get().revokedAt());
        }
        for (Jti carried : token.lineage()) {
            Optional<Revocation> revoked = projection.tokenRevocation(carried);
            if (revoked.isPresent()) {
                return Verdict.revoked(Grain.TOKEN, "ancestor token " + carried + " revoked at "
                        + revoked.get().revokedAt());
            }
        }
        // Tokens carry their whole lineage; the walk covers facts given without one.
        Jti ancestor = token.lineage().isEmpty() ? token.parentJti() : null;
        for (int hops = 0; ancestor != null && hops < TokenLineage.MAX_LINEAGE_DEPTH; hops++) {
            Optional<Revocation> revoked = projection.tokenRevocation(ancestor);
            if (revoked.isPresent()) {
                return Verdict.revoked(Grain.TOKEN, "ancestor token " + ancestor + " revoked at "
                        + revoked.get().revokedAt());
            }
            TokenLineage.Link link = lineage.find(ancestor);
            ancestor = link == null ? null : link.parentJti();
        }
        return Verdict.VALID;
    }
}
