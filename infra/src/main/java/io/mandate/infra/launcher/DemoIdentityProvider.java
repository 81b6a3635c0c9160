package io.mandate.infra.launcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mandate.messages.id.UserId;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The local stack's stand-in for a company identity provider (Okta, Entra ID, Keycloak …): one EC P-256
 * key under {@code <home>/demo-idp/}, created once, whose public JWK set the token-issuer trusts as an
 * external issuer, and which signs user access tokens for {@code ./mandate demo-token <user>}: the
 * subject token of a first exchange (RFC 8693 §2.1). A real deployment configures its real IdP instead.
 */
final class DemoIdentityProvider {

    /** The {@code iss} of its tokens, which the token-issuer must trust by exactly this value. */
    static final String ISSUER = "https://idp.demo.mandate.local";
    /** The {@code aud} of its tokens: Mandate, where they are exchanged. */
    static final String AUDIENCE = "mandate";
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(10);

    static final String FOLDER = "demo-idp";
    static final String PRIVATE_KEY_FILE = "private-key.jwk.json";
    static final String JWKS_FILE = "jwks.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final KeyPair keys;
    private final String kid;

    private DemoIdentityProvider(KeyPair keys) {
        this.keys = keys;
        this.kid = EcJwk.thumbprint((ECPublicKey) keys.getPublic());
    }

    /** Where the token-issuer reads the public keys (whether or not they exist yet). */
    static Path jwksFile(Path home) {
        return home.resolve(FOLDER).resolve(JWKS_FILE);
    }

    /**
     * The key under {@code home}, created on the first call and read on every later one, and its public
     * JWK set beside it.
     */
    static DemoIdentityProvider createOnce(Path home) {
        Path folder = PrivateFiles.folder(home.resolve(FOLDER));
        Path privateKey = folder.resolve(PRIVATE_KEY_FILE);
        if (!Files.exists(privateKey)) {
            PrivateFiles.createOnce(privateKey, json(EcJwk.privateJwk(EcJwk.generate())));
        }
        DemoIdentityProvider idp = read(privateKey); // a concurrent first call may have won: use its key
        Path jwks = folder.resolve(JWKS_FILE);
        try {
            // Derived from the private key: rewritten only when it is missing or does not match it.
            if (!Files.exists(jwks) || !Files.readString(jwks, StandardCharsets.UTF_8).equals(idp.publicJwkSet())) {
                Files.writeString(jwks, idp.publicJwkSet(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + jwks, e);
        }
        return idp;
    }

    /** The key {@code ./mandate up} created; signing with a new one would give tokens the issuer does not trust. */
    static DemoIdentityProvider existing(Path home) {
        Path privateKey = home.resolve(FOLDER).resolve(PRIVATE_KEY_FILE);
        if (!Files.exists(privateKey)) {
            throw new IllegalStateException("no demo identity provider at " + privateKey.getParent()
                    + ": start the stack first (./mandate up)");
        }
        return read(privateKey);
    }

    /** {@code {"keys":[<the public JWK>]}}: what the token-issuer verifies user tokens with. */
    String publicJwkSet() {
        return json(Map.of("keys", List.of(EcJwk.publicJwk((ECPublicKey) keys.getPublic()))));
    }

    String kid() {
        return kid;
    }

    /**
     * A user's access token: a JWS in compact serialization (RFC 7515 §7.1) signed ES256, header
     * {@code {"alg":"ES256","typ":"JWT","kid":…}}, claims iss, sub, aud, iat, exp (+10 min), jti.
     *
     * @throws IllegalArgumentException when {@code user} is not a valid user id
     */
    String userToken(String user, Clock clock) {
        UserId subject = UserId.of(user);
        Instant now = clock.instant();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "ES256");
        header.put("typ", "JWT");
        header.put("kid", kid);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", subject.value());
        claims.put("aud", AUDIENCE);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(TOKEN_LIFETIME).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        String signingInput = base64url(json(header)) + "." + base64url(json(claims));
        return signingInput + "." + BASE64URL.encodeToString(sign(signingInput));
    }

    /** ES256 (RFC 7518 §3.4): the JWS signature is r ‖ s, 32 bytes each, which is the JDK's P1363 format. */
    private byte[] sign(String signingInput) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initSign(keys.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the demo IdP key", e);
        }
    }

    private static DemoIdentityProvider read(Path privateKey) {
        try {
            return new DemoIdentityProvider(EcJwk.parsePrivate(JSON.readTree(privateKey.toFile())));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the demo IdP key " + privateKey + " (delete the folder "
                    + privateKey.getParent() + " and run ./mandate up to make a new one): " + e.getMessage(), e);
        }
    }

    private static String base64url(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
