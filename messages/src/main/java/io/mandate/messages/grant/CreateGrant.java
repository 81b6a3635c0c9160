package io.mandate.messages.grant;

import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;

import java.time.Instant;
import java.util.Objects;

/**
 * Command: record that a user grants an agent access to an audience up to a scope ceiling.
 *
 * @param requestedBy the admin principal, or {@code user:<userId>} when the user consented
 * @param origin      ADMIN (admin API) or CONSENT (the authorization server's consent page)
 * @param authenticatedBy for CONSENT: {@code local} or the issuer of the OpenID Provider the user signed in
 *                    with (at most 2048 characters); null for ADMIN
 */
public record CreateGrant(GrantId grantId,
                          UserId userId,
                          ClientId agentId,
                          String audience,
                          Scopes scopes,
                          DelegationPolicy policy,
                          Instant expiresAt,
                          String requestedBy,
                          GrantOrigin origin,
                          String authenticatedBy) {

    public static final int MAX_AUTHENTICATED_BY = 2048;

    public CreateGrant {
        Objects.requireNonNull(grantId, "grantId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(requestedBy, "requestedBy");
        origin = origin == null ? GrantOrigin.ADMIN : origin;
        if (authenticatedBy != null && (authenticatedBy.isBlank() || authenticatedBy.length() > MAX_AUTHENTICATED_BY)) {
            throw new IllegalArgumentException("authenticatedBy must be 1 to " + MAX_AUTHENTICATED_BY + " characters");
        }
    }

    /** A grant without a record of how its user signed in. */
    public CreateGrant(GrantId grantId, UserId userId, ClientId agentId, String audience, Scopes scopes,
                       DelegationPolicy policy, Instant expiresAt, String requestedBy, GrantOrigin origin) {
        this(grantId, userId, agentId, audience, scopes, policy, expiresAt, requestedBy, origin, null);
    }

    /** A grant an administrator records. */
    public CreateGrant(GrantId grantId, UserId userId, ClientId agentId, String audience, Scopes scopes,
                       DelegationPolicy policy, Instant expiresAt, String requestedBy) {
        this(grantId, userId, agentId, audience, scopes, policy, expiresAt, requestedBy, GrantOrigin.ADMIN);
    }
}
