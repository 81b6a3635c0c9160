package io.mandate.messages.grant;

import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;

import java.time.Instant;
import java.util.Objects;

/**
 * A grant was revoked: final. Every token issued under it is revoked with it (the issuer
 * refuses its lineage at once); a later grant for the same user and agent is unaffected.
 * Carries user and agent so consumers need no lookup to file it.
 */
public record GrantRevoked(GrantId grantId,
                           UserId userId,
                           ClientId agentId,
                           String reason,
                           String revokedBy,
                           Instant revokedAt) implements GrantEvent {

    public static final int REVISION = 1;

    public GrantRevoked {
        Objects.requireNonNull(grantId, "grantId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(revokedBy, "revokedBy");
        Objects.requireNonNull(revokedAt, "revokedAt");
    }
}
