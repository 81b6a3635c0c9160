package io.mandate.system.generator;

import io.mandate.messages.MandateEvent;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.id.UserId;
import io.mandate.messages.token.ClientTokenIssued;
import io.mandate.messages.token.TokenExchangeRefused;
import io.mandate.system.generator.Chains.PendingHop;
import io.mandate.system.generator.Chains.Token;
import io.mandate.system.generator.Population.Client;
import io.mandate.system.generator.Population.Grant;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * The token endpoint's traffic, tick by tick: due hops of running chains first, then new chains (~92 %),
 * refusals (~5 %: escalation attempts, depth and actor rule breaks, unknown grants, attempts on revoked
 * grants, users, clients and tokens) and client-credentials tokens (~3 %). Between ticks, now and then, a
 * responder revokes a grant, a token lineage, a user or an agent through the command API; from then on what
 * it covers is refused, never issued, as the real issuer's fence guarantees.
 */
final class TrafficMix {

    private static final String EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    private static final int[] GRAIN_WEIGHTS = {65, 25, 7, 3}; // grant, token, user, client

    private final Population population;
    private final CommandApi api;
    private final Random random;
    private final GeneratorStats stats;
    private final Set<Client> revokedClients = new HashSet<>();
    private final Chains chains;
    private final List<Grant> active;
    private final Map<String, String> endedGrants = new HashMap<>(); // grant id → grain that ended it
    private final List<Grant> ended = new ArrayList<>();
    private final Set<String> revokedUsers = new HashSet<>();
    private final Set<String> revokedJtis = new HashSet<>();

    TrafficMix(Population population, CommandApi api, Random random, GeneratorStats stats) {
        this.population = population;
        this.api = api;
        this.random = random;
        this.stats = stats;
        this.chains = new Chains(population, random, revokedClients);
        this.active = new ArrayList<>(population.grants);
    }

    /** Up to {@code budget} ledger events for this tick. */
    List<MandateEvent> tick(int budget, long nowMillis, Instant now) {
        List<MandateEvent> events = new ArrayList<>(budget);
        PendingHop hop;
        while (events.size() < budget && (hop = chains.nextDue(nowMillis)) != null) {
            String grain = coveredBy(hop.parent());
            if (grain != null) {
                events.add(refusal(hop.holder(), "invalid_grant", "revoked_" + grain, hop.parent().jti().value(),
                        hop.parent().grant(), hop.parent().scopes(), hop.parent().grant().resource().audience(), now));
            } else {
                events.add(chains.extend(hop, nowMillis, now, stats::depth));
            }
        }
        while (events.size() < budget) {
            int dice = random.nextInt(100);
            if (dice < 5 || active.isEmpty()) {
                events.add(refusalScenario(now));
            } else if (dice < 8) {
                events.add(clientToken(now));
            } else {
                events.add(chains.first(active.get(random.nextInt(active.size())), nowMillis, now, stats::depth));
            }
        }
        return events;
    }

    /** One revocation through the command API, synchronously: nothing it covers is issued after it. */
    void revokeSomething() {
        int grain = Population.weighted(random, GRAIN_WEIGHTS);
        if (grain == 1) {
            Token token = chains.recentToken();
            if (token != null) {
                revokedJtis.add(token.jti().value());
                api.revokeToken(token.jti().value(), "generated: token seen in a prompt-injection transcript");
                record("token");
                return;
            }
        }
        if (active.isEmpty()) {
            return;
        }
        Grant grant = active.get(random.nextInt(active.size()));
        if (grain == 2) {
            revokedUsers.add(grant.userId());
            end(g -> g.userId().equals(grant.userId()), "user");
            api.revokeUser(grant.userId(), "generated: account compromised");
            record("user");
        } else if (grain == 3 && revokedClients.size() + 3 < population.agents.size()) {
            revokedClients.add(grant.agent());
            end(g -> g.agent().equals(grant.agent()), "client");
            api.revokeClient(grant.agent().id(), "generated: agent followed injected instructions");
            record("client");
        } else {
            end(g -> g.id().equals(grant.id()), "grant");
            api.revokeGrant(grant.id(), "generated: user withdrew consent");
            record("grant");
            if (random.nextBoolean() && !revokedClients.contains(grant.agent())) {
                // the user consents again, with another scope set: a new grant for the same agent
                active.add(population.createGrant(api, grant.userId(), grant.agent(), random.nextLong(), stats));
            }
        }
    }

    int pendingHops() {
        return chains.pendingHops();
    }

    private void record(String grain) {
        stats.revocation(grain);
        stats.commandEvents(1);
    }

    private void end(Predicate<Grant> which, String grain) {
        for (int i = active.size() - 1; i >= 0; i--) {
            Grant grant = active.get(i);
            if (which.test(grant)) {
                active.remove(i);
                endedGrants.put(grant.id(), grain);
                ended.add(grant);
            }
        }
    }

    /** The grain that covers the token now, or null: what the issuer's revocation check would answer. */
    private String coveredBy(Token token) {
        String grain = endedGrants.get(token.grant().id());
        if (grain != null) {
            return grain;
        }
        if (revokedUsers.contains(token.grant().userId())) {
            return "user";
        }
        for (Client actor : token.actors()) {
            if (revokedClients.contains(actor)) {
                return "client";
            }
        }
        if (revokedJtis.contains(token.jti().value())) {
            return "token";
        }
        for (Jti ancestor : token.lineage()) {
            if (revokedJtis.contains(ancestor.value())) {
                return "token";
            }
        }
        return null;
    }

    private MandateEvent refusalScenario(Instant now) {
        int scenario = random.nextInt(6);
        Token recent = chains.recentToken();
        if (scenario == 1 && recent != null && recent.scopes().size() < recent.grant().scopes().size()) {
            // the next actor asks for a scope the grant has and its parent token no longer does
            List<String> asked = new ArrayList<>(recent.grant().scopes());
            Client next = chains.nextActor(recent.actors());
            if (next != null) {
                return refusal(next, "invalid_scope", "scope_exceeds_parent", recent.jti().value(), recent.grant(), asked,
                        recent.grant().resource().audience(), now);
            }
        }
        if (scenario == 2 && recent != null && recent.depth() >= recent.grant().maxDepth()) {
            Client next = chains.nextActor(recent.actors());
            if (next != null) {
                return refusal(next, "invalid_grant", "depth_exceeded", recent.jti().value(), recent.grant(),
                        recent.scopes(), recent.grant().resource().audience(), now);
            }
        }
        if (scenario == 3 && recent != null && recent.depth() >= 2) {
            // the grant's agent presents a token it already acted on
            return refusal(recent.actors().get(recent.depth() - 1), "invalid_grant", "actor_repeated", recent.jti().value(),
                    recent.grant(), recent.scopes(), recent.grant().resource().audience(), now);
        }
        if (scenario == 4) {
            Client agent = population.agents.get(random.nextInt(population.agents.size()));
            // a user of the company IdP who never consented to anything: no grant for any agent
            String user = "guest-" + population.run + "-" + random.nextInt(1_000);
            TokenExchangeRefused refused = new TokenExchangeRefused(eventId(), EXCHANGE,
                    ClientId.of(agent.id()), true, "invalid_grant", "no_active_grant", "sha256:" + Chains.newJti().value(),
                    null, UserId.of(user), null, population.resources.get(0).audience(), now);
            stats.refusal("no_active_grant");
            return refused;
        }
        if (scenario == 5 && !ended.isEmpty()) {
            Grant grant = ended.get(random.nextInt(ended.size()));
            return refusal(grant.agent(), "invalid_grant", "revoked_" + endedGrants.get(grant.id()),
                    "sha256:" + Chains.newJti().value(), grant, grant.scopes(), grant.resource().audience(), now);
        }
        Grant grant = active.isEmpty() ? ended.get(random.nextInt(ended.size())) : active.get(random.nextInt(active.size()));
        List<String> asked = new ArrayList<>(grant.scopes());
        asked.add(grant.resource().ownScopes().get(3)); // ".admin": never granted
        return refusal(grant.agent(), "invalid_scope", "scope_exceeds_grant", "sha256:" + Chains.newJti().value(), grant,
                asked, grant.resource().audience(), now);
    }

    private TokenExchangeRefused refusal(Client client, String error, String reason, String subjectTokenId, Grant grant,
                                         List<String> asked, String audience, Instant now) {
        stats.refusal(reason);
        return new TokenExchangeRefused(eventId(), EXCHANGE, ClientId.of(client.id()), true, error,
                reason, subjectTokenId, GrantId.of(grant.id()), UserId.of(grant.userId()), String.join(" ", asked),
                audience, now);
    }

    /** An MCP server's own token for an upstream API (client credentials). */
    private ClientTokenIssued clientToken(Instant now) {
        Client mcp = population.mcpServers.get(random.nextInt(population.mcpServers.size()));
        Client resource = population.resources.get(random.nextInt(population.resources.size()));
        return new ClientTokenIssued(Chains.newJti(), ClientId.of(mcp.id()), resource.audience(),
                Scopes.of(resource.ownScopes().get(0)), Chains.KEY_ID, now, now.plus(Duration.ofMinutes(5)));
    }

    static String eventId() {
        ThreadLocalRandom ids = ThreadLocalRandom.current();
        return new UUID(ids.nextLong(), ids.nextLong()).toString();
    }
}
