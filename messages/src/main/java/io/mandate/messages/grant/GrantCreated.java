package io.mandate.messages.grant;

import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;

import java.time.Instant;
import java.util.Objects;

/**
 * A user granted an agent access to one resource (audience), up to a scope ceiling, under a
 * delegation policy, until an expiry. The root of every chain derived from it.
 *
 * @param createdBy who recorded the grant (an administrator, or the user through consent)
 */
public record GrantCreated(GrantId grantId,
                           UserId userId,
                           ClientId agentId,
                           String audience,
                           Scopes scopes,
                           DelegationPolicy policy,
                           Instant expiresAt,
                           String createdBy,
                           Instant createdAt) implements GrantEvent {

    public static final int REVISION = 1;

    public GrantCreated {
        Objects.requireNonNull(grantId, "grantId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
