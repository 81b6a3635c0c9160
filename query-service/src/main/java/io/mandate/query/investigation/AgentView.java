package io.mandate.query.investigation;

import io.mandate.query.client.ClientDocument;
import io.mandate.query.web.ResultPage;

import java.util.List;
import java.util.Map;

/**
 * Everything about one agent (or any client) an investigator starts from.
 *
 * @param grants   the grants it holds (as the grant's agent), newest first, with their status now
 * @param tokens   one page of the tokens in whose chain it stands anywhere, newest first
 * @param actsFor  the users it acts for: from its tokens (terms aggregation) and its grants
 * @param timeline its events counted by type, and where to read them
 */
public record AgentView(ClientDocument client,
                        GrantStanding.Page grants,
                        ResultPage<TokenView> tokens,
                        List<UserActedFor> actsFor,
                        Timeline timeline) {

    /** A user the agent acts for: in how many tokens and through how many of its grants. */
    public record UserActedFor(String userId, long tokens, long grants) {
    }

    /**
     * @param countsByType e.g. {@code TokenExchanged: 120, TokenExchangeRefused: 3, ClientRevoked: 1}
     * @param links        where the events themselves are listed
     */
    public record Timeline(long total, Map<String, Long> countsByType, Map<String, String> links) {
    }
}
