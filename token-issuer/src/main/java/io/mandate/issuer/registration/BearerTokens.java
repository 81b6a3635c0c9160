package io.mandate.issuer.registration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;

/**
 * Registration access tokens (RFC 7592 §3) and initial access tokens (RFC 7591 §3): 256 random bits,
 * base64url without padding; stored and configured only as {@code sha256:} + base64url(SHA-256). As with
 * client secrets, a fast hash is enough for 256 random bits (there is no dictionary to try); comparisons
 * are constant-time.
 */
final class BearerTokens {

    static final String HASH_PREFIX = "sha256:";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_TOKEN_LENGTH = 512;

    private BearerTokens() {
    }

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HASH_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    static boolean matches(String token, String expectedHash) {
        if (token == null || expectedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(token).getBytes(StandardCharsets.US_ASCII),
                expectedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether the token hashes to any of the configured hashes; each one is compared (no early exit). */
    static boolean matchesAny(String token, Collection<String> hashes) {
        boolean match = false;
        for (String hash : hashes) {
            match |= matches(token, hash);
        }
        return match;
    }

    /**
     * The token of an {@code Authorization: Bearer} header (RFC 6750 §2.1), or null when the header is
     * absent, of another scheme, or not a plausible token (b64token characters only).
     */
    static String fromAuthorization(String header) {
        if (header == null || header.length() > MAX_TOKEN_LENGTH + 7
                || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() || !token.matches("[A-Za-z0-9\\-._~+/]+=*") ? null : token;
    }
}
