package io.mandate.issuer.projection;

import io.mandate.messages.grant.DelegationPolicy;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;

import java.time.Instant;

/**
 * What the issuer knows about one grant: the ceiling every token exchanged under it is checked
 * against (RFC 8693 §2.1 scope and audience). Immutable, so readers on request threads never
 * see a half-applied event.
 *
 * @param expiresAt null when the grant does not expire
 * @param sequence  the aggregate sequence of the last event applied to this view
 */
public record GrantView(GrantId grantId,
                        UserId userId,
                        ClientId agentId,
                        String audience,
                        Scopes scopes,
                        DelegationPolicy policy,
                        Instant expiresAt,
                        String createdBy,
                        Instant createdAt,
                        long sequence) {

    static GrantView created(GrantCreated event, long sequence) {
        return new GrantView(event.grantId(), event.userId(), event.agentId(), event.audience(), event.scopes(),
                event.policy(), event.expiresAt(), event.createdBy(), event.createdAt(), sequence);
    }
}
