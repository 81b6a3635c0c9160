package io.mandate.issuer.registration;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.mandate.messages.client.SoftwareStatementRef;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies RFC 7591 §2.3 software statements: a JWS signed by one of the configured trusted statement
 * issuers, with an asymmetric algorithm, not expired. A statement from an issuer nobody configured is
 * {@code unapproved_software_statement}; a malformed, badly signed or expired one
 * {@code invalid_software_statement}. Its claims then take precedence over the request's metadata.
 */
final class SoftwareStatements {

    /** Claims about the statement itself, not about the client: never merged into the metadata. */
    static final Set<String> STATEMENT_ONLY_CLAIMS = Set.of("iss", "sub", "aud", "exp", "iat", "nbf", "jti");
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.RS256, JWSAlgorithm.PS256);
    private static final Duration SKEW = Duration.ofSeconds(60);

    private final Map<String, JWKSet> keysByIssuer = new HashMap<>();
    private final Clock clock;

    SoftwareStatements(List<RegistrationProperties.StatementIssuer> issuers, Clock clock) {
        this.clock = clock;
        for (RegistrationProperties.StatementIssuer issuer : issuers) {
            try {
                String json = issuer.jwksFile() != null
                        ? Files.readString(issuer.jwksFile(), StandardCharsets.UTF_8) : issuer.jwks();
                keysByIssuer.put(issuer.issuer(), JWKSet.parse(json).toPublicJWKSet());
            } catch (IOException | ParseException e) {
                throw new IllegalStateException("cannot read the keys of software statement issuer " + issuer.issuer(), e);
            }
        }
    }

    /** A statement that verified: the reference to record and the claims that override the request. */
    record Verified(SoftwareStatementRef ref, Map<String, Object> clientClaims) {
    }

    Verified verify(String statement) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(statement);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw RegistrationError.invalidSoftwareStatement("The software statement is not a signed JWT");
        }
        if (!ALGORITHMS.contains(jwt.getHeader().getAlgorithm())) {
            throw RegistrationError.invalidSoftwareStatement("The software statement's algorithm is not accepted");
        }
        String issuer = claims.getIssuer();
        JWKSet keys = issuer == null ? null : keysByIssuer.get(issuer);
        if (keys == null) {
            throw RegistrationError.unapprovedSoftwareStatement("The software statement's issuer is not trusted here");
        }
        if (!verifiedByAny(jwt, keys)) {
            throw RegistrationError.invalidSoftwareStatement("The software statement's signature does not verify");
        }
        Instant now = clock.instant();
        if (before(claims.getExpirationTime(), now.minus(SKEW)) || after(claims.getIssueTime(), now.plus(SKEW))
                || after(claims.getNotBeforeTime(), now.plus(SKEW))) {
            throw RegistrationError.invalidSoftwareStatement("The software statement is expired or not yet valid");
        }
        Map<String, Object> clientClaims = new HashMap<>(claims.toJSONObject());
        STATEMENT_ONLY_CLAIMS.forEach(clientClaims::remove);
        clientClaims.remove("software_statement");
        SoftwareStatementRef ref;
        try {
            ref = new SoftwareStatementRef(issuer, stringClaim(claims, "software_id"),
                    stringClaim(claims, "software_version"));
        } catch (IllegalArgumentException e) {
            throw RegistrationError.invalidSoftwareStatement("The software statement's software_id is not acceptable");
        }
        return new Verified(ref, clientClaims);
    }

    private static boolean verifiedByAny(SignedJWT jwt, JWKSet keys) {
        String kid = jwt.getHeader().getKeyID();
        DefaultJWSVerifierFactory factory = new DefaultJWSVerifierFactory();
        for (JWK jwk : keys.getKeys()) {
            if (kid != null && jwk.getKeyID() != null && !kid.equals(jwk.getKeyID())) {
                continue;
            }
            if (!(jwk instanceof AsymmetricJWK asymmetric)) {
                continue;
            }
            try {
                Key key = asymmetric.toPublicKey();
                JWSVerifier verifier = factory.createJWSVerifier(jwt.getHeader(), key);
                if (jwt.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException e) {
                // This key does not fit the algorithm: try the next.
            }
        }
        return false;
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            throw RegistrationError.invalidSoftwareStatement("The software statement's " + name + " is not a string");
        }
    }

    private static boolean before(Date date, Instant instant) {
        return date != null && date.toInstant().isBefore(instant);
    }

    private static boolean after(Date date, Instant instant) {
        return date != null && date.toInstant().isAfter(instant);
    }
}
