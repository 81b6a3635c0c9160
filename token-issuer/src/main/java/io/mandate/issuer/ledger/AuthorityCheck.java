package io.mandate.issuer.ledger;

import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.id.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The facts of a token about to be issued (or introspected) that the store must not contradict:
 * see {@link AuthorityRules} for the rule per grain.
 *
 * @param grantId        its grant
 * @param grantCreatedAt when the grant was created: user watermarks at or after it cover the grant
 * @param userId         the grant's user (the token's {@code sub})
 * @param agentId        the grant's agent
 * @param actors         every client of the chain with the instant from which a client watermark
 *                       covers it (grant creation for the agent, the parent's iat for earlier
 *                       actors, the new token's iat for the new holder)
 * @param lineage        the jtis whose revocation revokes this token (its Mandate-issued ancestors,
 *                       and itself when it exists already)
 */
public record AuthorityCheck(GrantId grantId, Instant grantCreatedAt, UserId userId, ClientId agentId,
                             List<ActorSince> actors, List<Jti> lineage) {

    public AuthorityCheck {
        Objects.requireNonNull(grantId, "grantId");
        Objects.requireNonNull(grantCreatedAt, "grantCreatedAt");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(agentId, "agentId");
        actors = List.copyOf(Objects.requireNonNull(actors, "actors"));
        lineage = lineage == null ? List.of() : List.copyOf(lineage);
    }
}
