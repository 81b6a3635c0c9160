package io.mandate.messages.revocation;

import io.mandate.messages.id.UserId;

import java.time.Instant;
import java.util.Objects;

/**
 * Everything acting for one user, up to {@code revokedAt}: every grant the user gave and every
 * token whose subject is the user, issued at or before that instant (a watermark).
 */
public record UserRevoked(UserId userId, String reason, String revokedBy, Instant revokedAt)
        implements RevocationEvent {

    public static final int REVISION = 1;

    public UserRevoked {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(revokedBy, "revokedBy");
        Objects.requireNonNull(revokedAt, "revokedAt");
    }

    @Override
    public String aggregateId() {
        return "user:" + userId.value();
    }
}
