package io.mandate.issuer.authorize;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Proof Key for Code Exchange (RFC 7636), S256 only: {@code plain} would let whoever reads the
 * authorization request (logs, referrers, a malicious app on the device) redeem the code.
 */
public final class Pkce {

    public static final String S256 = "S256";

    /** §4.1: 43 to 128 characters of {@code [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~"}. */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    /** §4.2: an S256 challenge is base64url(SHA-256) without padding: exactly 43 characters. */
    private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private Pkce() {
    }

    public static boolean isVerifier(String verifier) {
        return verifier != null && VERIFIER.matcher(verifier).matches();
    }

    public static boolean isS256Challenge(String challenge) {
        return challenge != null && S256_CHALLENGE.matcher(challenge).matches();
    }

    /** §4.2: {@code BASE64URL-ENCODE(SHA256(ASCII(code_verifier)))}. */
    public static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** §4.6, compared in constant time. */
    public static boolean matches(String verifier, String challenge) {
        if (!isVerifier(verifier) || challenge == null) {
            return false;
        }
        return MessageDigest.isEqual(challengeOf(verifier).getBytes(StandardCharsets.US_ASCII),
                challenge.getBytes(StandardCharsets.US_ASCII));
    }
}
