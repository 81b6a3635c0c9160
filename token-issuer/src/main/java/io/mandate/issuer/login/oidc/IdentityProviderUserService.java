package io.mandate.issuer.login.oidc;

import io.mandate.issuer.login.LoginProperties.IdentityProvider;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.util.function.Function;

/**
 * The user behind a verified ID token, by {@link ClaimMapping}. Only the ID token's claims are used
 * (signed by the provider and checked by {@link IdTokenDecoders}); the UserInfo endpoint is not
 * called, so nothing unsigned decides who the user is, and one round trip less.
 */
public class IdentityProviderUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

    /** Our error code when the claims give no usable user id. */
    public static final String UNUSABLE_USER = "mandate_unusable_user_claim";

    private final Function<String, IdentityProvider> providers;

    public IdentityProviderUserService(Function<String, IdentityProvider> providers) {
        this.providers = providers;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        String registrationId = request.getClientRegistration().getRegistrationId();
        IdentityProvider provider = providers.apply(registrationId);
        if (provider == null) {
            throw new OAuth2AuthenticationException(new OAuth2Error("invalid_client_registration"));
        }
        try {
            ClaimMapping.MappedUser user = ClaimMapping.map(provider, request.getIdToken().getClaims());
            return new IdentityProviderUser(user.userId().value(), user.displayName(), provider.id(), provider.name(),
                    provider.issuer().toString());
        } catch (ClaimMapping.UnusableClaims e) {
            throw new OAuth2AuthenticationException(new OAuth2Error(UNUSABLE_USER, e.getMessage(), null));
        }
    }
}
