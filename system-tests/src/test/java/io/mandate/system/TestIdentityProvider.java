package io.mandate.system;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/**
 * The company identity provider of the tests: an EC P-256 key held in the test JVM whose public
 * JWK set the token-issuer is told to trust (from a file), and which signs users' tokens the way
 * an OpenID Provider would (ES256, typ JWT, iss/sub/aud/exp/iat/jti).
 */
final class TestIdentityProvider {

    static final String ISSUER = "https://idp.system-test.mandate";
    static final String AUDIENCE = "mandate";

    private final ECKey key;
    private final ECDSASigner signer;
    private final Path jwksFile;

    private TestIdentityProvider(ECKey key, Path jwksFile) {
        this.key = key;
        this.jwksFile = jwksFile;
        try {
            this.signer = new ECDSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new key; its public JWK set is written to {@code home/test-idp-jwks.json}. */
    static TestIdentityProvider create(Path home) {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256).keyID("test-idp-" + UUID.randomUUID()).generate();
            Path file = home.resolve("test-idp-jwks.json");
            Files.writeString(file, new JWKSet(key.toPublicJWK()).toString());
            return new TestIdentityProvider(key, file);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The token-issuer settings (Spring relaxed binding) that make it trust this provider. */
    Map<String, String> issuerEnvironment() {
        return Map.of(
                "MANDATE_ISSUER_TRUSTEDISSUERS_0_ISSUER", ISSUER,
                "MANDATE_ISSUER_TRUSTEDISSUERS_0_JWKSFILE", jwksFile.toAbsolutePath().toString(),
                "MANDATE_ISSUER_TRUSTEDISSUERS_0_AUDIENCES_0", AUDIENCE);
    }

    /** A user's token, valid for ten minutes. */
    String userToken(String userId) {
        Instant now = Instant.now();
        return sign(new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(userId)
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .jwtID(UUID.randomUUID().toString())
                .build());
    }

    private String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
