package io.mandate.query.event;

import io.mandate.messages.MandateEvent;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.token.TokenExchangeRefused;
import io.mandate.messages.token.TokenExchanged;

import java.util.Arrays;
import java.util.List;

/**
 * The token endpoint's searchable fields beyond {@link Searchable}: every client of an issued
 * token's actor chain (so a search by client finds the tokens where it acted anywhere, not only as
 * holder or grant agent), and what a refused request asked for (so a search by scope or audience
 * also finds the attempts to get it).
 *
 * @param actorChain        the issued token's actors, holder first, the grant's agent last
 * @param requestedScopes   a refusal's {@code scope} parameter, split on spaces as RFC 6749 §3.3 does
 * @param requestedAudience a refusal's {@code audience} / {@code resource} parameter as sent
 */
record TokenSearchable(List<String> actorChain, List<String> requestedScopes, String requestedAudience) {

    private static final TokenSearchable NONE = new TokenSearchable(null, null, null);

    static TokenSearchable of(MandateEvent payload) {
        if (payload instanceof TokenExchanged e) {
            return new TokenSearchable(e.actorChain().stream().map(ClientId::value).toList(), null, null);
        } else if (payload instanceof TokenExchangeRefused e) {
            List<String> scopes = e.requestedScope() == null ? null
                    : Arrays.stream(e.requestedScope().split(" ")).filter(s -> !s.isEmpty()).distinct().toList();
            return new TokenSearchable(null, scopes == null || scopes.isEmpty() ? null : scopes, e.requestedAudience());
        }
        return NONE;
    }
}
