package io.mandate.messages.token;

import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.id.UserId;

import java.time.Instant;
import java.util.Objects;

/**
 * A client redeemed an authorization code (RFC 6749 §4.1.3, PKCE RFC 7636) and was issued an
 * access token acting for the user who consented. The first token of the grant the consent
 * created; the agent is its only actor. Never carries the code itself.
 *
 * @param jti      the issued token's id
 * @param codeId   a random identifier the issuer gave the code (not the code, not its hash)
 * @param clientId the agent holding the token ({@code azp}, {@code client_id}, {@code act.sub})
 * @param audience the RFC 8707 resource the token is for ({@code aud})
 * @param mayAct   the client the token may be exchanged by next (RFC 8693 §4.4), or null
 */
public record AuthorizationCodeRedeemed(Jti jti,
                                        String codeId,
                                        GrantId grantId,
                                        UserId userId,
                                        ClientId clientId,
                                        String audience,
                                        Scopes scopes,
                                        ClientId mayAct,
                                        String keyId,
                                        Instant issuedAt,
                                        Instant expiresAt) implements TokenEvent {

    public static final int REVISION = 1;

    public AuthorizationCodeRedeemed {
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(codeId, "codeId");
        Objects.requireNonNull(grantId, "grantId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String aggregateId() {
        return "issued:" + jti.value();
    }

    /** The grant's tokens share a partition: this root token is published before anything exchanged from it. */
    @Override
    public String partitionKey() {
        return grantId.value();
    }
}
