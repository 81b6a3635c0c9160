package io.mandate.issuer.projection;

import io.mandate.messages.grant.DelegationPolicy;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.grant.GrantExpired;
import io.mandate.messages.grant.GrantRevoked;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;

import java.time.Instant;

/**
 * What the issuer knows about one grant: the ceiling every token exchanged under it is checked
 * against (RFC 8693 §2.1 scope and audience), and whether it still stands. Immutable, so readers
 * on request threads never see a half-applied event.
 *
 * <p>A revocation or expiry can arrive for a grant whose {@code GrantCreated} this issuer never
 * saw (retention removed it, or it is redelivered later with a lower sequence and skipped): the
 * view then holds only what that event carries, with {@code audience}, {@code scopes},
 * {@code policy}, {@code createdBy} and {@code createdAt} null — enough to refuse the grant.
 *
 * @param expiresAt null when the grant does not expire
 * @param endedAt   when it was revoked or expired; null while ACTIVE
 * @param endReason why it was revoked; null otherwise
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
                        GrantStatus status,
                        Instant endedAt,
                        String endReason,
                        long sequence) {

    static GrantView created(GrantCreated event, long sequence) {
        return new GrantView(event.grantId(), event.userId(), event.agentId(), event.audience(), event.scopes(),
                event.policy(), event.expiresAt(), event.createdBy(), event.createdAt(), GrantStatus.ACTIVE,
                null, null, sequence);
    }

    static GrantView revoked(GrantView current, GrantRevoked event, long sequence) {
        GrantView base = current != null ? current : known(event.grantId(), event.userId(), event.agentId());
        if (base.status == GrantStatus.REVOKED) {
            return base.at(sequence);  // the first revocation's who/why/when stand
        }
        return new GrantView(base.grantId, base.userId, base.agentId, base.audience, base.scopes, base.policy,
                base.expiresAt, base.createdBy, base.createdAt, GrantStatus.REVOKED, event.revokedAt(),
                event.reason(), sequence);
    }

    static GrantView expired(GrantView current, GrantExpired event, long sequence) {
        GrantView base = current != null ? current : known(event.grantId(), event.userId(), event.agentId());
        if (base.status != GrantStatus.ACTIVE) {
            return base.at(sequence);  // revoked stays revoked: the stronger, earlier fact
        }
        return new GrantView(base.grantId, base.userId, base.agentId, base.audience, base.scopes, base.policy,
                base.expiresAt, base.createdBy, base.createdAt, GrantStatus.EXPIRED, event.expiredAt(), null,
                sequence);
    }

    private static GrantView known(GrantId grantId, UserId userId, ClientId agentId) {
        return new GrantView(grantId, userId, agentId, null, null, null, null, null, null, GrantStatus.ACTIVE,
                null, null, -1);
    }

    private GrantView at(long newSequence) {
        return new GrantView(grantId, userId, agentId, audience, scopes, policy, expiresAt, createdBy, createdAt,
                status, endedAt, endReason, newSequence);
    }
}
