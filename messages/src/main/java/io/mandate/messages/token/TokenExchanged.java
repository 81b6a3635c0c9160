package io.mandate.messages.token;

import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.id.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A token was issued by RFC 8693 token exchange: one delegation hop. The holder joined the actor
 * chain; the chain's length is the delegation depth.
 *
 * @param jti           the new token's id (the token itself is never recorded)
 * @param parentJti     the subject token's jti when Mandate issued it; null when the subject token
 *                      came from a trusted external issuer (the first hop of a chain)
 * @param lineage       the jtis of every Mandate-issued ancestor, root first, parent last (empty
 *                      on a first hop); carried by the token too, so revocation of any ancestor
 *                      is decided without a lookup
 * @param holder        the client that holds the new token ({@code azp}, {@code client_id})
 * @param actorChain    the actors, current holder first, the grant's agent last ({@code act})
 * @param audience      the resource the token is for ({@code aud})
 * @param subjectIssuer the issuer of the subject token (Mandate's own or a trusted IdP)
 * @param subjectTokenId the subject token's jti, or when it has none a SHA-256 of it: never the token
 * @param keyId         the {@code kid} that signed the new token
 */
public record TokenExchanged(Jti jti,
                             Jti parentJti,
                             List<Jti> lineage,
                             GrantId grantId,
                             UserId userId,
                             ClientId holder,
                             List<ClientId> actorChain,
                             String audience,
                             Scopes scopes,
                             String subjectIssuer,
                             String subjectTokenId,
                             String keyId,
                             Instant issuedAt,
                             Instant expiresAt) implements TokenEvent {

    public static final int REVISION = 1;

    public TokenExchanged {
        Objects.requireNonNull(jti, "jti");
        lineage = lineage == null ? List.of() : List.copyOf(lineage);
        Objects.requireNonNull(grantId, "grantId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(holder, "holder");
        actorChain = List.copyOf(Objects.requireNonNull(actorChain, "actorChain"));
        if (actorChain.isEmpty() || !actorChain.get(0).equals(holder)) {
            throw new IllegalArgumentException("the actor chain starts with the holder");
        }
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(subjectIssuer, "subjectIssuer");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String aggregateId() {
        return "issued:" + jti.value();
    }

    /** One grant's tokens share a partition: a parent is always published before its children. */
    @Override
    public String partitionKey() {
        return grantId.value();
    }
}
