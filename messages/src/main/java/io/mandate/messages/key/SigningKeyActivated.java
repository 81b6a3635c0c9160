package io.mandate.messages.key;

import java.time.Instant;
import java.util.Objects;

/** The key signs new tokens from now on (it is already published, so its tokens verify at once). */
public record SigningKeyActivated(String keyId, Instant activatedAt) implements SigningKeyEvent {

    public static final int REVISION = 1;

    public SigningKeyActivated {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(activatedAt, "activatedAt");
    }
}
