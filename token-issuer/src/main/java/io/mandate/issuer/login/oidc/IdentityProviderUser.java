package io.mandate.issuer.login.oidc;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A user signed in through an identity provider. {@link #getName()} is the <em>mapped</em> Mandate
 * user id (prefix + claim), the {@code sub} of every token the user authorises; the raw ID token
 * is not kept (the session holds only the claims Mandate uses), so no IdP token sits in the session.
 *
 * @param userId       the Mandate user id
 * @param displayName  shown on the pages
 * @param providerId   the registration id ({@code mandate.issuer.login.identity-providers[n].id})
 * @param providerName shown as "via &lt;name&gt;"
 * @param issuer       the provider's issuer identifier, recorded as the grant's {@code authenticatedBy}
 */
public record IdentityProviderUser(String userId, String displayName, String providerId, String providerName,
                                   String issuer) implements OidcUser, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    static final List<GrantedAuthority> AUTHORITIES = AuthorityUtils.createAuthorityList("ROLE_USER");

    @Override
    public String getName() {
        return userId;
    }

    @Override
    public Map<String, Object> getAttributes() {
        return Map.of("sub", userId, "name", displayName);
    }

    @Override
    public Map<String, Object> getClaims() {
        return getAttributes();
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return AUTHORITIES;
    }

    @Override
    public OidcUserInfo getUserInfo() {
        return null;
    }

    @Override
    public OidcIdToken getIdToken() {
        return null;
    }
}
