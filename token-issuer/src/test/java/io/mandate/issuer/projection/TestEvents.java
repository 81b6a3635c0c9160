package io.mandate.issuer.projection;

import io.mandate.messages.MandateEvent;
import io.mandate.messages.client.ClientDeleted;
import io.mandate.messages.client.ClientRegistered;
import io.mandate.messages.client.ClientReinstated;
import io.mandate.messages.client.ClientSuspended;
import io.mandate.messages.client.RegistrationPath;
import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.DelegationPolicy;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.grant.GrantExpired;
import io.mandate.messages.grant.GrantRevoked;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.id.UserId;
import io.mandate.messages.revocation.ClientRevoked;
import io.mandate.messages.revocation.TokenRevoked;
import io.mandate.messages.revocation.UserRevoked;
import io.mandate.messages.wire.EventEnvelope;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Test data for every event family the issuer projects, and their envelopes. */
public final class TestEvents {

    public static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    private TestEvents() {
    }

    public static EventEnvelope envelope(MandateEvent event, long sequence) {
        return EventEnvelope.wrap(UUID.randomUUID().toString(), sequence, T0, event);
    }

    public static ClientRegistered registered(String clientId) {
        return new ClientRegistered(ClientId.of(clientId), ClientKind.AGENT, "Client " + clientId, "team-a",
                Scopes.parse("calendar.read calendar.write"), List.of(), RegistrationPath.ADMIN, "admin", T0);
    }

    public static ClientSuspended suspended(String clientId, Instant at) {
        return new ClientSuspended(ClientId.of(clientId), "suspicious", "responder", at);
    }

    public static ClientReinstated reinstated(String clientId, Instant at) {
        return new ClientReinstated(ClientId.of(clientId), "cleared", "admin", at);
    }

    public static ClientDeleted deleted(String clientId, Instant at) {
        return new ClientDeleted(ClientId.of(clientId), "decommissioned", "admin", at);
    }

    public static GrantCreated grantCreated(String grantId, String userId, String agentId, Instant createdAt,
                                            Instant expiresAt) {
        return new GrantCreated(GrantId.of(grantId), UserId.of(userId), ClientId.of(agentId),
                "https://calendar.example", Scopes.parse("calendar.read"),
                new DelegationPolicy(null, java.util.Set.of(ClientKind.MCP_SERVER), DelegationPolicy.MAX_DEPTH_LIMIT,
                        null), expiresAt, "admin", createdAt);
    }

    public static GrantRevoked grantRevoked(String grantId, String userId, String agentId, Instant at) {
        return new GrantRevoked(GrantId.of(grantId), UserId.of(userId), ClientId.of(agentId), "leaked", "responder", at);
    }

    public static GrantExpired grantExpired(String grantId, String userId, String agentId, Instant at) {
        return new GrantExpired(GrantId.of(grantId), UserId.of(userId), ClientId.of(agentId), at);
    }

    public static ClientRevoked clientRevoked(String clientId, Instant at) {
        return new ClientRevoked(ClientId.of(clientId), "compromised", "responder", at);
    }

    public static UserRevoked userRevoked(String userId, Instant at) {
        return new UserRevoked(UserId.of(userId), "account taken over", "responder", at);
    }

    public static TokenRevoked tokenRevoked(String jti, Instant at) {
        return new TokenRevoked(Jti.of(jti), "token leaked", "responder", at);
    }
}
