package io.mandate.issuer.login.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mandate.issuer.login.LoginProperties.IdentityProvider;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The configured OpenID Providers as Spring Security client registrations, each built from the
 * provider's discovery document (OpenID Connect Discovery 1.0 §4) when it is first needed, not at
 * start-up: an identity provider that is down must not keep the authorization server (and its
 * local users) from starting. A discovered registration is kept for {@link #REFRESH}; a failed
 * discovery is retried at the next sign-in and surfaces as {@link IdentityProviderUnavailable}.
 *
 * <p>The discovery document must name exactly the configured issuer (§4.3): a provider cannot
 * speak for another. Callback URLs are built from Mandate's own issuer URL, never from the
 * request's Host header.
 */
public class IdentityProviderRegistrations implements ClientRegistrationRepository {

    static final Duration REFRESH = Duration.ofHours(1);
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private record Discovered(ClientRegistration registration, Instant at) {
    }

    private final Map<String, IdentityProvider> providers;
    private final String baseUrl;
    private final RestClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;
    private final Map<String, Discovered> discovered = new ConcurrentHashMap<>();

    public IdentityProviderRegistrations(List<IdentityProvider> providers, String baseUrl, Clock clock) {
        this.providers = providers.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                IdentityProvider::id, p -> p));
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(TIMEOUT);
        requests.setReadTimeout(TIMEOUT);
        this.http = RestClient.builder().requestFactory(requests).build();
        this.clock = clock;
    }

    /** The provider's configuration, or null for an unknown id (the sign-in path then answers an error). */
    IdentityProvider provider(String registrationId) {
        return registrationId == null ? null : providers.get(registrationId);
    }

    /**
     * The registration of a configured provider, discovered if needed; null for an unknown id.
     *
     * @throws IdentityProviderUnavailable when the provider's discovery document cannot be read or is wrong
     */
    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        IdentityProvider provider = provider(registrationId);
        if (provider == null) {
            return null;
        }
        Discovered known = discovered.get(registrationId);
        if (known != null && known.at().plus(REFRESH).isAfter(clock.instant())) {
            return known.registration();
        }
        try {
            ClientRegistration registration = discover(provider);
            discovered.put(registrationId, new Discovered(registration, clock.instant()));
            return registration;
        } catch (IdentityProviderUnavailable e) {
            if (known != null) {
                // Keep signing users in with the keys and endpoints we know while a refresh fails.
                return known.registration();
            }
            throw e;
        }
    }

    private ClientRegistration discover(IdentityProvider provider) {
        String issuer = provider.issuer().toString();
        String location = (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer)
                + "/.well-known/openid-configuration";
        JsonNode metadata;
        try {
            metadata = json.readTree(http.get().uri(location).retrieve().body(String.class));
        } catch (RestClientException | java.io.IOException | IllegalArgumentException e) {
            throw new IdentityProviderUnavailable(provider, "its discovery document could not be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (metadata == null || !issuer.equals(metadata.path("issuer").asText(null))) {
            throw new IdentityProviderUnavailable(provider, "its discovery document names another issuer");
        }
        String authorization = required(provider, metadata, "authorization_endpoint");
        String token = required(provider, metadata, "token_endpoint");
        String jwks = required(provider, metadata, "jwks_uri");
        return ClientRegistration.withRegistrationId(provider.id())
                .clientName(provider.name())
                .clientId(provider.clientId())
                .clientSecret(provider.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(baseUrl + provider.callbackPath())
                .scope(provider.scopes())
                .authorizationUri(authorization)
                .tokenUri(token)
                .jwkSetUri(jwks)
                .issuerUri(issuer)
                .userNameAttributeName(provider.userClaim())
                .build();
    }

    private static String required(IdentityProvider provider, JsonNode metadata, String field) {
        String value = metadata.path(field).asText(null);
        if (value == null || !(value.startsWith("https://") || value.startsWith("http://"))) {
            throw new IdentityProviderUnavailable(provider, "its discovery document has no " + field);
        }
        return value;
    }
}
