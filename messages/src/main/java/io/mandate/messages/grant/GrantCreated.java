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
 * @param createdBy who recorded the grant: the admin principal, or {@code user:<userId>} through consent
 * @param origin    ADMIN or CONSENT; absent in revision 1 payloads, which are all ADMIN (read as such)
 */
public record GrantCreated(GrantId grantId,
                           UserId userId,
                           ClientId agentId,
                           String audience,
                           Scopes scopes,
                           DelegationPolicy policy,
                           Instant expiresAt,
                           String createdBy,
                           Instant createdAt,
                           GrantOrigin origin) implements GrantEvent {

    /** 2: {@code origin} added. A revision 1 payload has none and is read as ADMIN (the only origin then). */
    public static final int REVISION = 2;

    public GrantCreated {
        Objects.requireNonNull(grantId, "grantId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        origin = origin == null ? GrantOrigin.ADMIN : origin;
    }

    /** A grant recorded by an administrator. */
    public GrantCreated(GrantId grantId, UserId userId, ClientId agentId, String audience, Scopes scopes,
                        DelegationPolicy policy, Instant expiresAt, String createdBy, Instant createdAt) {
        this(grantId, userId, agentId, audience, scopes, policy, expiresAt, createdBy, createdAt, GrantOrigin.ADMIN);
    }
}
