package io.mandate.messages.revocation;

import io.mandate.messages.id.Jti;

import java.time.Instant;
import java.util.Objects;

/**
 * One token was revoked, and by cascade every token derived from it (its lineage: the tokens
 * whose chain of parent jtis reaches it). Carries the jti only, never the token.
 */
public record TokenRevoked(Jti jti, String reason, String revokedBy, Instant revokedAt) implements RevocationEvent {

    public static final int REVISION = 1;

    public TokenRevoked {
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(revokedBy, "revokedBy");
        Objects.requireNonNull(revokedAt, "revokedAt");
    }

    @Override
    public String aggregateId() {
        return "token:" + jti.value();
    }
}
