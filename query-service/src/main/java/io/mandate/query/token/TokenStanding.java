package io.mandate.query.token;

import io.mandate.query.client.ClientDocument;
import io.mandate.query.client.ClientStatus;
import io.mandate.query.grant.GrantDocument;
import io.mandate.query.grant.GrantStatus;
import io.mandate.query.token.Standing.Finding;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one place the query side decides whether a token or a grant still stands, computed when
 * read from the indexed facts rather than cascaded onto token documents by writes. It mirrors the
 * token-issuer's revocation decision (docs/events.md, "Revocation decision";
 * {@code io.mandate.issuer.revocation.RevocationState} and, for client-credentials tokens,
 * {@code TokenStatus}):
 *
 * <ul>
 *   <li>EXPIRED — {@code now >= expiresAt}, or the grant expired (by event or by its {@code expiresAt});</li>
 *   <li>GRANT — the grant is revoked;</li>
 *   <li>USER — the subject's watermark {@code >= issuedAt}, or the grant's user's watermark {@code >=} the grant's {@code createdAt};</li>
 *   <li>CLIENT — any actor's watermark {@code >= issuedAt}, or the grant's agent's watermark {@code >=} the grant's {@code createdAt};</li>
 *   <li>SUSPENDED — any actor is suspended or deleted;</li>
 *   <li>TOKEN — the jti or any lineage jti has a {@code TokenRevoked}.</li>
 * </ul>
 *
 * <p>Two deliberate differences, because this is an investigator's view and not a gate: every
 * applicable finding is reported (not only the first), and a grant or client the query side has
 * not indexed counts as "no fact" rather than as a refusal (the issuer refuses what it does not
 * know; here that would only mean the projection lags). Watermarks are inclusive, as in the issuer.
 */
public final class TokenStanding {

    private TokenStanding() {
    }

    public static Standing of(TokenDocument token, StandingFacts facts, Instant now) {
        List<Finding> findings = new ArrayList<>();
        if (!now.isBefore(token.expiresAt())) {
            findings.add(new Finding(Grain.EXPIRED, "token expired at " + token.expiresAt(), token.expiresAt()));
        }
        if (token.kind() == TokenKind.EXCHANGED) {
            facts.grant(token.grantId()).ifPresent(grant -> findings.addAll(grantFindings(grant, facts, now)));
            facts.userWatermark(token.userId()).filter(mark -> covers(mark, token.issuedAt())).ifPresent(mark ->
                    findings.add(new Finding(Grain.USER, "user " + token.userId() + " revoked at " + mark, mark)));
        }
        Set<String> actors = new LinkedHashSet<>(token.actorChain());
        actors.add(token.holder());
        for (String actor : actors) {
            facts.clientWatermark(actor).filter(mark -> covers(mark, token.issuedAt())).ifPresent(mark ->
                    findings.add(new Finding(Grain.CLIENT, "client " + actor + " revoked at " + mark, mark)));
        }
        for (String actor : actors) {
            facts.client(actor).filter(TokenStanding::isHeldBack).ifPresent(client -> findings.add(new Finding(
                    Grain.SUSPENDED, "client " + actor + " is " + client.status(), client.statusChangedAt())));
        }
        for (String jti : token.selfAndAncestors()) {
            facts.tokenRevokedAt(jti).ifPresent(at -> findings.add(new Finding(Grain.TOKEN,
                    (jti.equals(token.jti()) ? "token " : "ancestor token ") + jti + " revoked at " + at, at)));
        }
        return Standing.of(findings);
    }

    /** Whether a grant still stands: what a first exchange under it would be decided on. */
    public static Standing ofGrant(GrantDocument grant, StandingFacts facts, Instant now) {
        return Standing.of(grantFindings(grant, facts, now));
    }

    private static List<Finding> grantFindings(GrantDocument grant, StandingFacts facts, Instant now) {
        List<Finding> findings = new ArrayList<>();
        if (grant.status() == GrantStatus.REVOKED) {
            findings.add(new Finding(Grain.GRANT, "grant " + grant.grantId() + " revoked at " + grant.revokedAt(),
                    grant.revokedAt()));
        }
        if (grant.expiredAt() != null) {
            findings.add(new Finding(Grain.EXPIRED, "grant " + grant.grantId() + " expired at " + grant.expiredAt(),
                    grant.expiredAt()));
        } else if (grant.expiresAt() != null && !now.isBefore(grant.expiresAt())) {
            findings.add(new Finding(Grain.EXPIRED, "grant " + grant.grantId() + " expired at " + grant.expiresAt(),
                    grant.expiresAt()));
        }
        if (grant.createdAt() != null) {
            facts.userWatermark(grant.userId()).filter(mark -> covers(mark, grant.createdAt())).ifPresent(mark ->
                    findings.add(new Finding(Grain.USER, "grant " + grant.grantId() + " revoked with user "
                            + grant.userId() + " at " + mark, mark)));
            facts.clientWatermark(grant.agentId()).filter(mark -> covers(mark, grant.createdAt())).ifPresent(mark ->
                    findings.add(new Finding(Grain.CLIENT, "grant " + grant.grantId() + " revoked with client "
                            + grant.agentId() + " at " + mark, mark)));
        }
        return findings;
    }

    /** Inclusive, as in the issuer: a watermark at the very instant of issue covers the token. */
    private static boolean covers(Instant watermark, Instant issuedAt) {
        return issuedAt != null && !watermark.isBefore(issuedAt);
    }

    private static boolean isHeldBack(ClientDocument client) {
        return client.status() == ClientStatus.SUSPENDED || client.status() == ClientStatus.DELETED;
    }
}
