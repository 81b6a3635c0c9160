package io.mandate.issuer.login;

import io.mandate.issuer.login.oidc.IdentityProviderUser;
import org.springframework.security.core.Authentication;

/** How the signed-in user of a browser request signed in, for the records that name it. */
public final class SignIns {

    /** {@code authenticatedBy} of a local user's consent. */
    public static final String LOCAL = "local";

    private SignIns() {
    }

    /** {@value #LOCAL}, or the issuer identifier of the OpenID Provider the user signed in with. */
    public static String authenticatedBy(Authentication user) {
        return user != null && user.getPrincipal() instanceof IdentityProviderUser idp ? idp.issuer() : LOCAL;
    }

    /** What the pages show: the display name, and the provider when there is one. */
    public static String describe(Authentication user) {
        if (user != null && user.getPrincipal() instanceof IdentityProviderUser idp) {
            return idp.displayName().equals(idp.userId()) ? idp.userId() + " (via " + idp.providerName() + ")"
                    : idp.displayName() + " (" + idp.userId() + ", via " + idp.providerName() + ")";
        }
        return user == null ? "" : user.getName();
    }
}
