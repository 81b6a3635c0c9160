package io.mandate.system.generator;

import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.id.UserId;
import io.mandate.messages.token.TokenExchanged;
import io.mandate.system.generator.Population.Client;
import io.mandate.system.generator.Population.Grant;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Delegation chains as the token endpoint would issue them, hop by hop and spread over time: a user's IdP token
 * exchanged by the grant's agent, then by the actor it named (an MCP server or another agent), up to depth 5 and
 * the grant's {@code maxDepth}. Every hop obeys the exchange rules: its scopes lie within its parent's (the
 * grant's for the first hop), no actor appears twice, the actor chain grows by the holder, the lineage by the
 * parent. Hops are scheduled 20–400 ms after their parent, so chains interleave as real traffic does.
 */
final class Chains {

    static final String IDP = "https://idp.generated.example";
    static final String MANDATE = "http://127.0.0.1:8082";
    static final String KEY_ID = "generated-signing-key-1";
    private static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final int[] TARGET_DEPTH_WEIGHTS = {30, 30, 20, 12, 8}; // depth 1..5, in percent

    /** An issued token the generator may extend, refuse or revoke. */
    record Token(Jti jti, Grant grant, List<Jti> lineage, List<Client> actors, List<String> scopes, int targetDepth) {
        int depth() {
            return actors.size();
        }
    }

    /** A hop due at {@code dueMillis}: {@code holder} exchanges {@code parent}. */
    record PendingHop(long dueMillis, Token parent, Client holder) {
    }

    private final Population population;
    private final Random random;
    private final PriorityQueue<PendingHop> pending = new PriorityQueue<>((a, b) -> Long.compare(a.dueMillis(), b.dueMillis()));
    private final Token[] recent = new Token[2_048];
    private final Set<Client> revokedClients;
    private long issued;

    /** @param revokedClients clients revoked so far: they join no chain any more */
    Chains(Population population, Random random, Set<Client> revokedClients) {
        this.population = population;
        this.random = random;
        this.revokedClients = revokedClients;
    }

    /** Starts a chain from the grant: the agent exchanges the user's IdP token. */
    TokenExchanged first(Grant grant, long nowMillis, Instant now, Consumer<Integer> depths) {
        int target = Math.min(grant.maxDepth(), Population.weighted(random, TARGET_DEPTH_WEIGHTS) + 1);
        List<String> scopes = random.nextBoolean() ? grant.scopes() : narrowed(grant.scopes());
        Token token = new Token(newJti(), grant, List.of(), List.of(grant.agent()), scopes, target);
        return issue(token, null, "sha256:" + newJti().value(), IDP, nowMillis, now, depths);
    }

    /** The next due hop, if one is due by {@code nowMillis}. */
    PendingHop nextDue(long nowMillis) {
        PendingHop head = pending.peek();
        return head != null && head.dueMillis() <= nowMillis ? pending.poll() : null;
    }

    /** The hop exchanged: {@code hop.holder()} joins the chain with the parent's scopes or fewer. */
    TokenExchanged extend(PendingHop hop, long nowMillis, Instant now, Consumer<Integer> depths) {
        Token parent = hop.parent();
        List<Client> actors = new ArrayList<>(parent.actors().size() + 1);
        actors.add(hop.holder());
        actors.addAll(parent.actors());
        List<Jti> lineage = new ArrayList<>(parent.lineage());
        lineage.add(parent.jti());
        List<String> scopes = random.nextInt(10) < 7 ? parent.scopes() : narrowed(parent.scopes());
        Token token = new Token(newJti(), parent.grant(), List.copyOf(lineage), List.copyOf(actors), scopes,
                parent.targetDepth());
        return issue(token, parent.jti(), parent.jti().value(), MANDATE, nowMillis, now, depths);
    }

    /** A recently issued token, for refusals and token revocations; null before the first. */
    Token recentToken() {
        int filled = (int) Math.min(issued, recent.length);
        return filled == 0 ? null : recent[random.nextInt(filled)];
    }

    /** An actor that may join after {@code actors} (an MCP server or another agent, none twice). */
    Client nextActor(List<Client> actors) {
        for (int attempt = 0; attempt < 16; attempt++) {
            List<Client> pool = random.nextInt(3) < 2 ? population.mcpServers : population.agents;
            Client candidate = pool.get(random.nextInt(pool.size()));
            if (!actors.contains(candidate) && !revokedClients.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    int pendingHops() {
        return pending.size();
    }

    private TokenExchanged issue(Token token, Jti parentJti, String subjectTokenId, String subjectIssuer, long nowMillis,
                                 Instant now, Consumer<Integer> depths) {
        String audience = token.grant().resource().audience();
        if (token.depth() < token.targetDepth()) {
            Client next = nextActor(token.actors());
            if (next != null) {
                audience = next.audience();
                int children = random.nextInt(5) == 0 ? 2 : 1; // an MCP server or agent calling two things
                for (int c = 0; c < children; c++) {
                    pending.add(new PendingHop(nowMillis + 20 + random.nextInt(380), token, next));
                }
            }
        }
        recent[(int) (issued++ % recent.length)] = token;
        depths.accept(token.depth());
        Grant grant = token.grant();
        return new TokenExchanged(token.jti(), parentJti, token.lineage(), GrantId.of(grant.id()), UserId.of(grant.userId()),
                ClientId.of(token.actors().get(0).id()), token.actors().stream().map(c -> ClientId.of(c.id())).toList(),
                audience, Scopes.of(token.scopes()), subjectIssuer, subjectTokenId, KEY_ID, now, now.plus(LIFETIME));
    }

    /** The same scopes but one, when there is more than one: scopes only ever shrink. */
    private List<String> narrowed(List<String> scopes) {
        if (scopes.size() < 2) {
            return scopes;
        }
        List<String> fewer = new ArrayList<>(scopes);
        fewer.remove(random.nextInt(fewer.size()));
        return List.copyOf(fewer);
    }

    /** Ids are unique across runs (not from the seeded random): the indices keep every run's tokens. */
    static Jti newJti() {
        ThreadLocalRandom ids = ThreadLocalRandom.current();
        return Jti.of(new UUID(ids.nextLong(), ids.nextLong()).toString());
    }
}
