package io.mandate.query.token;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import io.mandate.query.client.ClientDocument;
import io.mandate.query.client.ClientsIndex;
import io.mandate.query.event.EventsIndex;
import io.mandate.query.grant.GrantDocument;
import io.mandate.query.grant.GrantsIndex;
import io.mandate.query.index.ConcurrentReads;
import io.mandate.query.index.ElasticCalls;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BinaryOperator;

/**
 * Gathers the {@link StandingFacts} of a set of tokens and grants with a constant number of
 * requests, whatever their number: one {@code _mget} of grants, one of clients, and terms
 * searches of the events index for {@code UserRevoked} and {@code TokenRevoked} (the last three side by
 * side: none needs another's answer). Users and token
 * revocations have no document of their own: the events index already holds every revocation,
 * and a user's watermark is the latest {@code revokedAt} among them.
 */
@Component
public class StandingFactsReader {

    /** Terms per query: well under Elasticsearch's 65,536 limit, and small enough to keep each request light. */
    static final int TERMS_PER_QUERY = 5_000;
    private static final int MAX_EVENTS_PER_QUERY = 10_000;

    private final ElasticsearchClient client;
    private final ConcurrentReads reads;

    StandingFactsReader(ElasticsearchClient client, ConcurrentReads reads) {
        this.client = client;
        this.reads = reads;
    }

    public StandingFacts forTokens(Collection<TokenDocument> tokens) {
        return load(tokens, List.of());
    }

    public StandingFacts forGrants(Collection<GrantDocument> grants) {
        return load(List.of(), grants);
    }

    /** @param knownGrants grants the caller has read already (not read again) */
    public StandingFacts load(Collection<TokenDocument> tokens, Collection<GrantDocument> knownGrants) {
        Map<String, GrantDocument> grants = new HashMap<>();
        knownGrants.forEach(grant -> grants.put(grant.grantId(), grant));
        Set<String> missingGrants = new LinkedHashSet<>();
        tokens.stream().map(TokenDocument::grantId).filter(Objects::nonNull)
                .filter(id -> !grants.containsKey(id)).forEach(missingGrants::add);
        grants.putAll(mget(GrantsIndex.DEFINITION.alias(), missingGrants, GrantDocument.class));

        Set<String> clientIds = new LinkedHashSet<>();
        Set<String> userIds = new LinkedHashSet<>();
        Set<String> jtis = new LinkedHashSet<>();
        for (TokenDocument token : tokens) {
            clientIds.addAll(token.actors());
            clientIds.add(token.holder());
            if (token.userId() != null) {
                userIds.add(token.userId());
            }
            jtis.addAll(token.selfAndAncestors());
        }
        for (GrantDocument grant : grants.values()) {
            clientIds.add(grant.agentId());
            userIds.add(grant.userId());
        }
        clientIds.remove(null);
        userIds.remove(null);
        ConcurrentReads.Pending<Map<String, Instant>> userRevocations = reads.start(() ->
                revocations("UserRevoked", "userId", userIds, BinaryOperator.maxBy(Instant::compareTo)));
        ConcurrentReads.Pending<Map<String, Instant>> tokenRevocations = reads.start(() ->
                revocations("TokenRevoked", "jti", jtis, BinaryOperator.minBy(Instant::compareTo)));
        Map<String, ClientDocument> clients = mget(ClientsIndex.DEFINITION.alias(), clientIds, ClientDocument.class);
        return new StandingFacts(grants, clients, userRevocations.join(), tokenRevocations.join());
    }

    /** The user's current watermark (the latest {@code UserRevoked}), if any. */
    public java.util.Optional<Instant> userWatermark(String userId) {
        return java.util.Optional.ofNullable(revocations("UserRevoked", "userId", List.of(userId),
                BinaryOperator.maxBy(Instant::compareTo)).get(userId));
    }

    /** When the token was revoked by jti, if it was. */
    public java.util.Optional<Instant> tokenRevokedAt(String jti) {
        return java.util.Optional.ofNullable(revocations("TokenRevoked", "jti", List.of(jti),
                BinaryOperator.minBy(Instant::compareTo)).get(jti));
    }

    /** The clients known among {@code clientIds}, by id (including those known only from a watermark). */
    public Map<String, ClientDocument> clients(Collection<String> clientIds) {
        return mget(ClientsIndex.DEFINITION.alias(), clientIds, ClientDocument.class);
    }

    private <D> Map<String, D> mget(String alias, Collection<String> ids, Class<D> type) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        MgetResponse<D> response = ElasticCalls.read(alias, () ->
                client.mget(mget -> mget.index(alias).ids(List.copyOf(ids)), type), null);
        Map<String, D> found = new HashMap<>();
        if (response == null) {
            return found;
        }
        for (MultiGetResponseItem<D> item : response.docs()) {
            if (item.isResult() && item.result().found() && item.result().source() != null) {
                found.put(item.result().id(), item.result().source());
            }
        }
        return found;
    }

    /**
     * The revocation instant per subject ({@code payload.revokedAt}, the instant the event states,
     * which is what watermarks compare), merged when one subject has several.
     */
    private Map<String, Instant> revocations(String type, String field, Collection<String> subjects,
                                             BinaryOperator<Instant> merge) {
        Map<String, Instant> result = new HashMap<>();
        List<String> all = new ArrayList<>(subjects);
        for (int from = 0; from < all.size(); from += TERMS_PER_QUERY) {
            List<FieldValue> chunk = all.subList(from, Math.min(all.size(), from + TERMS_PER_QUERY)).stream()
                    .map(FieldValue::of).toList();
            SearchResponse<JsonNode> response = ElasticCalls.read("revocations", () -> client.search(search -> search
                    .index(EventsIndex.DEFINITION.alias())
                    .size(MAX_EVENTS_PER_QUERY)
                    .source(source -> source.filter(filter -> filter.includes(field, "payload.revokedAt")))
                    .query(q -> q.bool(bool -> bool
                            .filter(f -> f.term(term -> term.field("type").value(type)))
                            .filter(f -> f.terms(terms -> terms.field(field).terms(values -> values.value(chunk)))))),
                    JsonNode.class), null);
            if (response == null) {
                continue;
            }
            for (Hit<JsonNode> hit : response.hits().hits()) {
                JsonNode source = hit.source();
                if (source == null || !source.hasNonNull(field) || !source.path("payload").hasNonNull("revokedAt")) {
                    continue;
                }
                result.merge(source.get(field).asText(), Instant.parse(source.get("payload").get("revokedAt").asText()),
                        merge);
            }
        }
        return result;
    }
}
