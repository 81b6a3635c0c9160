package io.mandate.issuer.revocation;

import io.mandate.issuer.projection.TestEvents;
import io.mandate.messages.MandateEvent;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.wire.EventEnvelope;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.mandate.issuer.projection.TestEvents.T0;

/**
 * A random delegation forest for the property tests, decoded from small integer seeds so that
 * jqwik shrinks a failure to fewer grants, tokens and events: users give grants to agents, each
 * grant roots tokens, each token may be exchanged onward (one more actor, up to 5), and a list of
 * events revokes, expires, suspends, reinstates and deletes at every grain.
 */
record DelegationForest(List<GrantCreated> grants,
                        List<TokenFacts> tokens,
                        List<EventEnvelope> setup,
                        List<EventEnvelope> events,
                        Instant now) {

    static final List<String> USERS = List.of("u0", "u1", "u2");
    static final List<String> CLIENTS = List.of("c0", "c1", "c2", "c3", "c4", "c5");
    static final int MAX_CHAIN = 5;

    /** @param expiresAfterMinutes zero or less: the grant does not expire; else it does an hour more than this after its creation */
    record GrantSeed(int user, int agent, int createdMinute, int expiresAfterMinutes) {
    }

    record TokenSeed(int parentPick, int grantPick, int actorPick, int delayMinutes, int lifetimeMinutes) {
    }

    /**
     * @param kind 0 GrantRevoked, 1 GrantExpired, 2 ClientSuspended, 3 ClientReinstated,
     *             4 ClientDeleted, 5 ClientRevoked, 6 UserRevoked, 7 TokenRevoked
     */
    record EventSeed(int kind, int target, int minute) {
    }

    record Seeds(List<GrantSeed> grants, List<TokenSeed> tokens, List<EventSeed> events, int nowMinute) {
    }

    static DelegationForest decode(Seeds seeds) {
        Map<String, Long> sequences = new HashMap<>();
        List<EventEnvelope> setup = new ArrayList<>();
        CLIENTS.forEach(client -> setup.add(next(TestEvents.registered(client), sequences)));
        List<GrantCreated> grants = new ArrayList<>();
        for (GrantSeed seed : seeds.grants()) {
            Instant createdAt = minute(seed.createdMinute());
            GrantCreated grant = TestEvents.grantCreated("g" + grants.size(), USERS.get(seed.user() % USERS.size()),
                    CLIENTS.get(seed.agent() % CLIENTS.size()), createdAt,
                    seed.expiresAfterMinutes() <= 0 ? null : createdAt.plusSeconds(60L * (60 + seed.expiresAfterMinutes())));
            grants.add(grant);
            setup.add(next(grant, sequences));
        }
        List<TokenFacts> tokens = new ArrayList<>();
        for (TokenSeed seed : seeds.tokens()) {
            tokens.add(token(seed, tokens, grants));
        }
        List<EventEnvelope> events = new ArrayList<>();
        for (EventSeed seed : seeds.events()) {
            events.add(next(event(seed, grants, tokens), sequences));
        }
        return new DelegationForest(grants, tokens, setup, events, minute(seeds.nowMinute()));
    }

    /** Setup and events in their generated order: each aggregate's events in sequence order. */
    List<EventEnvelope> allEvents() {
        List<EventEnvelope> all = new ArrayList<>(setup);
        all.addAll(events);
        return all;
    }

    private static TokenFacts token(TokenSeed seed, List<TokenFacts> tokens, List<GrantCreated> grants) {
        String jti = "t" + tokens.size();
        TokenFacts parent = tokens.isEmpty() || seed.parentPick() % 3 == 0 ? null
                : tokens.get(seed.parentPick() % tokens.size());
        long lifetime = 60L * seed.lifetimeMinutes();
        if (parent == null || parent.actorChain().size() >= MAX_CHAIN) {
            GrantCreated grant = grants.get(seed.grantPick() % grants.size());
            Instant issuedAt = grant.createdAt().plusSeconds(60L * seed.delayMinutes());
            return new TokenFacts(Jti.of(jti), null, grant.grantId(), grant.userId(), List.of(grant.agentId()),
                    issuedAt, issuedAt.plusSeconds(lifetime));
        }
        List<ClientId> chain = new ArrayList<>();
        chain.add(ClientId.of(CLIENTS.get(seed.actorPick() % CLIENTS.size())));
        chain.addAll(parent.actorChain());
        Instant issuedAt = parent.issuedAt().plusSeconds(60L * seed.delayMinutes());
        return new TokenFacts(Jti.of(jti), parent.jti(), parent.grantId(), parent.userId(), chain, issuedAt,
                issuedAt.plusSeconds(lifetime));
    }

    private static MandateEvent event(EventSeed seed, List<GrantCreated> grants, List<TokenFacts> tokens) {
        GrantCreated grant = grants.get(seed.target() % grants.size());
        String grantId = grant.grantId().value();
        String user = grant.userId().value();
        String agent = grant.agentId().value();
        String client = CLIENTS.get(seed.target() % CLIENTS.size());
        Instant at = minute(seed.minute());
        return switch (seed.kind()) {
            case 0 -> TestEvents.grantRevoked(grantId, user, agent, at);
            case 1 -> TestEvents.grantExpired(grantId, user, agent, at);
            case 2 -> TestEvents.suspended(client, at);
            case 3 -> TestEvents.reinstated(client, at);
            case 4 -> TestEvents.deleted(client, at);
            case 5 -> TestEvents.clientRevoked(client, at);
            case 6 -> TestEvents.userRevoked(USERS.get(seed.target() % USERS.size()), at);
            default -> TestEvents.tokenRevoked(tokens.get(seed.target() % tokens.size()).jti().value(), at);
        };
    }

    private static EventEnvelope next(MandateEvent event, Map<String, Long> sequences) {
        long sequence = sequences.merge(event.aggregateId(), 1L, Long::sum) - 1;
        return TestEvents.envelope(event, sequence);
    }

    private static Instant minute(int minute) {
        return T0.plusSeconds(60L * minute);
    }

    GrantCreated grant(GrantId grantId) {
        return grants.stream().filter(grant -> grant.grantId().equals(grantId)).findFirst().orElseThrow();
    }
}
