package io.mandate.issuer.login.oidc;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.mandate.issuer.login.LoginProperties.IdentityProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ID token checks, with tokens signed here and the provider's JWK set served over real HTTP on
 * loopback: signature by a published key, the configured algorithms only, exact issuer, audience
 * (and azp), expiry.
 */
class IdTokenDecodersTest {

    private static final String ISSUER = "https://login.example/realms/corp";
    private static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");

    private static HttpServer jwks;
    private static RSAKey rsa;
    private static ECKey ec;
    private static String jwksUri;

    @BeforeAll
    static void publishKeys() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        byte[] body = new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/certs", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        jwksUri = "http://127.0.0.1:" + jwks.getAddress().getPort() + "/certs";
    }

    @AfterAll
    static void stop() {
        jwks.stop(0);
    }

    @Test
    void decodeWhenSignedByAPublishedRsaKeyForUsThenTheClaims() throws Exception {
        Jwt jwt = decoder(null).decode(token(JWSAlgorithm.RS256, new RSASSASigner(rsa), "rsa-1", c -> c));

        assertThat(jwt.getSubject()).isEqualTo("f81d");
        assertThat(jwt.getClaimAsString("preferred_username")).isEqualTo("alice");
    }

    @Test
    void decodeWhenEs256AndAllowedByDefaultThenAccepted() throws Exception {
        assertThat(decoder(null).decode(token(JWSAlgorithm.ES256, new ECDSASigner(ec), "ec-1", c -> c)).getSubject())
                .isEqualTo("f81d");
    }

    @Test
    void decodeWhenTheAlgorithmIsNotInTheProvidersListThenRefused() throws Exception {
        String rs256 = token(JWSAlgorithm.RS256, new RSASSASigner(rsa), "rsa-1", c -> c);

        assertThatThrownBy(() -> decoder(List.of("ES256")).decode(rs256)).isInstanceOf(JwtException.class);
    }

    @Test
    void decodeWhenHmacSignedWithTheClientSecretThenRefused() throws Exception {
        String hs256 = token(JWSAlgorithm.HS256, new MACSigner("s3cret-s3cret-s3cret-s3cret-s3cret-s3cret"), null,
                c -> c);

        assertThatThrownBy(() -> decoder(null).decode(hs256)).isInstanceOf(JwtException.class);
    }

    @Test
    void decodeWhenUnsignedThenRefused() {
        String none = new com.nimbusds.jwt.PlainJWT(claims(c -> c)).serialize();

        assertThatThrownBy(() -> decoder(null).decode(none)).isInstanceOf(JwtException.class);
    }

    @Test
    void decodeWhenSignedByAKeyTheProviderDoesNotPublishThenRefused() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate();

        assertThatThrownBy(() -> decoder(null).decode(token(JWSAlgorithm.RS256, new RSASSASigner(stranger), "rsa-1",
                c -> c))).isInstanceOf(JwtException.class);
    }

    @Test
    void decodeWhenForAnotherAudienceThenRefused() throws Exception {
        String other = token(JWSAlgorithm.RS256, new RSASSASigner(rsa), "rsa-1", c -> c.audience("another-app"));

        assertThatThrownBy(() -> decoder(null).decode(other)).isInstanceOf(JwtException.class)
                .hasMessageContaining("aud");
    }

    @Test
    void decodeWhenSeveralAudiencesAndAzpIsAnotherClientThenRefused() throws Exception {
        String other = token(JWSAlgorithm.RS256, new RSASSASigner(rsa), "rsa-1",
                c -> c.audience(List.of("mandate", "another-app")).claim("azp", "another-app"));

        assertThatThrownBy(() -> decoder(null).decode(other)).isInstanceOf(JwtException.class)
                .hasMessageContaining("azp");
    }

    @Test
    void decodeWhenFromAnotherIssuerThenRefused() throws Exception {
        String other = token(JWSAlgorithm.RS256, new RSASSASigner(rsa), "rsa-1",
                c -> c.issuer("https://login.example/realms/other"));

        assertThatThrownBy(() -> decoder(null).decode(other)).isInstanceOf(JwtException.class)
                .hasMessageContaining("iss");
    }

    @Test
    void decodeWhenExpiredBeyondTheSkewThenRefused() throws Exception {
        String expired = token(JWSAlgorithm.RS256, new RSASSASigner(rsa), "rsa-1",
                c -> c.issueTime(Date.from(NOW.minusSeconds(600))).expirationTime(Date.from(NOW.minusSeconds(120))));

        assertThatThrownBy(() -> decoder(null).decode(expired)).isInstanceOf(JwtException.class);
    }

    private static JwtDecoder decoder(List<String> algorithms) {
        IdentityProvider provider = new IdentityProvider("corp", null, URI.create(ISSUER), "mandate", "s3cret", null,
                null, null, "corp:", algorithms);
        ClientRegistration registration = ClientRegistration.withRegistrationId("corp").clientId("mandate")
                .clientSecret("s3cret").authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("http://127.0.0.1:8082/login/oauth2/code/corp").scope("openid")
                .authorizationUri(ISSUER + "/auth").tokenUri(ISSUER + "/token").jwkSetUri(jwksUri).issuerUri(ISSUER)
                .build();
        return new IdTokenDecoders(id -> provider, Clock.fixed(NOW, ZoneOffset.UTC)).createDecoder(registration);
    }

    private static String token(JWSAlgorithm algorithm, JWSSigner signer, String keyId,
                                UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).type(JOSEObjectType.JWT).build(),
                claims(change));
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static JWTClaimsSet claims(UnaryOperator<JWTClaimsSet.Builder> change) {
        return change.apply(new JWTClaimsSet.Builder().issuer(ISSUER).subject("f81d").audience("mandate")
                .issueTime(Date.from(NOW.minus(Duration.ofSeconds(5)))).expirationTime(Date.from(NOW.plusSeconds(300)))
                .claim("nonce", "n-0S6_WzA2Mj").claim("preferred_username", "alice")).build();
    }
}
