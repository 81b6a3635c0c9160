package io.mandate.issuer.hostile;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Hand-made JWTs for attacks on the token endpoint: unsecured ({@code alg: none}), HMAC keyed with
 * a public key (algorithm confusion), signed with keys the issuer does not know, and real tokens
 * altered after signing. Edits work on the decoded JSON, never on base64 characters: a changed
 * last character of a base64url segment may decode to the same bytes, which would make a
 * "tampered" token secretly untouched.
 */
final class Forge {

    static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

    private Forge() {
    }

    /** RFC 7519 §6 unsecured JWT, built by hand: Nimbus refuses to produce one as a JWS. */
    static String unsecured(Map<String, Object> header, JWTClaimsSet claims) {
        return Base64URL.encode(JSONObjectUtils.toJSONString(header)) + "."
                + Base64URL.encode(claims.toString()) + ".";
    }

    static String unsecured(JWTClaimsSet claims) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "none");
        header.put("typ", "at+jwt");
        return unsecured(header, claims);
    }

    /** HS256 over the claims, with {@code secret} as the HMAC key (padded to 256 bits as RFC 7518 §3.2 needs). */
    static String hmac(JWTClaimsSet claims, byte[] secret, String keyId) {
        byte[] key = secret.length >= 32 ? secret : java.util.Arrays.copyOf(secret, 32);
        try {
            return signed(new JWSHeader.Builder(JWSAlgorithm.HS256).type(AT_JWT).keyID(keyId).build(), claims,
                    new MACSigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String signed(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) {
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** The token with its payload replaced by an edited copy; header and signature are the original ones. */
    static String withClaims(String token, Consumer<Map<String, Object>> edit) {
        String[] parts = token.split("\\.", -1);
        Map<String, Object> payload = new LinkedHashMap<>(json(parts[1]));
        edit.accept(payload);
        return parts[0] + "." + Base64URL.encode(JSONObjectUtils.toJSONString(payload)) + "." + parts[2];
    }

    /** The token with its header replaced by an edited copy; payload and signature are the original ones. */
    static String withHeader(String token, Consumer<Map<String, Object>> edit) {
        String[] parts = token.split("\\.", -1);
        Map<String, Object> header = new LinkedHashMap<>(json(parts[0]));
        edit.accept(header);
        return Base64URL.encode(JSONObjectUtils.toJSONString(header)) + "." + parts[1] + "." + parts[2];
    }

    /** The token with one bit of its decoded signature flipped. */
    static String withSignatureBitFlipped(String token, int bit) {
        String[] parts = token.split("\\.", -1);
        byte[] signature = new Base64URL(parts[2]).decode();
        int index = Math.floorMod(bit, signature.length * 8);
        signature[index / 8] ^= (byte) (1 << (index % 8));
        return parts[0] + "." + parts[1] + "." + Base64URL.encode(signature);
    }

    static JWTClaimsSet claims(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet();
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    static JWSHeader header(String token) {
        try {
            return SignedJWT.parse(token).getHeader();
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    static ECKey ecKey(Curve curve, String keyId) {
        try {
            return new ECKeyGenerator(curve).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static RSAKey rsaKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> json(String segment) {
        try {
            return JSONObjectUtils.parse(new Base64URL(segment).decodeToString());
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
