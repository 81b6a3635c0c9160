package io.mandate.query.history;

import io.mandate.messages.MandateEvent;
import io.mandate.messages.client.ClientDeleted;
import io.mandate.messages.client.ClientReinstated;
import io.mandate.messages.client.ClientSuspended;
import io.mandate.messages.grant.DelegationPolicy;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.grant.GrantExpired;
import io.mandate.messages.grant.GrantRevoked;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.revocation.ClientRevoked;
import io.mandate.messages.revocation.UserRevoked;
import io.mandate.messages.wire.EventEnvelope;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who could act for whom at an instant T, folded from the event history alone (never from the
 * current grant documents, which only know the present). An event counts when it was recorded at or
 * before T ({@code occurredAt}); a grant then stands unless, by T:
 * <ul>
 *   <li>it was revoked ({@code GrantRevoked}) or recorded as expired ({@code GrantExpired}), or its
 *       {@code expiresAt} had passed ({@code expiresAt <= T}: issuers refuse it by the clock before the
 *       expiry sweep records it);</li>
 *   <li>a {@code ClientRevoked} watermark of its agent, or a {@code UserRevoked} watermark of its user,
 *       with {@code revokedAt <= T} covers it (the grant was created at or before {@code revokedAt});</li>
 *   <li>its agent was suspended (and not reinstated since) or deleted.</li>
 * </ul>
 * Stateless and pure: the events may come in any order and may include events after T.
 */
final class AuthorityFold {

    private AuthorityFold() {
    }

    static List<Authority> at(Instant at, List<EventEnvelope> history) {
        List<EventEnvelope> known = history.stream().filter(event -> !event.occurredAt().isAfter(at))
                .sorted(Comparator.comparing(EventEnvelope::occurredAt).thenComparingLong(EventEnvelope::sequence))
                .toList();
        Map<String, GrantCreated> grants = new LinkedHashMap<>();
        Set<String> ended = new HashSet<>();
        Map<String, Instant> clientWatermarks = new HashMap<>();
        Map<String, Instant> userWatermarks = new HashMap<>();
        Map<String, Boolean> clientBarred = new HashMap<>();
        Set<String> deletedClients = new HashSet<>();
        for (EventEnvelope envelope : known) {
            MandateEvent event = envelope.payload();
            if (event instanceof GrantCreated e) {
                grants.putIfAbsent(e.grantId().value(), e);
            } else if (event instanceof GrantRevoked e) {
                ended.add(e.grantId().value());
            } else if (event instanceof GrantExpired e) {
                ended.add(e.grantId().value());
            } else if (event instanceof ClientRevoked e && !e.revokedAt().isAfter(at)) {
                clientWatermarks.merge(e.clientId().value(), e.revokedAt(), AuthorityFold::later);
            } else if (event instanceof UserRevoked e && !e.revokedAt().isAfter(at)) {
                userWatermarks.merge(e.userId().value(), e.revokedAt(), AuthorityFold::later);
            } else if (event instanceof ClientSuspended e) {
                clientBarred.put(e.clientId().value(), true);
            } else if (event instanceof ClientReinstated e) {
                clientBarred.put(e.clientId().value(), false);
            } else if (event instanceof ClientDeleted e) {
                deletedClients.add(e.clientId().value()); // final: no reinstatement undoes it
            }
        }
        List<Authority> standing = new ArrayList<>();
        for (GrantCreated grant : grants.values()) {
            String agent = grant.agentId().value();
            boolean expired = grant.expiresAt() != null && !grant.expiresAt().isAfter(at);
            boolean agentBarred = clientBarred.getOrDefault(agent, false) || deletedClients.contains(agent);
            if (ended.contains(grant.grantId().value()) || expired || agentBarred
                    || covers(clientWatermarks.get(agent), grant.createdAt())
                    || covers(userWatermarks.get(grant.userId().value()), grant.createdAt())) {
                continue;
            }
            standing.add(toAuthority(grant));
        }
        standing.sort(Comparator.comparing(Authority::since).thenComparing(Authority::grantId));
        return standing;
    }

    /** A watermark revokes what was created at or before it. */
    private static boolean covers(Instant watermark, Instant createdAt) {
        return watermark != null && !createdAt.isAfter(watermark);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Authority toAuthority(GrantCreated grant) {
        DelegationPolicy policy = grant.policy();
        return new Authority(grant.grantId().value(), grant.userId().value(), grant.agentId().value(), grant.audience(),
                grant.scopes().asList(),
                new Authority.Policy(policy.allowedNextClients().stream().map(ClientId::value).sorted().toList(),
                        policy.allowedNextKinds().stream().map(Enum::name).sorted().toList(), policy.maxDepth(),
                        policy.approvalScopes().asList()),
                grant.createdAt(), grant.expiresAt());
    }
}
