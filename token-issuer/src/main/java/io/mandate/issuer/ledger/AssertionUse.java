package io.mandate.issuer.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * A client assertion (RFC 7523 §3: {@code jti} used once) consumed by the token request; the
 * ledger stores only a hash of client and jti, kept until the assertion has expired.
 */
public record AssertionUse(String clientId, String assertionJti, Instant expiresAt) {

    public AssertionUse {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(assertionJti, "assertionJti");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Base64url (unpadded) SHA-256 of {@code clientId + ' ' + assertionJti}: the replay key. */
    public String jtiHash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((clientId + ' ' + assertionJti).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
