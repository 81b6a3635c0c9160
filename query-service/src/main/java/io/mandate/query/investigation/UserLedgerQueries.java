package io.mandate.query.investigation;

import io.mandate.query.client.ClientDocument;
import io.mandate.query.grant.GrantDocument;
import io.mandate.query.token.ActorActivity;
import io.mandate.query.token.StandingFacts;
import io.mandate.query.token.StandingFactsReader;
import io.mandate.query.token.TokenReader;
import io.mandate.query.token.TokenStanding;
import io.mandate.query.web.NotFoundException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a {@link UserLedger} from the user's grants and one aggregation of their tokens by
 * {@code actors}: no token is read one by one, however many the user has.
 */
@Component
class UserLedgerQueries {

    private static final int MAX_DELEGATES = 200;

    private final GrantLookup lookup;
    private final TokenReader tokens;
    private final StandingFactsReader facts;
    private final Clock clock;

    UserLedgerQueries(GrantLookup lookup, TokenReader tokens, StandingFactsReader facts, Clock clock) {
        this.lookup = lookup;
        this.tokens = tokens;
        this.facts = facts;
        this.clock = clock;
    }

    UserLedger ledger(String userId) {
        GrantLookup.Grants grants = lookup.grantsBy("userId", userId);
        List<ActorActivity> activity = tokens.actorsForUser(userId, MAX_DELEGATES);
        StandingFacts known = facts.load(List.of(), grants.items());
        Optional<Instant> watermark = known.userWatermark(userId).or(() -> facts.userWatermark(userId));
        if (grants.total() == 0 && activity.isEmpty() && watermark.isEmpty()) {
            throw new NotFoundException("Nothing is known of user '" + userId + "': no grant, token or revocation.");
        }
        Instant now = clock.instant();
        List<GrantStanding> standings = grants.items().stream()
                .map(grant -> new GrantStanding(grant, TokenStanding.ofGrant(grant, known, now))).toList();
        return new UserLedger(userId, watermark.orElse(null), new GrantStanding.Page(standings, grants.total()),
                delegates(grants.items(), activity));
    }

    private List<UserLedger.Delegate> delegates(List<GrantDocument> grants, List<ActorActivity> activity) {
        Set<String> clientIds = new LinkedHashSet<>();
        grants.forEach(grant -> clientIds.add(grant.agentId()));
        activity.forEach(actor -> clientIds.add(actor.clientId()));
        Map<String, ClientDocument> clients = facts.clients(clientIds);
        Map<String, ActorActivity> byClient = new LinkedHashMap<>();
        activity.forEach(actor -> byClient.put(actor.clientId(), actor));

        List<UserLedger.Delegate> delegates = new ArrayList<>();
        for (String clientId : clientIds) {
            List<GrantDocument> held = grants.stream().filter(grant -> clientId.equals(grant.agentId())).toList();
            ActorActivity acted = byClient.get(clientId);
            Optional<ClientDocument> client = Optional.ofNullable(clients.get(clientId)).filter(c -> c.status() != null);
            TreeSet<String> grantedScopes = new TreeSet<>();
            held.forEach(grant -> grantedScopes.addAll(grant.scopes() == null ? List.of() : grant.scopes()));
            Instant since = held.stream().map(GrantDocument::createdAt).min(Instant::compareTo).orElse(null);
            if (acted != null && acted.firstIssuedAt() != null && (since == null || acted.firstIssuedAt().isBefore(since))) {
                since = acted.firstIssuedAt();
            }
            delegates.add(new UserLedger.Delegate(clientId, client.map(ClientDocument::kind).orElse(null),
                    client.map(ClientDocument::name).orElse(null), held.stream().map(GrantDocument::grantId).toList(),
                    List.copyOf(grantedScopes), since, acted == null ? 0 : acted.tokens(),
                    acted == null ? List.of() : acted.scopes(), acted == null ? List.of() : acted.grantIds(),
                    acted == null ? List.of() : acted.chainIds(), acted == null ? null : acted.lastIssuedAt(),
                    acted == null ? null : acted.lastExpiresAt()));
        }
        return delegates;
    }
}
