package io.mandate.issuer.revocation;

import io.mandate.messages.MandateEvent;
import io.mandate.messages.client.ClientDeleted;
import io.mandate.messages.client.ClientReinstated;
import io.mandate.messages.client.ClientSuspended;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.grant.GrantExpired;
import io.mandate.messages.grant.GrantRevoked;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.id.UserId;
import io.mandate.messages.revocation.ClientRevoked;
import io.mandate.messages.revocation.TokenRevoked;
import io.mandate.messages.revocation.UserRevoked;
import io.mandate.messages.wire.EventEnvelope;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The revocation rules computed the slow, obvious way, independently of the projection and of
 * {@link RevocationState}: scan every event for each fact, and push token revocations down the
 * whole forest until nothing changes (where the real decision walks up from one token).
 */
final class BruteForceRevocationModel {

    private BruteForceRevocationModel() {
    }

    /** The jtis of the forest's tokens that must be refused at {@code now}, given these events. */
    static Set<Jti> revokedTokens(DelegationForest forest, List<EventEnvelope> events, Instant now) {
        List<MandateEvent> payloads = events.stream().map(e -> (MandateEvent) e.payload()).toList();
        Set<Jti> cascade = new HashSet<>();
        for (MandateEvent event : payloads) {
            if (event instanceof TokenRevoked revoked) {
                cascade.add(revoked.jti());
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (TokenFacts token : forest.tokens()) {
                if (token.parentJti() != null && cascade.contains(token.parentJti())) {
                    grew |= cascade.add(token.jti());
                }
            }
        }
        Set<Jti> revoked = new HashSet<>();
        for (TokenFacts token : forest.tokens()) {
            if (cascade.contains(token.jti()) || refused(token, forest.grant(token.grantId()), payloads, now)) {
                revoked.add(token.jti());
            }
        }
        return revoked;
    }

    private static boolean refused(TokenFacts token, GrantCreated grant, List<MandateEvent> events, Instant now) {
        if (!now.isBefore(token.expiresAt()) || grantEnded(grant.grantId(), events)
                || (grant.expiresAt() != null && !now.isBefore(grant.expiresAt()))) {
            return true;
        }
        if (covered(userWatermark(token.userId(), events), token.issuedAt())
                || covered(userWatermark(grant.userId(), events), grant.createdAt())
                || covered(clientWatermark(grant.agentId(), events), grant.createdAt())) {
            return true;
        }
        for (ClientId actor : token.actorChain()) {
            if (covered(clientWatermark(actor, events), token.issuedAt()) || !active(actor, events)) {
                return true;
            }
        }
        return false;
    }

    private static boolean grantEnded(GrantId grantId, List<MandateEvent> events) {
        return events.stream().anyMatch(event -> (event instanceof GrantRevoked revoked && revoked.grantId().equals(grantId))
                || (event instanceof GrantExpired expired && expired.grantId().equals(grantId)));
    }

    /** Deleted is final; otherwise the last suspension or reinstatement decides. */
    private static boolean active(ClientId client, List<MandateEvent> events) {
        boolean active = true;
        for (MandateEvent event : events) {
            if (event instanceof ClientDeleted deleted && deleted.clientId().equals(client)) {
                return false;
            } else if (event instanceof ClientSuspended suspended && suspended.clientId().equals(client)) {
                active = false;
            } else if (event instanceof ClientReinstated reinstated && reinstated.clientId().equals(client)) {
                active = true;
            }
        }
        return active;
    }

    private static Instant userWatermark(UserId user, List<MandateEvent> events) {
        Instant latest = null;
        for (MandateEvent event : events) {
            if (event instanceof UserRevoked revoked && revoked.userId().equals(user)) {
                latest = max(latest, revoked.revokedAt());
            }
        }
        return latest;
    }

    private static Instant clientWatermark(ClientId client, List<MandateEvent> events) {
        Instant latest = null;
        for (MandateEvent event : events) {
            if (event instanceof ClientRevoked revoked && revoked.clientId().equals(client)) {
                latest = max(latest, revoked.revokedAt());
            }
        }
        return latest;
    }

    private static boolean covered(Instant watermark, Instant issuedAt) {
        return watermark != null && watermark.compareTo(issuedAt) >= 0;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
