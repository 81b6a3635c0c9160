package io.mandate.command.client;

import io.mandate.messages.client.ClientCredentials;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Client secrets for {@code client_secret_basic} (RFC 6749 §2.3.1): 256 random bits, base64url
 * without padding, and the only form Mandate keeps of them, {@code sha256:} + base64url(SHA-256 of the
 * secret string as UTF-8). A fast hash is enough because the secret is random, not chosen: there is
 * no dictionary to try. The token-issuer recomputes the same hash from what the client sends.
 */
final class ClientSecrets {

    static final int SECRET_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private ClientSecrets() {
    }

    /** A new secret, as the client will send it (43 characters). */
    static String generate() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    /** The stored form of a secret: hashes exactly the string the client sends, as UTF-8. */
    static String hash(String secret) {
        return ClientCredentials.SECRET_HASH_PREFIX + BASE64URL.encodeToString(sha256(secret));
    }

    /** Whether {@code secret} is the one {@code storedHash} was made from; compares in constant time. */
    static boolean matches(String secret, String storedHash) {
        if (secret == null || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(secret).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
