package io.mandate.query.investigation;

import io.mandate.query.client.ClientDocument;
import io.mandate.query.grant.GrantDocument;
import io.mandate.query.token.StandingFacts;
import io.mandate.query.token.StandingFactsReader;
import io.mandate.query.token.TokenDocument;
import io.mandate.query.token.TokenReader;
import io.mandate.query.token.TokenStanding;
import io.mandate.query.web.NotFoundException;
import io.mandate.query.web.Paging;
import io.mandate.query.web.ResultPage;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Assembles {@link AgentView}: the client, its grants, its tokens (paged), its users, its timeline. */
@Component
class AgentQueries {

    private static final int MAX_USERS = 100;

    private final GrantLookup lookup;
    private final TokenReader tokens;
    private final StandingFactsReader facts;
    private final EventCounts events;
    private final Clock clock;

    AgentQueries(GrantLookup lookup, TokenReader tokens, StandingFactsReader facts, EventCounts events, Clock clock) {
        this.lookup = lookup;
        this.tokens = tokens;
        this.facts = facts;
        this.events = events;
        this.clock = clock;
    }

    AgentView view(String clientId, Paging paging) {
        ClientDocument client = lookup.client(clientId)
                .orElseThrow(() -> new NotFoundException("No client with id '" + clientId + "'."));
        Instant now = clock.instant();
        GrantLookup.Grants grants = lookup.grantsBy("agentId", clientId);
        ResultPage<TokenDocument> page = tokens.withActor(clientId, paging);
        StandingFacts known = facts.load(page.items(), grants.items());

        List<GrantStanding> grantItems = grants.items().stream()
                .map(grant -> new GrantStanding(grant, TokenStanding.ofGrant(grant, known, now))).toList();
        List<TokenView> tokenItems = page.items().stream()
                .map(token -> new TokenView(token, TokenStanding.of(token, known, now))).toList();
        Map<String, Long> counts = events.byTypeForClient(clientId);
        return new AgentView(client, new GrantStanding.Page(grantItems, grants.total()),
                new ResultPage<>(tokenItems, page.total()), actsFor(clientId, grants.items()),
                new AgentView.Timeline(counts.values().stream().mapToLong(Long::longValue).sum(), counts, Map.of(
                        "revocations", "/api/revocations?clientId=" + clientId,
                        "watermarks", "/api/events?aggregateId=client:" + clientId,
                        "lifecycle", "/api/events?aggregateId=" + clientId)));
    }

    private List<AgentView.UserActedFor> actsFor(String clientId, List<GrantDocument> grants) {
        Map<String, Long> tokensByUser = tokens.usersActedForBy(clientId, MAX_USERS);
        Map<String, Long> grantsByUser = new LinkedHashMap<>();
        grants.forEach(grant -> grantsByUser.merge(grant.userId(), 1L, Long::sum));
        List<AgentView.UserActedFor> users = new ArrayList<>();
        tokensByUser.forEach((user, count) -> users.add(new AgentView.UserActedFor(user, count,
                grantsByUser.getOrDefault(user, 0L))));
        grantsByUser.forEach((user, count) -> {
            if (!tokensByUser.containsKey(user)) {
                users.add(new AgentView.UserActedFor(user, 0, count));
            }
        });
        return users;
    }
}
