package io.mandate.query.investigation;

import io.mandate.query.grant.GrantDocument;
import io.mandate.query.token.StandingFacts;
import io.mandate.query.token.TokenDocument;
import io.mandate.query.token.TokenSlice;
import io.mandate.query.token.TokenStanding;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts a chain together from what was read (the token, its ancestors by lineage, its
 * descendants, the grant and the status facts): pure, so ordering, scope narrowing and status are
 * unit-tested without Elasticsearch.
 */
final class ChainAssembly {

    private ChainAssembly() {
    }

    static ChainView assemble(TokenDocument self, Map<String, TokenDocument> ancestors, TokenSlice descendants,
                              Optional<GrantDocument> grant, StandingFacts facts, Instant now) {
        Map<String, TokenDocument> known = new HashMap<>(ancestors);
        known.put(self.jti(), self);
        descendants.items().forEach(token -> known.put(token.jti(), token));

        List<ChainView.Hop> hops = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String jti : self.lineage()) {
            TokenDocument ancestor = ancestors.get(jti);
            if (ancestor == null) {
                missing.add(jti);
            } else {
                hops.add(hop(ancestor, ChainView.Relation.ANCESTOR, known, grant, facts, now));
            }
        }
        hops.add(hop(self, ChainView.Relation.SELF, known, grant, facts, now));
        // Already shallowest first (depth, then issue time) from the query.
        descendants.items().forEach(token -> hops.add(hop(token, ChainView.Relation.DESCENDANT, known, grant, facts, now)));

        ChainView.GrantView grantView = grant.map(g -> new ChainView.GrantView(g, TokenStanding.ofGrant(g, facts, now)))
                .orElse(null);
        ChainView.UserView user = self.userId() == null ? null
                : new ChainView.UserView(self.userId(), facts.userWatermark(self.userId()).orElse(null));
        return new ChainView(self.jti(), grantView, user, hops, missing, descendants.total(), descendants.isComplete());
    }

    private static ChainView.Hop hop(TokenDocument token, ChainView.Relation relation, Map<String, TokenDocument> known,
                                     Optional<GrantDocument> grant, StandingFacts facts, Instant now) {
        ScopeNarrowing narrowing = null;
        String comparedWith = null;
        if (token.parentJti() != null) {
            TokenDocument parent = known.get(token.parentJti());
            if (parent != null) {
                narrowing = ScopeNarrowing.of(token.scopes(), parent.scopes());
                comparedWith = "parent";
            }
        } else if (token.grantId() != null && grant.isPresent() && grant.get().scopes() != null) {
            narrowing = ScopeNarrowing.of(token.scopes(), grant.get().scopes());
            comparedWith = "grant";
        }
        return new ChainView.Hop(token.jti(), relation, token.kind(), token.parentJti(), token.depth(), token.holder(),
                token.actorChain(), token.audience(), token.scopes(),
                narrowing == null ? null : narrowing.within(), comparedWith,
                narrowing == null ? List.of() : narrowing.narrowed(),
                narrowing == null ? List.of() : narrowing.exceeding(),
                token.issuedAt(), token.expiresAt(), TokenStanding.of(token, facts, now));
    }
}
