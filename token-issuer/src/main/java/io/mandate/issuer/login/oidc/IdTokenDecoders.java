package io.mandate.issuer.login.oidc;

import io.mandate.issuer.login.LoginProperties.IdentityProvider;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Verifies an identity provider's ID tokens (OpenID Connect Core 1.0 §3.1.3.7): the signature by a
 * key of the provider's JWK set, with <em>only</em> the algorithms configured for that provider
 * (default RS256, ES256, PS256: a token signed with {@code none}, HMAC or any other algorithm is
 * refused before its claims are read); then {@code iss} exactly the provider's issuer, {@code aud}
 * containing Mandate's client id (and {@code azp} when there are several audiences), {@code exp}
 * and {@code iat} with a small clock skew. The nonce is compared by Spring Security's OIDC
 * authentication provider against the one it sent. One decoder per provider, kept while the
 * registration (its JWK set URI) stays the same.
 */
public class IdTokenDecoders implements JwtDecoderFactory<ClientRegistration> {

    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final Function<String, IdentityProvider> providers;
    private final Clock clock;
    private final RestTemplate http;
    private final Map<String, Map.Entry<ClientRegistration, JwtDecoder>> decoders = new ConcurrentHashMap<>();

    public IdTokenDecoders(Function<String, IdentityProvider> providers, Clock clock) {
        this.providers = providers;
        this.clock = clock;
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(IdentityProviderRegistrations.TIMEOUT);
        requests.setReadTimeout(IdentityProviderRegistrations.TIMEOUT);
        this.http = new RestTemplate(requests);
    }

    @Override
    public JwtDecoder createDecoder(ClientRegistration registration) {
        var known = decoders.get(registration.getRegistrationId());
        if (known != null && known.getKey() == registration) {
            return known.getValue();
        }
        JwtDecoder decoder = build(registration);
        decoders.put(registration.getRegistrationId(), Map.entry(registration, decoder));
        return decoder;
    }

    private JwtDecoder build(ClientRegistration registration) {
        IdentityProvider provider = providers.apply(registration.getRegistrationId());
        if (provider == null) {
            throw new IllegalStateException("no identity provider " + registration.getRegistrationId());
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(registration.getProviderDetails().getJwkSetUri())
                .restOperations(http)
                .jwsAlgorithms(algorithms -> provider.algorithms()
                        .forEach(name -> algorithms.add(SignatureAlgorithm.from(name))))
                .build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(CLOCK_SKEW);
        timestamps.setClock(clock);
        OidcIdTokenValidator claims = new OidcIdTokenValidator(registration);
        claims.setClockSkew(CLOCK_SKEW);
        claims.setClock(clock);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps, claims));
        return decoder;
    }
}
