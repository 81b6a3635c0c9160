package io.mandate.command.grant;

import io.mandate.command.registry.GrantRegistration;
import io.mandate.command.registry.GrantStatus;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A grant as the admin API shows it, read from the command side's registry. */
record GrantView(String grantId, String userId, String agentId, String audience, List<String> scopes,
                 Set<String> allowedNextClients, int maxDepth, GrantStatus status, Instant createdAt,
                 String createdBy, Instant expiresAt, Instant endedAt) {

    static GrantView of(GrantRegistration grant) {
        return new GrantView(grant.grantId().value(), grant.userId().value(), grant.agentId().value(),
                grant.audience(), grant.scopes().asList(), grant.allowedNextClients(), grant.maxDepth(),
                grant.status(), grant.createdAt(), grant.createdBy(), grant.expiresAt(), grant.endedAt());
    }
}
