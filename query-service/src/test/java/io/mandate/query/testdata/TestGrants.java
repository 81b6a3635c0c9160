package io.mandate.query.testdata;

import io.mandate.messages.MandateEvent;
import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.DelegationPolicy;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.grant.GrantExpired;
import io.mandate.messages.grant.GrantRevoked;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;
import io.mandate.messages.wire.EventEnvelope;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Test data: a fully populated grant with unique ids, so tests never see each other's data. */
public final class TestGrants {

    public static final Instant CREATED_AT = Instant.parse("2026-11-28T10:15:30.123Z");
    public static final Instant EXPIRES_AT = Instant.parse("2027-11-28T10:15:30Z");

    private TestGrants() {
    }

    public static GrantCreated aGrantCreated() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        return new GrantCreated(GrantId.random(), UserId.of("alice-" + unique), ClientId.of("agent-" + unique),
                "https://calendar.example.com",
                Scopes.of("calendar.write", "calendar.read"),
                new DelegationPolicy(Set.of(ClientId.of("mcp-b"), ClientId.of("mcp-a")),
                        Set.of(ClientKind.MCP_SERVER, ClientKind.AGENT), 3, Scopes.of("calendar.write")),
                EXPIRES_AT, "admin", CREATED_AT);
    }

    public static EventEnvelope envelopeOf(GrantCreated created) {
        return EventEnvelope.wrap("evt-" + UUID.randomUUID(), 0, created.createdAt(), created);
    }

    public static GrantRevoked revoked(GrantCreated created, Instant at) {
        return new GrantRevoked(created.grantId(), created.userId(), created.agentId(), "agent misbehaved", "responder", at);
    }

    public static GrantExpired expired(GrantCreated created, Instant at) {
        return new GrantExpired(created.grantId(), created.userId(), created.agentId(), at);
    }

    /** Any event, as the command side would publish it at this aggregate sequence. */
    public static EventEnvelope envelopeOf(MandateEvent event, long sequence, Instant occurredAt) {
        return EventEnvelope.wrap("evt-" + UUID.randomUUID(), sequence, occurredAt, event);
    }
}
