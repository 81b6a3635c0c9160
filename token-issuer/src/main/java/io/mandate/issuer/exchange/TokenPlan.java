package io.mandate.issuer.exchange;

import io.mandate.issuer.ledger.ActorSince;
import io.mandate.issuer.ledger.AuthorityCheck;
import io.mandate.issuer.projection.GrantView;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.token.TokenExchanged;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything decided about a token before it is signed and recorded: what the rules allowed.
 *
 * @param parentIssuedAt the subject token's iat when Mandate issued it, else null (first hop)
 * @param mayAct         the client that may exchange the new token next, or null
 */
public record TokenPlan(Jti jti, GrantView grant, ClientId holder, List<ClientId> actorChain, List<Jti> lineage,
                        String audience, Scopes scopes, ClientId mayAct, Instant issuedAt, Instant expiresAt,
                        String subjectIssuer, String subjectTokenId, Instant parentIssuedAt) {

    public Jti parentJti() {
        return lineage.isEmpty() ? null : lineage.get(lineage.size() - 1);
    }

    public TokenExchanged event(String keyId) {
        return new TokenExchanged(jti, parentJti(), lineage, grant.grantId(), grant.userId(), holder, actorChain, audience,
                scopes, subjectIssuer, subjectTokenId, keyId, issuedAt, expiresAt);
    }

    /**
     * What the ledger checks against the event store under the revocation fence: the grant, its
     * user, each actor against its watermark since the token that actor's presence depends on
     * (the grant for its agent, the parent token for the others, this token for the new holder),
     * and every ancestor jti.
     */
    public AuthorityCheck authorityCheck() {
        List<ActorSince> actors = new ArrayList<>();
        for (ClientId actor : actorChain) {
            Instant since;
            if (actor.equals(grant.agentId())) {
                since = grant.createdAt();
            } else if (actor.equals(holder)) {
                since = issuedAt;
            } else {
                since = parentIssuedAt;
            }
            actors.add(new ActorSince(actor, since));
        }
        return new AuthorityCheck(grant.grantId(), grant.createdAt(), grant.userId(), grant.agentId(), actors, lineage);
    }
}
