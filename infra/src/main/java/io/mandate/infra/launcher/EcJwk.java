package io.mandate.infra.launcher;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * P-256 keys as JSON Web Keys (RFC 7517, RFC 7518 §6.2) with JDK crypto only: the launcher has no JOSE
 * library and needs none for one curve and one algorithm.
 */
final class EcJwk {

    /** The coordinates' and private scalar's fixed length on P-256 (RFC 7518 §6.2.1.2). */
    private static final int FIELD_BYTES = 32;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();

    private EcJwk() {
    }

    static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has EC P-256", e);
        }
    }

    /** The public JWK, members in a fixed order: kty, crv, x, y, then kid, use, alg. */
    static Map<String, String> publicJwk(ECPublicKey key) {
        Map<String, String> jwk = new LinkedHashMap<>(requiredMembers(key));
        jwk.put("kid", thumbprint(key));
        jwk.put("use", "sig");
        jwk.put("alg", "ES256");
        return jwk;
    }

    /** The public JWK plus {@code d}, the private scalar (RFC 7518 §6.2.2.1). */
    static Map<String, String> privateJwk(KeyPair keys) {
        Map<String, String> jwk = new LinkedHashMap<>(publicJwk((ECPublicKey) keys.getPublic()));
        jwk.put("d", encode(((ECPrivateKey) keys.getPrivate()).getS()));
        return jwk;
    }

    /** Reads a private P-256 JWK back; its public half comes from {@code x} and {@code y}. */
    static KeyPair parsePrivate(JsonNode jwk) {
        if (!"EC".equals(jwk.path("kty").asText()) || !"P-256".equals(jwk.path("crv").asText())
                || !jwk.hasNonNull("d")) {
            throw new IllegalArgumentException("not a private EC P-256 JWK");
        }
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            ECParameterSpec curve = p256();
            ECPoint point = new ECPoint(decode(jwk, "x"), decode(jwk, "y"));
            return new KeyPair(factory.generatePublic(new ECPublicKeySpec(point, curve)),
                    factory.generatePrivate(new ECPrivateKeySpec(decode(jwk, "d"), curve)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a valid EC P-256 key: " + e.getMessage(), e);
        }
    }

    /** Reads a public P-256 JWK (from a JWK set, say). */
    static ECPublicKey parsePublic(JsonNode jwk) {
        try {
            ECPoint point = new ECPoint(decode(jwk, "x"), decode(jwk, "y"));
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, p256()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a valid EC P-256 key: " + e.getMessage(), e);
        }
    }

    /**
     * The RFC 7638 JWK thumbprint: base64url(SHA-256) of the required members in lexicographic order,
     * no whitespace. Used as {@code kid}, so the key id is derived from the key and never goes stale.
     */
    static String thumbprint(ECPublicKey key) {
        StringBuilder canonical = new StringBuilder("{");
        requiredMembers(key).forEach((name, value) -> canonical.append(canonical.length() > 1 ? "," : "")
                .append('"').append(name).append("\":\"").append(value).append('"'));
        canonical.append('}');
        try {
            return BASE64URL.encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** RFC 7638 §3.2: crv, kty, x, y (already in lexicographic order). */
    private static Map<String, String> requiredMembers(ECPublicKey key) {
        Map<String, String> members = new LinkedHashMap<>();
        members.put("crv", "P-256");
        members.put("kty", "EC");
        members.put("x", encode(key.getW().getAffineX()));
        members.put("y", encode(key.getW().getAffineY()));
        return members;
    }

    private static ECParameterSpec p256() throws GeneralSecurityException {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        return parameters.getParameterSpec(ECParameterSpec.class);
    }

    /** Big-endian, left-padded to the field length, as RFC 7518 §6.2.1.2 requires (never shortened). */
    private static String encode(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] fixed = new byte[FIELD_BYTES];
        int length = Math.min(raw.length, FIELD_BYTES);
        System.arraycopy(raw, raw.length - length, fixed, FIELD_BYTES - length, length);
        return BASE64URL.encodeToString(fixed);
    }

    private static BigInteger decode(JsonNode jwk, String member) {
        if (!jwk.hasNonNull(member)) {
            throw new IllegalArgumentException("JWK member " + member + " is missing");
        }
        return new BigInteger(1, BASE64URL_DECODER.decode(jwk.get(member).asText()));
    }
}
