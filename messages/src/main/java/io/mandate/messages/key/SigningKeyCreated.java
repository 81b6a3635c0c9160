package io.mandate.messages.key;

import java.time.Instant;
import java.util.Objects;

/**
 * A signing key was generated.
 *
 * @param keyId     the {@code kid}: the RFC 7638 thumbprint of the public key
 * @param algorithm the JWS algorithm it signs with (e.g. {@code ES256})
 * @param publicJwk the public key as a JWK JSON object (no private part)
 * @param issuerInstance which token-issuer instance holds the private key
 */
public record SigningKeyCreated(String keyId, String algorithm, String publicJwk, String issuerInstance,
                                Instant createdAt) implements SigningKeyEvent {

    public static final int REVISION = 1;

    public SigningKeyCreated {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(publicJwk, "publicJwk");
        Objects.requireNonNull(issuerInstance, "issuerInstance");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
