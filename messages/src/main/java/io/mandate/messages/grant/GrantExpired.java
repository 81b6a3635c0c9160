package io.mandate.messages.grant;

import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;

import java.time.Instant;
import java.util.Objects;

/**
 * A grant reached its {@code expiresAt}. Issuers already refuse it from that instant by the clock;
 * this event records the fact in the ledger (written by the command side's expiry sweep).
 */
public record GrantExpired(GrantId grantId, UserId userId, ClientId agentId, Instant expiredAt) implements GrantEvent {

    public static final int REVISION = 1;

    public GrantExpired {
        Objects.requireNonNull(grantId, "grantId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(expiredAt, "expiredAt");
    }
}
