package io.mandate.query.testdata;

import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.query.client.ClientDocument;
import io.mandate.query.client.ClientStatus;
import io.mandate.query.grant.GrantDocument;
import io.mandate.query.grant.GrantStatus;

import java.time.Instant;
import java.util.List;

/** Read-model documents as the projections would have stored them, for unit tests of read-time rules. */
public final class TestDocuments {

    private TestDocuments() {
    }

    public static GrantDocument grant(GrantCreated created) {
        return new GrantDocument(created.grantId().value(), created.userId().value(), created.agentId().value(),
                created.audience(), created.scopes().asList(), null, created.expiresAt(), created.createdAt(),
                created.createdBy(), GrantStatus.ACTIVE, null, null, null, null, 0);
    }

    public static GrantDocument revoked(GrantDocument grant, Instant at) {
        return new GrantDocument(grant.grantId(), grant.userId(), grant.agentId(), grant.audience(), grant.scopes(),
                grant.policy(), grant.expiresAt(), grant.createdAt(), grant.createdBy(), GrantStatus.REVOKED, at,
                "responder", "test", grant.expiredAt(), 1);
    }

    public static GrantDocument expired(GrantDocument grant, Instant at) {
        return new GrantDocument(grant.grantId(), grant.userId(), grant.agentId(), grant.audience(), grant.scopes(),
                grant.policy(), grant.expiresAt(), grant.createdAt(), grant.createdBy(), GrantStatus.EXPIRED, null,
                null, null, at, 1);
    }

    public static GrantDocument expiringAt(GrantDocument grant, Instant expiresAt) {
        return new GrantDocument(grant.grantId(), grant.userId(), grant.agentId(), grant.audience(), grant.scopes(),
                grant.policy(), expiresAt, grant.createdAt(), grant.createdBy(), grant.status(), grant.revokedAt(),
                grant.revokedBy(), grant.revocationReason(), grant.expiredAt(), grant.lastSequence());
    }

    public static ClientDocument client(String clientId, ClientStatus status, Instant revokedAt) {
        Instant registered = Instant.parse("2026-01-01T00:00:00Z");
        return new ClientDocument(clientId, ClientKind.AGENT, clientId, "owner", List.of("s1"), List.of(), null,
                registered, "admin", status, registered, "admin", null, revokedAt, 0L, null, null, List.of(), null, null);
    }
}
