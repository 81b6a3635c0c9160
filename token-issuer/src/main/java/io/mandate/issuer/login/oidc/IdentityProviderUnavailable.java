package io.mandate.issuer.login.oidc;

import io.mandate.issuer.login.LoginProperties.IdentityProvider;

/** An identity provider could not be used right now (discovery failed); shown to the user as such. */
public class IdentityProviderUnavailable extends RuntimeException {

    private final transient IdentityProvider provider;

    IdentityProviderUnavailable(IdentityProvider provider, String reason) {
        super(provider.id() + ": " + reason, null, false, false);
        this.provider = provider;
    }

    public IdentityProvider provider() {
        return provider;
    }
}
