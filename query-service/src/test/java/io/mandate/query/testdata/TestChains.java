package io.mandate.query.testdata;

import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.DelegationPolicy;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.id.UserId;
import io.mandate.messages.token.TokenExchanged;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A delegation chain as the token-issuer records it: a grant, then one {@code TokenExchanged} per
 * hop, each exchanged from the previous by the next actor, with scopes narrowing one at a time.
 * Unique ids per chain, so tests on the shared stack never see each other's data.
 */
public final class TestChains {

    /** The grant's scopes; hop {@code i} (from 0) drops the first {@code i} of them. */
    public static final List<String> GRANT_SCOPES = List.of("s1", "s2", "s3", "s4", "s5", "s6");

    private TestChains() {
    }

    /** A chain's grant and its hops, root first. */
    public record Chain(GrantCreated grant, List<ClientId> actors, List<TokenExchanged> hops) {

        public TokenExchanged hop(int index) {
            return hops.get(index);
        }

        public UserId user() {
            return grant.userId();
        }

        public ClientId agent() {
            return grant.agentId();
        }
    }

    /** A chain of {@code depth} hops under a fresh grant, first hop issued at {@code at}, one second apart. */
    public static Chain aChain(int depth, Instant at) {
        return aChain(depth, at, "");
    }

    /** @param agentPrefix put before the grant's agent id, e.g. to make a fake service treat it specially */
    public static Chain aChain(int depth, Instant at, String agentPrefix) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        List<ClientId> actors = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            actors.add(ClientId.of((i == 0 ? agentPrefix + "agent-" : "actor" + i + "-") + unique));
        }
        GrantCreated grant = new GrantCreated(GrantId.random(), UserId.of("user-" + unique), actors.get(0),
                "https://api-" + unique + ".example", Scopes.of(GRANT_SCOPES),
                new DelegationPolicy(Set.of(), Set.of(ClientKind.AGENT, ClientKind.MCP_SERVER), 8, Scopes.of()),
                null, "admin", at.minusSeconds(60));
        List<TokenExchanged> hops = new ArrayList<>();
        List<Jti> lineage = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            List<ClientId> chain = new ArrayList<>(actors.subList(0, i + 1));
            java.util.Collections.reverse(chain);  // holder first, the grant's agent last
            Instant issuedAt = at.plusSeconds(i);
            TokenExchanged hop = new TokenExchanged(Jti.of("jti-" + unique + "-" + i),
                    lineage.isEmpty() ? null : lineage.get(lineage.size() - 1), List.copyOf(lineage), grant.grantId(),
                    grant.userId(), chain.get(0), chain, grant.audience(),
                    Scopes.of(GRANT_SCOPES.subList(i, GRANT_SCOPES.size())),
                    i == 0 ? "https://idp.example" : "https://mandate.example", "subject-" + unique + "-" + i,
                    "kid-1", issuedAt, issuedAt.plusSeconds(300));
            hops.add(hop);
            lineage.add(hop.jti());
        }
        return new Chain(grant, List.copyOf(actors), List.copyOf(hops));
    }
}
