package io.mandate.messages.grant;

import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;

import java.time.Instant;
import java.util.Objects;

/** Command: record that a user grants an agent access to an audience up to a scope ceiling. */
public record CreateGrant(GrantId grantId,
                          UserId userId,
                          ClientId agentId,
                          String audience,
                          Scopes scopes,
                          DelegationPolicy policy,
                          Instant expiresAt,
                          String requestedBy) {

    public CreateGrant {
        Objects.requireNonNull(grantId, "grantId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(requestedBy, "requestedBy");
    }
}
