package io.mandate.system;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/** How a test client authenticates at Mandate's OAuth endpoints (RFC 6749 §2.3). */
sealed interface ClientCredential {

    String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    String clientId();

    /** Adds the credentials to a request: a header, or form parameters. */
    void apply(HttpRequest.Builder request, Map<String, String> form, String issuerUrl);

    /** {@code client_secret_basic} (RFC 6749 §2.3.1): both parts form-urlencoded, then Base64. */
    record SecretBasic(String clientId, String secret) implements ClientCredential {

        @Override
        public void apply(HttpRequest.Builder request, Map<String, String> form, String issuerUrl) {
            String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                    + URLEncoder.encode(secret, StandardCharsets.UTF_8);
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public String toString() {
            return "SecretBasic[" + clientId + "]";
        }
    }

    /**
     * {@code private_key_jwt} (RFC 7523 §2.2): each request carries a fresh assertion signed with the
     * client's EC P-256 key; Mandate holds only {@link #publicJwks()}.
     */
    record PrivateKeyJwt(String clientId, ECKey key) implements ClientCredential {

        static PrivateKeyJwt generate(String clientId) {
            try {
                return new PrivateKeyJwt(clientId, new ECKeyGenerator(Curve.P_256)
                        .keyID(clientId + "-" + UUID.randomUUID()).generate());
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The public JWK set to register (RFC 7591 {@code jwks}). */
        Map<String, Object> publicJwks() {
            return new JWKSet(key.toPublicJWK()).toJSONObject(true);
        }

        /** A single-use assertion: iss = sub = client id, aud = the issuer, one minute, a unique jti. */
        String assertion(String audience) {
            Instant now = Instant.now();
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(audience)
                    .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(1))))
                    .jwtID(UUID.randomUUID().toString()).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
            try {
                jwt.sign(new ECDSASigner(key));
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
            return jwt.serialize();
        }

        @Override
        public void apply(HttpRequest.Builder request, Map<String, String> form, String issuerUrl) {
            new Assertion(clientId, assertion(issuerUrl)).apply(request, form, issuerUrl);
        }

        @Override
        public String toString() {
            return "PrivateKeyJwt[" + clientId + "]";
        }
    }

    /** One given assertion, e.g. to present it twice. */
    record Assertion(String clientId, String assertion) implements ClientCredential {

        @Override
        public void apply(HttpRequest.Builder request, Map<String, String> form, String issuerUrl) {
            form.put("client_assertion_type", JWT_BEARER);
            form.put("client_assertion", assertion);
        }
    }
}
