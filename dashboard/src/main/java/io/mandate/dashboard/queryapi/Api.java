package io.mandate.dashboard.queryapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The parts of the query-service's representations the console shows (docs/api.md); unknown
 * fields are ignored, so the query-service may add fields without breaking the console.
 */
public final class Api {

    private Api() {
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    /** One page of a result list. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Page<T>(List<T> items, long total) {
        public Page {
            items = list(items);
        }
    }

    /** Where a token or grant stands now, and why. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Standing(String status, String grain, String reason) {
        public boolean revoked() {
            return "REVOKED".equals(status);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Policy(List<String> allowedNextClients, List<String> allowedNextKinds, int maxDepth,
                         List<String> approvalScopes) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Grant(String grantId, String userId, String agentId, String audience, List<String> scopes,
                        Policy policy, Instant expiresAt, Instant createdAt, String status, Instant revokedAt,
                        String revokedBy, String revocationReason) {
        public Grant {
            scopes = list(scopes);
        }
    }

    /** A grant with its status now (watermarks included). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GrantStanding(Grant grant, Standing standing) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Client(String clientId, String kind, String name, String owner, List<String> allowedScopes,
                         List<String> resourceUris, Instant registeredAt, String status, String statusReason,
                         Instant revokedAt) {
        public Client {
            allowedScopes = list(allowedScopes);
            resourceUris = list(resourceUris);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Token(String jti, String kind, String parentJti, String chainId, int depth, String grantId,
                        String userId, String holder, List<String> actorChain, String audience, List<String> scopes,
                        Instant issuedAt, Instant expiresAt) {
        public Token {
            actorChain = list(actorChain);
            scopes = list(scopes);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TokenView(Token token, Standing standing) {
    }

    /** {@code GET /api/tokens/{jti}/chain}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Chain(String jti, GrantStanding grant, ChainUser user, List<Hop> hops, List<String> missingAncestors,
                        long descendantsTotal, boolean descendantsComplete) {
        public Chain {
            hops = list(hops);
            missingAncestors = list(missingAncestors);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChainUser(String userId, Instant revokedAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Hop(String jti, String relation, String kind, String parentJti, int depth, String holder,
                      List<String> actorChain, String audience, List<String> scopes, Boolean scopeWithinParent,
                      String comparedWith, List<String> narrowedScopes, List<String> exceedingScopes,
                      Instant issuedAt, Instant expiresAt, Standing standing) {
        public Hop {
            actorChain = list(actorChain);
            scopes = list(scopes);
            narrowedScopes = list(narrowedScopes);
            exceedingScopes = list(exceedingScopes);
        }
    }

    /** {@code GET /api/agents/{id}/view}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AgentView(Client client, Page<GrantStanding> grants, Page<TokenView> tokens,
                            List<UserActedFor> actsFor, Timeline timeline) {
        public AgentView {
            actsFor = list(actsFor);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UserActedFor(String userId, long tokens, long grants) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Timeline(long total, Map<String, Long> countsByType) {
    }

    /** {@code GET /api/users/{id}/ledger}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UserLedger(String userId, Instant revokedAt, Page<GrantStanding> grants, List<Delegate> delegates) {
        public UserLedger {
            delegates = list(delegates);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Delegate(String clientId, String kind, String name, List<String> grantIds,
                           List<String> grantedScopes, Instant since, long tokens, List<String> tokenScopes,
                           List<String> chains, Instant lastIssuedAt, Instant lastExpiresAt) {
        public Delegate {
            grantIds = list(grantIds);
            grantedScopes = list(grantedScopes);
            tokenScopes = list(tokenScopes);
            chains = list(chains);
        }
    }

    /** {@code GET /api/blast-radius}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BlastRadius(Target target, Count grants, Count liveTokens, Count users, Count downstreamClients,
                              Instant computedAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Target(String kind, String id) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Count(long count, boolean exact, List<String> sample) {
        public Count {
            sample = list(sample);
        }
    }

    /** {@code POST /api/actions/revoke/{kind}/{id}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ActionResult(Target target, BlastRadius blastRadius, List<RecordedEvent> events, boolean effective,
                               long waitedMs, List<Confirmation> confirmations) {
        public ActionResult {
            events = list(events);
            confirmations = list(confirmations);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RecordedEvent(String type, String aggregateId, String eventId, Instant at, String by, String reason) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Confirmation(String where, boolean confirmed, String detail) {
    }

    /** One event of {@code mandate-events}, as search and timelines return it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Event(String eventId, String type, String aggregateId, Instant occurredAt, String grantId,
                        String userId, String agentId, String clientId, String audience, List<String> scopes,
                        String jti, String actor, String reason, String outcome, List<String> requestedScopes) {
        public Event {
            scopes = list(scopes);
            requestedScopes = list(requestedScopes);
        }
    }

    /** {@code GET /api/events/search}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EventPage(List<Event> items, long total, String next) {
        public EventPage {
            items = list(items);
        }
    }

    /** {@code GET /api/grants}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GrantList(List<Grant> items, long total) {
        public GrantList {
            items = list(items);
        }
    }

    /** {@code GET /api/clients}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ClientList(List<Client> items, long total) {
        public ClientList {
            items = list(items);
        }
    }
}
