package io.mandate.issuer.exchange;

import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.Jti;

import java.util.Objects;

/**
 * A redeemed authorization code, checked by the authorization endpoint's store (single use, PKCE,
 * redirect URI, client): what the token for it is made of.
 *
 * @param codeId   the code's random identifier (recorded; never the code)
 * @param jti      the token's id, fixed when the code was consumed so that a reuse can revoke it
 * @param resource the RFC 8707 resource the token is for
 * @param scopes   what the user consented to
 */
public record AuthorizationCodeIssuance(String codeId, GrantId grantId, Jti jti, String resource, Scopes scopes) {

    public AuthorizationCodeIssuance {
        Objects.requireNonNull(codeId, "codeId");
        Objects.requireNonNull(grantId, "grantId");
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(scopes, "scopes");
    }
}
