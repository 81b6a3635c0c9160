package io.mandate.system;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A token Mandate issued, read back: header, claims, and whether it verifies against a JWK set. */
record IssuedToken(String serialized, JWSHeader header, JWTClaimsSet claims) {

    static IssuedToken parse(String serialized) {
        try {
            SignedJWT jwt = SignedJWT.parse(serialized);
            return new IssuedToken(serialized, jwt.getHeader(), jwt.getJWTClaimsSet());
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a signed JWT", e);
        }
    }

    /** The issuer's published keys ({@code GET /oauth2/jwks}). */
    static JWKSet jwksOf(String issuerUrl) {
        try {
            return JWKSet.parse(new Http().get(issuerUrl + "/oauth2/jwks", null, null).body());
        } catch (ParseException e) {
            throw new IllegalStateException("the JWKS is not a JWK set", e);
        }
    }

    /** True when the key named by {@code kid} in {@code jwks} verifies the signature. */
    boolean verifiesWith(JWKSet jwks) {
        JWK key = jwks.getKeyByKeyId(header.getKeyID());
        if (!(key instanceof ECKey ec)) {
            return false;
        }
        try {
            return SignedJWT.parse(serialized).verify(new ECDSAVerifier(ec.toECPublicKey()));
        } catch (ParseException | JOSEException e) {
            return false;
        }
    }

    String jti() {
        return claims.getJWTID();
    }

    String subject() {
        return claims.getSubject();
    }

    List<String> audience() {
        return claims.getAudience();
    }

    String string(String claim) {
        try {
            return claims.getStringClaim(claim);
        } catch (ParseException e) {
            throw new IllegalArgumentException(claim + " is not a string", e);
        }
    }

    Map<String, Object> object(String claim) {
        try {
            return claims.getJSONObjectClaim(claim);
        } catch (ParseException e) {
            throw new IllegalArgumentException(claim + " is not an object", e);
        }
    }

    List<String> lineage() {
        try {
            return claims.getStringListClaim("lineage");
        } catch (ParseException e) {
            throw new IllegalArgumentException("lineage is not a list of strings", e);
        }
    }

    Duration lifetime() {
        return Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant());
    }

    /** This token with its payload altered and the original signature kept: a forgery. */
    IssuedToken tampered(String claim, Object value) {
        JWTClaimsSet altered = new JWTClaimsSet.Builder(claims).claim(claim, value).build();
        String[] parts = serialized.split("\\.");
        String payload = Base64URL.encode(altered.toString()).toString();
        return new IssuedToken(parts[0] + "." + payload + "." + parts[2], header, altered);
    }
}
