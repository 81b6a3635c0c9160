package io.mandate.issuer.registration;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SoftwareStatementsTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final String ISSUER = "https://statements.example";

    private final ECKey trusted = key();
    private final ECKey stranger = key();
    private final SoftwareStatements statements = new SoftwareStatements(List.of(new RegistrationProperties
            .StatementIssuer(ISSUER, null, new JWKSet(trusted.toPublicJWK()).toString())), Clock.fixed(NOW, ZoneOffset.UTC));

    private static ECKey key() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("k-" + System.nanoTime()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(ECKey key, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer(ISSUER).issueTime(Date.from(NOW.minusSeconds(60)))
                .claim("software_id", "travel-agent").claim("software_version", "1.4")
                .claim("client_name", "Travel agent (vouched)").claim("scope", "calendar.read");
    }

    private static void assertRefused(Runnable verifying, String code) {
        assertThatThrownBy(verifying::run).isInstanceOfSatisfying(RegistrationError.class,
                e -> assertThat(e.body().error()).isEqualTo(code));
    }

    @Test
    void verifyWhenSignedByATrustedIssuerThenReferenceAndClientClaimsWithoutStatementClaims() throws Exception {
        SoftwareStatements.Verified verified = statements.verify(sign(trusted, claims().build()));

        assertThat(verified.ref().issuer()).isEqualTo(ISSUER);
        assertThat(verified.ref().softwareId()).isEqualTo("travel-agent");
        assertThat(verified.ref().softwareVersion()).isEqualTo("1.4");
        assertThat(verified.clientClaims()).containsEntry("client_name", "Travel agent (vouched)")
                .containsEntry("scope", "calendar.read").doesNotContainKeys("iss", "iat");
    }

    @Test
    void verifyWhenIssuerNotConfiguredThenUnapprovedSoftwareStatement() throws Exception {
        String statement = sign(trusted, claims().issuer("https://other.example").build());

        assertRefused(() -> verify(statement), "unapproved_software_statement");
    }

    @Test
    void verifyWhenSignedByAnotherKeyThenInvalidSoftwareStatement() throws Exception {
        String statement = sign(stranger, claims().build());

        assertRefused(() -> verify(statement), "invalid_software_statement");
    }

    @Test
    void verifyWhenExpiredThenInvalidSoftwareStatement() throws Exception {
        String statement = sign(trusted, claims().expirationTime(Date.from(NOW.minusSeconds(3600))).build());

        assertRefused(() -> verify(statement), "invalid_software_statement");
    }

    @Test
    void verifyWhenHmacOrNotAJwtThenInvalidSoftwareStatement() throws Exception {
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
        hmac.sign(new MACSigner(new byte[32]));

        assertRefused(() -> verify(hmac.serialize()), "invalid_software_statement");
        assertRefused(() -> verify("not.a.jwt"), "invalid_software_statement");
        assertRefused(() -> verify("eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL3N0YXRlbWVudHMuZXhhbXBsZSJ9."),
                "invalid_software_statement");
    }

    private void verify(String statement) {
        statements.verify(statement);
    }
}
