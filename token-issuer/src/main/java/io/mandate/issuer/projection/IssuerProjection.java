package io.mandate.issuer.projection;

import io.mandate.messages.client.ClientDeleted;
import io.mandate.messages.client.ClientEvent;
import io.mandate.messages.client.ClientRegistered;
import io.mandate.messages.client.ClientReinstated;
import io.mandate.messages.client.ClientSuspended;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.grant.GrantEvent;
import io.mandate.messages.grant.GrantExpired;
import io.mandate.messages.grant.GrantRevoked;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.id.UserId;
import io.mandate.messages.revocation.RevocationEvent;
import io.mandate.messages.wire.EventEnvelope;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The issuer's in-memory view of grants, clients and revocations, built from the Kafka topics
 * (DESIGN: "token issuance reads projected grant state"). One reader thread writes; request
 * threads read lock-free. Every lookup is one hash-map get, which is what lets the revocation
 * decision answer in O(chain depth). Idempotent: delivery is at-least-once, so an event is
 * applied only when its sequence is greater than the last one applied to its aggregate.
 */
@Component
public class IssuerProjection {

    /** What {@link #apply} did with an event. */
    public enum Outcome {
        APPLIED,
        /** A redelivery, or an event older than what the view already holds. */
        ALREADY_APPLIED,
        /** An event this projection has no use for. */
        IGNORED
    }

    private final VersionedViews<GrantId, GrantView> grants = new VersionedViews<>(GrantView::sequence);
    private final VersionedViews<ClientId, ClientView> clients = new VersionedViews<>(ClientView::sequence);
    private final RevocationMarks revocations = new RevocationMarks();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong alreadyApplied = new AtomicLong();
    private volatile boolean caughtUp;

    public Outcome apply(EventEnvelope envelope) {
        Object payload = envelope.payload();
        long sequence = envelope.sequence();
        Outcome outcome;
        if (payload instanceof GrantEvent grant) {
            outcome = applyGrant(grant, sequence);
        } else if (payload instanceof ClientEvent client) {
            outcome = applyClient(client, sequence);
        } else if (payload instanceof RevocationEvent revocation) {
            outcome = revocations.apply(revocation, sequence);
        } else {
            outcome = Outcome.IGNORED;
        }
        if (outcome == Outcome.APPLIED) {
            applied.incrementAndGet();
        } else if (outcome == Outcome.ALREADY_APPLIED) {
            alreadyApplied.incrementAndGet();
        }
        return outcome;
    }

    public Optional<GrantView> findGrant(GrantId grantId) {
        return Optional.ofNullable(grants.get(grantId));
    }

    public Optional<ClientView> findClient(ClientId clientId) {
        return Optional.ofNullable(clients.get(clientId));
    }

    /** The user's revocation watermark: every grant and token for the user issued at or before it is revoked. */
    public Optional<Revocation> userWatermark(UserId userId) {
        return Optional.ofNullable(revocations.user(userId));
    }

    /** The client's revocation watermark: every grant it holds and token it stands in, issued at or before it. */
    public Optional<Revocation> clientWatermark(ClientId clientId) {
        return Optional.ofNullable(revocations.client(clientId));
    }

    /** The revocation of this one jti (its descendants are found by walking up their lineage). */
    public Optional<Revocation> tokenRevocation(Jti jti) {
        return Optional.ofNullable(revocations.token(jti));
    }

    public int grantCount() {
        return grants.size();
    }

    public int clientCount() {
        return clients.size();
    }

    public int userWatermarkCount() {
        return revocations.userWatermarks();
    }

    public int clientWatermarkCount() {
        return revocations.clientWatermarks();
    }

    public int revokedTokenCount() {
        return revocations.revokedTokens();
    }

    /** True once the projection holds every event that existed when the issuer started. */
    public boolean isCaughtUp() {
        return caughtUp;
    }

    public long eventsApplied() {
        return applied.get();
    }

    public long eventsAlreadyApplied() {
        return alreadyApplied.get();
    }

    void markCaughtUp() {
        caughtUp = true;
    }

    private Outcome applyGrant(GrantEvent event, long sequence) {
        if (event instanceof GrantCreated created) {
            return grants.apply(created.grantId(), sequence, current -> GrantView.created(created, sequence));
        }
        if (event instanceof GrantRevoked revoked) {
            return grants.apply(revoked.grantId(), sequence, current -> GrantView.revoked(current, revoked, sequence));
        }
        GrantExpired expired = (GrantExpired) event;  // the family is sealed: nothing else remains
        return grants.apply(expired.grantId(), sequence, current -> GrantView.expired(current, expired, sequence));
    }

    private Outcome applyClient(ClientEvent event, long sequence) {
        ClientId id = event.clientId();
        if (event instanceof ClientRegistered registered) {
            return clients.apply(id, sequence, current -> ClientView.registered(registered, sequence));
        }
        if (event instanceof ClientSuspended suspended) {
            return clients.apply(id, sequence, current -> ClientView.suspended(current, suspended, sequence));
        }
        if (event instanceof ClientReinstated reinstated) {
            return clients.apply(id, sequence, current -> ClientView.reinstated(current, reinstated, sequence));
        }
        ClientDeleted deleted = (ClientDeleted) event;
        return clients.apply(id, sequence, current -> ClientView.deleted(current, deleted, sequence));
    }
}
