package io.mandate.issuer.metadata;

import io.mandate.issuer.IssuerProperties;
import io.mandate.issuer.registration.RegistrationProperties;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.List;

/** {@code GET /.well-known/oauth-authorization-server} (RFC 8414 §3). */
@RestController
class AuthorizationServerMetadataEndpoint {

    static final String PATH = "/.well-known/oauth-authorization-server";

    static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String CLIENT_CREDENTIALS = "client_credentials";
    static final String AUTHORIZATION_CODE = "authorization_code";

    static final List<String> AUTH_METHODS = List.of("private_key_jwt", "client_secret_basic");

    private final AuthorizationServerMetadata metadata;

    AuthorizationServerMetadataEndpoint(IssuerProperties issuer, RegistrationProperties registration) {
        // Built once: it depends on configuration only.
        this.metadata = new AuthorizationServerMetadata(
                issuer.url().toString(),
                issuer.endpoint("/oauth2/authorize"),
                issuer.endpoint("/oauth2/token"),
                issuer.endpoint("/oauth2/jwks"),
                List.of(AUTHORIZATION_CODE, TOKEN_EXCHANGE, CLIENT_CREDENTIALS),
                // The authorization code flow only (no implicit, no hybrid).
                List.of("code"),
                AUTH_METHODS,
                // Algorithms accepted for private_key_jwt client assertions (RFC 7523 §3): never
                // "none" (RFC 8414 §2) nor HMAC, which would need the client's secret here.
                List.of("ES256", "EdDSA", "Ed25519", "RS256", "PS256"),
                issuer.endpoint("/oauth2/introspect"),
                AUTH_METHODS,
                issuer.endpoint("/oauth2/revoke"),
                AUTH_METHODS,
                // Scopes belong to the resource servers registered at run time: none to advertise here.
                null,
                // RFC 7636: S256 only, plain is refused.
                List.of("S256"),
                // RFC 9207: every authorization response carries iss.
                true,
                registration.enabled() ? issuer.endpoint("/oauth2/register") : null,
                registration.metadataDocuments().enabled() ? Boolean.TRUE : null);
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AuthorizationServerMetadata> metadata() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
                .body(metadata);
    }
}
