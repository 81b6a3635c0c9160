package io.mandate.query.token;

import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.token.ClientTokenIssued;
import io.mandate.messages.token.TokenExchanged;

import java.time.Instant;
import java.util.List;

/**
 * One issued token in the {@code mandate-tokens} index (document id = jti), as its issuance event
 * recorded it. Immutable: nothing that happens to a token later is written here; its status is
 * computed when read ({@link TokenStanding}).
 *
 * @param lineage    the jtis of every Mandate-issued ancestor, root first, parent last (empty on a
 *                   first hop): a term query on it finds every descendant of a token
 * @param chainId    the jti of the chain's first Mandate token (the lineage's root, or this token's
 *                   own jti when it is the root): one term groups a whole delegation tree
 * @param depth      the number of actors in the chain (1 for a first hop); 0 for client credentials
 * @param actorChain the RFC 8693 {@code act} chain, outermost (the holder) first, the grant's agent
 *                   last; kept in order in the source, not indexed (see {@code actors})
 * @param actors     every client anywhere in the chain, holder included, sorted: what "tokens in
 *                   which agent X appears" searches
 */
public record TokenDocument(String jti,
                            TokenKind kind,
                            String parentJti,
                            List<String> lineage,
                            String chainId,
                            int depth,
                            String grantId,
                            String userId,
                            String holder,
                            List<String> actorChain,
                            List<String> actors,
                            String audience,
                            List<String> scopes,
                            String subjectIssuer,
                            String keyId,
                            Instant issuedAt,
                            Instant expiresAt) {

    public TokenDocument {
        lineage = lineage == null ? List.of() : List.copyOf(lineage);
        actorChain = actorChain == null ? List.of() : List.copyOf(actorChain);
        actors = actors == null ? List.of() : List.copyOf(actors);
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    public static TokenDocument of(TokenExchanged e) {
        List<String> lineage = e.lineage().stream().map(Jti::value).toList();
        List<String> chain = e.actorChain().stream().map(ClientId::value).toList();
        return new TokenDocument(e.jti().value(), TokenKind.EXCHANGED, e.parentJti() == null ? null : e.parentJti().value(),
                lineage, lineage.isEmpty() ? e.jti().value() : lineage.get(0), chain.size(), e.grantId().value(),
                e.userId().value(), e.holder().value(), chain, chain.stream().distinct().sorted().toList(),
                e.audience(), e.scopes().asList(), e.subjectIssuer(), e.keyId(), e.issuedAt(), e.expiresAt());
    }

    public static TokenDocument of(ClientTokenIssued e) {
        return new TokenDocument(e.jti().value(), TokenKind.CLIENT_CREDENTIALS, null, List.of(), e.jti().value(), 0,
                null, null, e.clientId().value(), List.of(), List.of(e.clientId().value()), e.audience(),
                e.scopes().asList(), null, e.keyId(), e.issuedAt(), e.expiresAt());
    }

    /** Every jti whose revocation ends this token: its own and each ancestor's. */
    public List<String> selfAndAncestors() {
        List<String> jtis = new java.util.ArrayList<>(lineage);
        jtis.add(jti);
        return jtis;
    }

    /** The grant's agent: the innermost actor (null for client credentials). */
    public String agent() {
        return actorChain.isEmpty() ? null : actorChain.get(actorChain.size() - 1);
    }
}
