package io.mandate.issuer.client;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.mandate.issuer.IssuerProperties;
import io.mandate.issuer.projection.ClientSecrets;
import io.mandate.issuer.projection.ClientView;
import io.mandate.issuer.projection.IssuerProjection;
import io.mandate.issuer.token.OAuth2ErrorException;
import io.mandate.issuer.token.TokenProperties;
import io.mandate.messages.client.ClientCredentials;
import io.mandate.messages.client.TokenEndpointAuthMethod;
import io.mandate.messages.id.ClientId;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates the client of a token, introspection or revocation request (RFC 6749 §2.3):
 * {@code client_secret_basic} (§2.3.1) or {@code private_key_jwt} (RFC 7523 §2.2, §3). Exactly one
 * method per request (§2.3: "MUST NOT use more than one"); anything else is {@code invalid_client}
 * with one fixed description per cause, so a caller learns nothing about which clients exist.
 */
public class ClientAuthentication {

    public static final String JWT_BEARER_ASSERTION = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /** RFC 7523 client assertions: asymmetric algorithms only (never "none", never HMAC). */
    static final Set<JWSAlgorithm> ASSERTION_ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.EdDSA,
            JWSAlgorithm.Ed25519, JWSAlgorithm.RS256, JWSAlgorithm.PS256);

    private static final int MAX_ASSERTION_LENGTH = 8192;

    private final IssuerProjection projection;
    private final IssuerProperties issuer;
    private final TokenProperties properties;
    private final AssertionVerifiers verifiers;
    private final Clock clock;

    public ClientAuthentication(IssuerProjection projection, IssuerProperties issuer, TokenProperties properties,
                                AssertionVerifiers verifiers, Clock clock) {
        this.projection = projection;
        this.issuer = issuer;
        this.properties = properties;
        this.verifiers = verifiers;
        this.clock = clock;
    }

    /** The raw inputs of client authentication, taken from the HTTP request. */
    public record Credentials(String authorizationHeader, String clientId, String clientSecret,
                              String assertionType, String assertion) {
    }

    public AuthenticatedClient authenticate(Credentials credentials) {
        boolean basic = credentials.authorizationHeader() != null;
        boolean assertion = credentials.assertion() != null || credentials.assertionType() != null;
        if (credentials.clientSecret() != null) {
            throw OAuth2ErrorException.invalidClient("client_secret_post is not supported; use client_secret_basic",
                    "unsupported_client_authentication");
        }
        if (basic && assertion) {
            throw OAuth2ErrorException.invalidClient("Use exactly one client authentication method",
                    "multiple_client_authentication");
        }
        if (basic) {
            return basic(credentials.authorizationHeader(), credentials.clientId());
        }
        if (assertion) {
            return assertion(credentials);
        }
        throw OAuth2ErrorException.invalidClient("Client authentication is required", "client_authentication_missing");
    }

    private AuthenticatedClient basic(String header, String formClientId) {
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw OAuth2ErrorException.invalidClient("Unsupported authorization scheme", "unsupported_client_authentication");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuth2ErrorException.invalidClient("Malformed Basic credentials", "malformed_client_credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw OAuth2ErrorException.invalidClient("Malformed Basic credentials", "malformed_client_credentials");
        }
        String clientId;
        String secret;
        try {
            // RFC 6749 §2.3.1: both parts are form-urlencoded before they are joined.
            clientId = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuth2ErrorException.invalidClient("Malformed Basic credentials", "malformed_client_credentials");
        }
        if (formClientId != null && !formClientId.equals(clientId)) {
            throw OAuth2ErrorException.invalidClient("client_id does not match the credentials", "client_id_mismatch");
        }
        ClientView client = knownClient(clientId);
        ClientCredentials stored = credentialsOf(client.clientId());
        if (stored.method() != TokenEndpointAuthMethod.CLIENT_SECRET_BASIC
                || !MessageDigest.isEqual(hash(secret).getBytes(StandardCharsets.US_ASCII),
                stored.secretHash().getBytes(StandardCharsets.US_ASCII))) {
            throw OAuth2ErrorException.invalidClient("Client authentication failed", "client_authentication_failed");
        }
        return new AuthenticatedClient(client, TokenEndpointAuthMethod.CLIENT_SECRET_BASIC, null, null);
    }

    private AuthenticatedClient assertion(Credentials credentials) {
        if (!JWT_BEARER_ASSERTION.equals(credentials.assertionType()) || credentials.assertion() == null) {
            throw OAuth2ErrorException.invalidClient("client_assertion_type must be " + JWT_BEARER_ASSERTION,
                    "unsupported_client_assertion_type");
        }
        if (credentials.assertion().length() > MAX_ASSERTION_LENGTH) {
            throw OAuth2ErrorException.invalidClient("client_assertion is too large", "malformed_client_assertion");
        }
        if (!io.mandate.issuer.exchange.CompactJws.isStrict(credentials.assertion())) {
            throw OAuth2ErrorException.invalidClient("client_assertion is not a signed JWT", "malformed_client_assertion");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(credentials.assertion());
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw OAuth2ErrorException.invalidClient("client_assertion is not a signed JWT", "malformed_client_assertion");
        }
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (!ASSERTION_ALGORITHMS.contains(algorithm)) {
            throw OAuth2ErrorException.invalidClient("client_assertion algorithm is not accepted",
                    "client_assertion_algorithm");
        }
        String clientId = claims.getIssuer();
        if (clientId == null || !clientId.equals(claims.getSubject())) {
            throw OAuth2ErrorException.invalidClient("client_assertion iss and sub must both be the client_id",
                    "client_assertion_claims");
        }
        if (credentials.clientId() != null && !credentials.clientId().equals(clientId)) {
            throw OAuth2ErrorException.invalidClient("client_id does not match the assertion", "client_id_mismatch");
        }
        ClientView client = knownClient(clientId);
        ClientSecrets secrets = projection.findSecrets(client.clientId()).orElse(null);
        if (secrets == null || secrets.credentials().method() != TokenEndpointAuthMethod.PRIVATE_KEY_JWT
                || secrets.publicKeys() == null || !verified(jwt, secrets)) {
            throw OAuth2ErrorException.invalidClient("Client authentication failed", "client_authentication_failed");
        }
        Instant expiresAt = checkAssertionClaims(claims);
        return new AuthenticatedClient(client, TokenEndpointAuthMethod.PRIVATE_KEY_JWT, claims.getJWTID(), expiresAt);
    }

    private boolean verified(SignedJWT jwt, ClientSecrets secrets) {
        JWKMatcher.Builder builder = new JWKMatcher.Builder().algorithms(jwt.getHeader().getAlgorithm(), null);
        if (jwt.getHeader().getKeyID() != null) {
            builder.keyID(jwt.getHeader().getKeyID());  // without a kid, every key of the set is tried
        }
        JWKMatcher matcher = builder.build();
        List<JWK> candidates = new JWKSelector(matcher).select(secrets.publicKeys());
        for (JWK candidate : candidates) {
            Optional<JWSVerifier> verifier = verifiers.verifierFor(candidate, jwt.getHeader().getAlgorithm());
            try {
                if (verifier.isPresent() && jwt.verify(verifier.get())) {
                    return true;
                }
            } catch (com.nimbusds.jose.JOSEException e) {
                return false;
            }
        }
        return false;
    }

    /** RFC 7523 §3: aud names this server, exp is present and short, jti is present, nothing is from the future. */
    private Instant checkAssertionClaims(JWTClaimsSet claims) {
        Instant now = clock.instant();
        List<String> audience = claims.getAudience();
        String tokenEndpoint = issuer.endpoint("/oauth2/token");
        if (audience == null || audience.stream().noneMatch(aud -> aud.equals(issuer.url().toString())
                || aud.equals(tokenEndpoint) || aud.equals(issuer.endpoint("")))) {
            throw OAuth2ErrorException.invalidClient("client_assertion aud must name this authorization server",
                    "client_assertion_audience");
        }
        Date exp = claims.getExpirationTime();
        if (exp == null || !exp.toInstant().plus(properties.clockSkew()).isAfter(now)) {
            throw OAuth2ErrorException.invalidClient("client_assertion is expired or has no exp", "client_assertion_expired");
        }
        if (exp.toInstant().isAfter(now.plus(properties.maxAssertionTtl()).plus(properties.clockSkew()))) {
            throw OAuth2ErrorException.invalidClient("client_assertion lives too long", "client_assertion_lifetime");
        }
        Date nbf = claims.getNotBeforeTime();
        Date iat = claims.getIssueTime();
        if ((nbf != null && nbf.toInstant().isAfter(now.plus(properties.clockSkew())))
                || (iat != null && iat.toInstant().isAfter(now.plus(properties.clockSkew())))) {
            throw OAuth2ErrorException.invalidClient("client_assertion is not valid yet", "client_assertion_not_yet_valid");
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank() || jti.length() > 255) {
            throw OAuth2ErrorException.invalidClient("client_assertion needs a jti", "client_assertion_claims");
        }
        return exp.toInstant().plus(properties.clockSkew());
    }

    private ClientView knownClient(String clientId) {
        ClientId id;
        try {
            id = ClientId.of(clientId);
        } catch (IllegalArgumentException e) {
            throw OAuth2ErrorException.invalidClient("Client authentication failed", "client_authentication_failed");
        }
        return projection.findClient(id).filter(client -> client.kind() != null
                        && client.status() != io.mandate.issuer.projection.ClientStatus.DELETED)
                .orElseThrow(() -> OAuth2ErrorException.invalidClient("Client authentication failed",
                        "client_authentication_failed"));
    }

    private ClientCredentials credentialsOf(ClientId clientId) {
        return projection.findSecrets(clientId).map(ClientSecrets::credentials).orElse(ClientCredentials.none());
    }

    /**
     * The client id a request claims before it is authenticated, for the refusal event: from Basic
     * credentials or an assertion's iss. Never trusted for anything else.
     */
    public static String claimedClientId(String authorizationHeader, String assertion) {
        try {
            if (authorizationHeader != null && authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6)) {
                String decoded = new String(Base64.getDecoder().decode(authorizationHeader.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon > 0 ? URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8) : null;
            }
            if (assertion != null && assertion.length() <= MAX_ASSERTION_LENGTH) {
                return SignedJWT.parse(assertion).getJWTClaimsSet().getIssuer();
            }
        } catch (IllegalArgumentException | ParseException e) {
            return null;
        }
        return null;
    }

    /** The stored form of a secret: {@code sha256:} + base64url(SHA-256(UTF-8 secret)), as the command side writes it. */
    public static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return ClientCredentials.SECRET_HASH_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
