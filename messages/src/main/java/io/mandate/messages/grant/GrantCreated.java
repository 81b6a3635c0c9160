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
 * @param authenticatedBy for a CONSENT grant, how the consenting user signed in: {@code local} (a local
 *                  user of the authorization server) or the issuer identifier of the external OpenID
 *                  Provider; null for an ADMIN grant and in revision 1 and 2 payloads (not recorded then)
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
                           GrantOrigin origin,
                           String authenticatedBy) implements GrantEvent {

    /**
     * 2: {@code origin} added. A revision 1 payload has none and is read as ADMIN (the only origin then).
     * 3: {@code authenticatedBy} added; absent (null) in older payloads.
     */
    public static final int REVISION = 3;

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

    /** A grant without a record of how its user signed in (an admin's, or a revision 1 or 2 event). */
    public GrantCreated(GrantId grantId, UserId userId, ClientId agentId, String audience, Scopes scopes,
                        DelegationPolicy policy, Instant expiresAt, String createdBy, Instant createdAt,
                        GrantOrigin origin) {
        this(grantId, userId, agentId, audience, scopes, policy, expiresAt, createdBy, createdAt, origin, null);
    }

    /** A grant recorded by an administrator. */
    public GrantCreated(GrantId grantId, UserId userId, ClientId agentId, String audience, Scopes scopes,
                        DelegationPolicy policy, Instant expiresAt, String createdBy, Instant createdAt) {
        this(grantId, userId, agentId, audience, scopes, policy, expiresAt, createdBy, createdAt, GrantOrigin.ADMIN, null);
    }
}
