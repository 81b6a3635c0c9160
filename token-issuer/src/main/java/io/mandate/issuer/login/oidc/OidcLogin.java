package io.mandate.issuer.login.oidc;

import io.mandate.issuer.authorize.AuthorizationErrorRedirects;
import io.mandate.issuer.login.LoginProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.web.client.RestClient;

import java.time.Clock;

/**
 * Sign-in delegated to the configured OpenID Providers, in the browser filter chain, with Spring
 * Security's {@code oauth2Login}: "Sign in with &lt;name&gt;" starts at {@code /login/idp/<id>}
 * (authorization code flow with {@code state}, {@code nonce} and PKCE S256, RFC 7636 — also for this
 * confidential client, RFC 9700 §2.1.1); the provider sends the browser back to
 * {@code /login/oauth2/code/<id>}, where the code is exchanged (client_secret_basic, 5 s timeouts),
 * the ID token checked ({@link IdTokenDecoders}) and the user mapped ({@link ClaimMapping}). The
 * user then continues to the saved {@code /oauth2/authorize} request, exactly as after a local sign-in.
 * The provider's tokens are not kept ({@link #DISCARD}): Mandate needs who the user is, not access
 * to the user's data at the provider.
 */
public final class OidcLogin {

    public static final String SIGN_IN_BASE = "/login/idp";
    public static final String CALLBACK = "/login/oauth2/code/*";

    private OidcLogin() {
    }

    /**
     * Adds {@code oauth2Login} to the chain; answers the authentication provider the chain's
     * authentication manager must hold for it.
     */
    public static AuthenticationProvider configure(HttpSecurity http, LoginProperties login, String issuerUrl,
                                                   RequestCache requestCache, AuthorizationErrorRedirects errors,
                                                   Clock clock) throws Exception {
        IdentityProviderRegistrations registrations = new IdentityProviderRegistrations(login.identityProviders(),
                issuerUrl, clock);
        OidcAuthorizationCodeAuthenticationProvider provider = new OidcAuthorizationCodeAuthenticationProvider(
                tokenClient(), new IdentityProviderUserService(registrations::provider));
        provider.setJwtDecoderFactory(new IdTokenDecoders(registrations::provider, clock));

        DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(
                registrations, SIGN_IN_BASE);
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        IdentityProviderFailures failures = new IdentityProviderFailures(requestCache, errors, registrations::provider);
        http.oauth2Login(oauth -> oauth
                .loginPage("/login")
                .clientRegistrationRepository(registrations)
                .authorizedClientRepository(DISCARD)
                .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(resolver))
                .redirectionEndpoint(endpoint -> endpoint.baseUri(CALLBACK))
                .defaultSuccessUrl("/account/grants", false)
                .failureHandler(failures)
                // A discovery failure at the start must be a page too, not the filter's bare 500.
                .withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
                    @Override
                    public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
                        filter.setAuthenticationFailureHandler(failures);
                        return filter;
                    }
                }));
        return provider;
    }

    private static RestClientAuthorizationCodeTokenResponseClient tokenClient() {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(IdentityProviderRegistrations.TIMEOUT);
        requests.setReadTimeout(IdentityProviderRegistrations.TIMEOUT);
        RestClientAuthorizationCodeTokenResponseClient client = new RestClientAuthorizationCodeTokenResponseClient();
        client.setRestClient(RestClient.builder()
                .requestFactory(requests)
                .messageConverters(converters -> {
                    converters.clear();
                    converters.add(new FormHttpMessageConverter());
                    converters.add(new OAuth2AccessTokenResponseHttpMessageConverter());
                })
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build());
        return client;
    }

    /** Keeps no authorized client: the provider's access and refresh tokens are dropped after sign-in. */
    static final OAuth2AuthorizedClientRepository DISCARD = new OAuth2AuthorizedClientRepository() {
        @Override
        public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String registrationId, Authentication principal,
                                                                         HttpServletRequest request) {
            return null;
        }

        @Override
        public void saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal,
                                         HttpServletRequest request, HttpServletResponse response) {
            // not kept, on purpose
        }

        @Override
        public void removeAuthorizedClient(String registrationId, Authentication principal, HttpServletRequest request,
                                           HttpServletResponse response) {
            // nothing kept
        }
    };
}
