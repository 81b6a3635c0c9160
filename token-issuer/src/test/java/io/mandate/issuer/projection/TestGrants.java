package io.mandate.issuer.projection;

import io.mandate.messages.grant.DelegationPolicy;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;
import io.mandate.messages.wire.EventEnvelope;

import java.time.Instant;
import java.util.UUID;

/** Test data: grants and their Kafka envelopes, with sensible defaults to override. */
final class TestGrants {

    static final Instant CREATED_AT = Instant.parse("2026-11-28T10:00:00Z");

    private TestGrants() {
    }

    static GrantCreated aGrantCreated(GrantId grantId) {
        return aGrantCreated(grantId, "https://calendar.example");
    }

    static GrantCreated aGrantCreated(GrantId grantId, String audience) {
        return new GrantCreated(grantId, UserId.of("alice"), ClientId.of("travel-agent"), audience,
                Scopes.parse("calendar.read calendar.write"), DelegationPolicy.agentOnly(),
                CREATED_AT.plusSeconds(3600), "admin", CREATED_AT);
    }

    static EventEnvelope envelope(GrantCreated event, long sequence) {
        return EventEnvelope.wrap(UUID.randomUUID().toString(), sequence, event.createdAt(), event);
    }
}
