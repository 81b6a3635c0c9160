package io.mandate.query.investigation;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.mandate.query.grant.GrantDocument;
import io.mandate.query.token.StandingFacts;
import io.mandate.query.token.StandingFactsReader;
import io.mandate.query.token.TokenDocument;
import io.mandate.query.token.TokenReader;
import io.mandate.query.token.TokenSlice;
import io.mandate.query.token.TokenStanding;
import io.mandate.query.web.NotFoundException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Computes a {@link BlastRadius}: the target's grants and unexpired tokens are read, then judged
 * one by one with the same rule as every other view ({@link TokenStanding}), so what is already
 * revoked, suspended or expired is not counted again. At most {@link TokenReader#MAX_READ} tokens
 * (the newest) are judged; beyond that the count is an upper bound and says so.
 */
@Component
public class BlastRadiusQueries {

    private final GrantLookup lookup;
    private final TokenReader tokens;
    private final StandingFactsReader facts;
    private final Clock clock;

    BlastRadiusQueries(GrantLookup lookup, TokenReader tokens, StandingFactsReader facts, Clock clock) {
        this.lookup = lookup;
        this.tokens = tokens;
        this.facts = facts;
        this.clock = clock;
    }

    /** @throws NotFoundException when the query side knows nothing of the target */
    public BlastRadius of(Target target) {
        Instant now = clock.instant();
        Scope scope = scope(target);
        TokenSlice candidates = tokens.unexpired(scope.tokens(), now, TokenReader.MAX_READ);
        StandingFacts known = facts.load(candidates.items(), scope.grants().items());

        List<GrantDocument> grants = scope.grants().items().stream()
                .filter(grant -> TokenStanding.ofGrant(grant, known, now).isActive()).toList();
        List<TokenDocument> live = candidates.items().stream()
                .filter(token -> TokenStanding.of(token, known, now).isActive()).toList();
        long uncheckedTokens = candidates.total() - candidates.items().size();
        long uncheckedGrants = scope.grants().total() - scope.grants().items().size();

        Set<String> users = new LinkedHashSet<>();
        grants.forEach(grant -> users.add(grant.userId()));
        live.forEach(token -> users.add(token.userId()));
        users.remove(null);
        Set<String> downstream = new LinkedHashSet<>();
        live.forEach(token -> downstream.add(token.holder()));
        if (target.kind() == Target.Kind.AGENT) {
            downstream.remove(target.id());
        }
        boolean exact = uncheckedTokens == 0 && uncheckedGrants == 0;
        return new BlastRadius(target,
                BlastRadius.Count.of(grants.stream().map(GrantDocument::grantId).toList(), uncheckedGrants),
                BlastRadius.Count.of(live.stream().map(TokenDocument::jti).toList(), uncheckedTokens),
                new BlastRadius.Count(users.size(), exact, users.stream().limit(BlastRadius.Count.SAMPLE_SIZE).toList()),
                new BlastRadius.Count(downstream.size(), exact,
                        downstream.stream().limit(BlastRadius.Count.SAMPLE_SIZE).toList()),
                now);
    }

    /** The grants the revocation covers and the filter of the tokens it covers; 404 for an unknown target. */
    private Scope scope(Target target) {
        String id = target.id();
        switch (target.kind()) {
            case AGENT -> {
                lookup.client(id).orElseThrow(() -> new NotFoundException("No client with id '" + id + "'."));
                return new Scope(lookup.grantsBy("agentId", id), term("actors", id));
            }
            case USER -> {
                GrantLookup.Grants grants = lookup.grantsBy("userId", id);
                Query filter = term("userId", id);
                if (grants.total() == 0 && tokens.count(filter) == 0 && facts.userWatermark(id).isEmpty()) {
                    throw new NotFoundException("Nothing is known of user '" + id + "': no grant, token or revocation.");
                }
                return new Scope(grants, filter);
            }
            case GRANT -> {
                GrantDocument grant = lookup.grant(id)
                        .orElseThrow(() -> new NotFoundException("No grant with id '" + id + "'."));
                return new Scope(new GrantLookup.Grants(List.of(grant), 1), term("grantId", id));
            }
            case TOKEN -> {
                tokens.find(id).orElseThrow(() -> new NotFoundException("No token with jti '" + id + "'."));
                // The token itself and every token exchanged from it: what TokenRevoked cascades to.
                return new Scope(new GrantLookup.Grants(List.of(), 0), Query.of(q -> q.bool(bool -> bool
                        .minimumShouldMatch("1")
                        .should(term("jti", id))
                        .should(term("lineage", id)))));
            }
            default -> throw new IllegalStateException("unknown target kind " + target.kind());
        }
    }

    private static Query term(String field, String value) {
        Objects.requireNonNull(value, field);
        return Query.of(q -> q.term(term -> term.field(field).value(value)));
    }

    private record Scope(GrantLookup.Grants grants, Query tokens) {
    }
}
