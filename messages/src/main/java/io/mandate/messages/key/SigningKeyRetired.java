package io.mandate.messages.key;

import java.time.Instant;
import java.util.Objects;

/**
 * The key signs nothing more. It stays published until {@code publishUntil}: the expiry of the
 * last token it can have signed.
 */
public record SigningKeyRetired(String keyId, Instant retiredAt, Instant publishUntil) implements SigningKeyEvent {

    public static final int REVISION = 1;

    public SigningKeyRetired {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(retiredAt, "retiredAt");
        Objects.requireNonNull(publishUntil, "publishUntil");
    }
}
