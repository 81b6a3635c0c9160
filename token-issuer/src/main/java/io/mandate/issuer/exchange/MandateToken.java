package io.mandate.issuer.exchange;

import io.mandate.issuer.revocation.TokenFacts;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.id.UserId;

import java.time.Instant;
import java.util.List;

/**
 * A verified access token this issuer (or another instance of it) signed, as claims. Either
 * delegated (from a grant: {@code grantId}, {@code userId} and an actor chain) or a client's own
 * ({@code client_credentials}: no grant, no user, no chain).
 *
 * @param actorChain current holder first, the grant's agent last (the nesting of {@code act})
 * @param lineage    the jtis of its Mandate-issued ancestors, root first, parent last
 * @param mayAct     the only client that may exchange it next (RFC 8693 §4.4), or null
 * @param fromAuthorizationCode true when issued by redeeming an authorization code ({@code gty}
 *                   {@code authorization_code}): its holder may present it as an RFC 8693 subject token itself
 */
public record MandateToken(Jti jti, UserId userId, ClientId holder, String audience, Scopes scopes,
                           List<ClientId> actorChain, List<Jti> lineage, GrantId grantId, ClientId mayAct,
                           Instant issuedAt, Instant expiresAt, boolean fromAuthorizationCode) {

    public boolean isDelegated() {
        return grantId != null;
    }

    /** What the revocation decision needs (delegated tokens only). */
    public TokenFacts facts() {
        Jti parent = lineage.isEmpty() ? null : lineage.get(lineage.size() - 1);
        return new TokenFacts(jti, parent, lineage, grantId, userId, actorChain, issuedAt, expiresAt);
    }
}
