package io.mandate.issuer.revocation;

import io.mandate.messages.grant.DelegationPolicy;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.id.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the revocation decision needs to know about one issued token (RFC 7519 {@code jti},
 * {@code sub}, {@code iat}, {@code exp}; RFC 8693 §4.1 {@code act} as the actor chain). Immutable,
 * and never the token itself.
 *
 * @param parentJti  the token it was exchanged from (RFC 8693 subject token); null for a root
 *                   token issued straight from a grant
 * @param lineage    the jtis of every ancestor the token carries (its {@code lineage} claim), root
 *                   first, parent last; empty when unknown, then ancestors are found by walking
 *                   the lineage store from {@code parentJti}
 * @param userId     the subject: the user the whole chain acts for
 * @param actorChain outermost first: index 0 is the current holder (the outermost {@code act}
 *                   claim), the last is the grant's agent; 1 to {@link DelegationPolicy#MAX_DEPTH_LIMIT}
 */
public record TokenFacts(Jti jti,
                         Jti parentJti,
                         List<Jti> lineage,
                         GrantId grantId,
                         UserId userId,
                         List<ClientId> actorChain,
                         Instant issuedAt,
                         Instant expiresAt) {

    public TokenFacts {
        Objects.requireNonNull(jti, "jti");
        lineage = lineage == null ? List.of() : List.copyOf(lineage);
        if (!lineage.isEmpty() && !lineage.get(lineage.size() - 1).equals(parentJti)) {
            throw new IllegalArgumentException("the lineage ends with the parent");
        }
        Objects.requireNonNull(grantId, "grantId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(actorChain, "actorChain");
        actorChain = List.copyOf(actorChain);  // also refuses null elements
        if (actorChain.isEmpty() || actorChain.size() > DelegationPolicy.MAX_DEPTH_LIMIT) {
            throw new IllegalArgumentException("actorChain must hold 1 to " + DelegationPolicy.MAX_DEPTH_LIMIT
                    + " clients");
        }
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("expiresAt must be after issuedAt");
        }
        if (jti.equals(parentJti)) {
            throw new IllegalArgumentException("parentJti must differ from jti");
        }
    }

    /** Facts without a carried lineage (ancestors come from the lineage store). */
    public TokenFacts(Jti jti, Jti parentJti, GrantId grantId, UserId userId, List<ClientId> actorChain,
                      Instant issuedAt, Instant expiresAt) {
        this(jti, parentJti, List.of(), grantId, userId, actorChain, issuedAt, expiresAt);
    }

    /** The client holding the token now. */
    public ClientId holder() {
        return actorChain.get(0);
    }
}
