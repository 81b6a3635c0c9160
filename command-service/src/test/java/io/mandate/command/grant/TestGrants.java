package io.mandate.command.grant;

import io.mandate.command.registry.ClientStatus;
import io.mandate.command.registry.TestRegistrations;
import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.CreateGrant;
import io.mandate.messages.grant.DelegationPolicy;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.grant.GrantExpired;
import io.mandate.messages.grant.GrantRevoked;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;

import java.time.Instant;
import java.util.Set;

/** Test data builder: a valid CreateGrant, changed one property at a time. */
final class TestGrants {

    static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    private GrantId grantId = GrantId.of("grt_test-1");
    private String userId = "alice";
    private String agentId = "travel-agent";
    private String audience = "https://calendar.example.com";
    private Scopes scopes = Scopes.of("calendar.read", "calendar.write");
    private DelegationPolicy policy = new DelegationPolicy(Set.of(ClientId.of("calendar-mcp")),
            Set.of(ClientKind.MCP_SERVER), 2, Scopes.of("calendar.write"));
    private Instant expiresAt = NOW.plusSeconds(3600);
    private String requestedBy = "admin";

    private TestGrants() {
    }

    /**
     * The clients a default grant names: the agent, the audience's resource server (by id and by
     * URIs) and the MCP server the policy allows next.
     */
    static TestRegistrations registeredParties() {
        return new TestRegistrations()
                .with(ClientKind.AGENT, "travel-agent", ClientStatus.ACTIVE,
                        Scopes.of("calendar.read", "calendar.write", "mail.read"))
                .with(ClientKind.RESOURCE_SERVER, "calendar-api", ClientStatus.ACTIVE, Scopes.of("calendar.read"),
                        "https://calendar.example.com", "https://calendar.example.com/api")
                .with(ClientKind.MCP_SERVER, "calendar-mcp", ClientStatus.ACTIVE, Scopes.of("calendar.read"),
                        "https://mcp.calendar.example.com");
    }

    static TestGrants aGrant() {
        return new TestGrants();
    }

    TestGrants withScopes(Scopes scopes) {
        this.scopes = scopes;
        return this;
    }

    TestGrants withAudience(String audience) {
        this.audience = audience;
        return this;
    }

    TestGrants withPolicy(DelegationPolicy policy) {
        this.policy = policy;
        return this;
    }

    TestGrants withExpiresAt(Instant expiresAt) {
        this.expiresAt = expiresAt;
        return this;
    }

    TestGrants withAgentId(String agentId) {
        this.agentId = agentId;
        return this;
    }

    TestGrants withUserId(String userId) {
        this.userId = userId;
        return this;
    }

    CreateGrant command() {
        return new CreateGrant(grantId, UserId.of(userId), ClientId.of(agentId), audience, scopes, policy,
                expiresAt, requestedBy);
    }

    GrantRevoked revokedAt(Instant revokedAt, String reason, String revokedBy) {
        return new GrantRevoked(grantId, UserId.of(userId), ClientId.of(agentId), reason, revokedBy, revokedAt);
    }

    GrantExpired expired() {
        return new GrantExpired(grantId, UserId.of(userId), ClientId.of(agentId), expiresAt);
    }

    GrantId grantId() {
        return grantId;
    }

    GrantCreated createdAt(Instant createdAt) {
        return new GrantCreated(grantId, UserId.of(userId), ClientId.of(agentId), audience, scopes, policy,
                expiresAt, requestedBy, createdAt);
    }
}
