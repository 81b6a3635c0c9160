package io.mandate.query.investigation;

import io.mandate.query.grant.GrantDocument;
import io.mandate.query.index.ConcurrentReads;
import io.mandate.query.token.StandingFacts;
import io.mandate.query.token.StandingFactsReader;
import io.mandate.query.token.TokenDocument;
import io.mandate.query.token.TokenKind;
import io.mandate.query.token.TokenReader;
import io.mandate.query.token.TokenSlice;
import io.mandate.query.token.TokenStanding;
import io.mandate.query.web.NotFoundException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One token and its chain, in a fixed number of requests whatever the depth: a get, an
 * {@code _mget} of the lineage, a term query for the descendants, the grant, and the status facts.
 * They run in three rounds, not seven in a row: the token; then its ancestors, descendants and grant
 * side by side; then the status facts (whose own reads also run side by side).
 */
@Component
class ChainQueries {

    /** Descendants listed per chain; the total is always reported. */
    static final int MAX_DESCENDANTS = 1_000;

    private final TokenReader tokens;
    private final GrantLookup grants;
    private final StandingFactsReader facts;
    private final ConcurrentReads reads;
    private final Clock clock;

    ChainQueries(TokenReader tokens, GrantLookup grants, StandingFactsReader facts, ConcurrentReads reads, Clock clock) {
        this.tokens = tokens;
        this.grants = grants;
        this.facts = facts;
        this.reads = reads;
        this.clock = clock;
    }

    TokenView token(String jti) {
        TokenDocument token = find(jti);
        return new TokenView(token, TokenStanding.of(token, facts.forTokens(List.of(token)), clock.instant()));
    }

    ChainView chain(String jti) {
        TokenDocument self = find(jti);
        ConcurrentReads.Pending<Map<String, TokenDocument>> readAncestors = reads.start(() -> tokens.findAll(self.lineage()));
        ConcurrentReads.Pending<TokenSlice> readDescendants = reads.start(() -> self.kind() == TokenKind.EXCHANGED
                ? tokens.descendants(jti, MAX_DESCENDANTS) : new TokenSlice(List.of(), 0));
        Optional<GrantDocument> grant = grants.grant(self.grantId()); // the third read, on this thread
        Map<String, TokenDocument> ancestors = readAncestors.join();
        TokenSlice descendants = readDescendants.join();
        List<TokenDocument> all = new ArrayList<>(ancestors.values());
        all.add(self);
        all.addAll(descendants.items());
        StandingFacts known = facts.load(all, grant.map(List::of).orElse(List.of()));
        return ChainAssembly.assemble(self, ancestors, descendants, grant, known, clock.instant());
    }

    private TokenDocument find(String jti) {
        return tokens.find(jti).orElseThrow(() -> new NotFoundException("No token with jti '" + jti + "'."));
    }
}
