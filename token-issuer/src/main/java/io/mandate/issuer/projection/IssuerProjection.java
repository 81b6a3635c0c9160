package io.mandate.issuer.projection;

import io.mandate.messages.client.ClientCredentialsSet;
import io.mandate.messages.client.ClientDeleted;
import io.mandate.messages.client.ClientMetadataUpdated;
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
import io.mandate.messages.key.SigningKeyEvent;
import io.mandate.messages.revocation.RevocationEvent;
import io.mandate.messages.wire.EventEnvelope;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    private final VersionedViews<ClientId, ClientSecrets> secrets = new VersionedViews<>(ClientSecrets::sequence);
    private final KeyDirectory keys = new KeyDirectory();
    /** Grants by (user, agent): a first exchange finds the user's grants to the requesting agent in one get. */
    private final ConcurrentHashMap<String, Set<GrantId>> grantsByUserAndAgent = new ConcurrentHashMap<>();
    /** Grants by user: the user's own grants page. */
    private final ConcurrentHashMap<UserId, Set<GrantId>> grantsByUser = new ConcurrentHashMap<>();
    /** RFC 8707 resource URI → the client serving it. */
    private final ConcurrentHashMap<String, ClientId> clientsByResource = new ConcurrentHashMap<>();
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
        } else if (payload instanceof SigningKeyEvent key) {
            outcome = keys.apply(key, sequence);
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

    /** The client's token-endpoint credentials; empty when none were ever set. */
    public Optional<ClientSecrets> findSecrets(ClientId clientId) {
        return Optional.ofNullable(secrets.get(clientId));
    }

    /** The client that serves this RFC 8707 resource URI, if one registered it. */
    public Optional<ClientId> clientServing(String resourceUri) {
        return Optional.ofNullable(clientsByResource.get(resourceUri));
    }

    /** The grants a user gave an agent, newest first (any status: the caller decides). */
    public List<GrantView> grantsOf(UserId userId, ClientId agentId) {
        Set<GrantId> ids = grantsByUserAndAgent.get(userAgentKey(userId, agentId));
        if (ids == null) {
            return List.of();
        }
        return ids.stream().map(grants::get).filter(grant -> grant != null && grant.createdAt() != null)
                .sorted(Comparator.comparing(GrantView::createdAt).reversed()).toList();
    }

    /** Every grant a user gave, newest first (any status). */
    public List<GrantView> grantsOf(UserId userId) {
        Set<GrantId> ids = grantsByUser.get(userId);
        if (ids == null) {
            return List.of();
        }
        return ids.stream().map(grants::get).filter(grant -> grant != null && grant.createdAt() != null)
                .sorted(Comparator.comparing(GrantView::createdAt).reversed()).toList();
    }

    /** A signing key announced by any issuer instance. */
    public Optional<PublishedKey> findKey(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    /** The keys to publish in the JWKS now: announced and not retired past their tokens' expiry. */
    public List<PublishedKey> publishedKeys(Instant now) {
        return keys.publishedAt(now);
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

    private static String userAgentKey(UserId userId, ClientId agentId) {
        return userId.value() + ' ' + agentId.value();  // ids hold no whitespace: the pair is unambiguous
    }

    private Outcome applyGrant(GrantEvent event, long sequence) {
        if (event instanceof GrantCreated created) {
            grantsByUserAndAgent.computeIfAbsent(userAgentKey(created.userId(), created.agentId()),
                    key -> ConcurrentHashMap.newKeySet()).add(created.grantId());
            grantsByUser.computeIfAbsent(created.userId(), key -> ConcurrentHashMap.newKeySet()).add(created.grantId());
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
            registered.resourceUris().forEach(uri -> clientsByResource.putIfAbsent(uri, id));
            return clients.apply(id, sequence, current -> ClientView.registered(registered, sequence));
        }
        if (event instanceof ClientMetadataUpdated updated) {
            Outcome outcome = clients.apply(id, sequence, current -> ClientView.updated(current, updated, sequence));
            if (outcome == Outcome.APPLIED) {
                // Resources the client no longer serves stop resolving to it; new ones do (first come, first kept).
                clientsByResource.entrySet().removeIf(entry -> entry.getValue().equals(id)
                        && !updated.resourceUris().contains(entry.getKey()));
                updated.resourceUris().forEach(uri -> clientsByResource.putIfAbsent(uri, id));
            }
            return outcome;
        }
        if (event instanceof ClientCredentialsSet set) {
            return secrets.apply(id, sequence, current -> ClientSecrets.of(set.credentials(), sequence));
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
