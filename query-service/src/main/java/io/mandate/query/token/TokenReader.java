package io.mandate.query.token;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import io.mandate.query.index.ElasticCalls;
import io.mandate.query.index.IndexReader;
import io.mandate.query.web.Paging;
import io.mandate.query.web.ResultPage;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static io.mandate.query.index.IndexReader.sortBy;

/**
 * Reads {@code mandate-tokens}. Chains need no join: ancestors are one {@code _mget} of the
 * token's {@code lineage}, descendants one {@code term} query on {@code lineage}.
 */
@Component
public class TokenReader {

    /** The most tokens one request reads: Elasticsearch's default result window. */
    public static final int MAX_READ = 10_000;
    private static final String ALIAS = TokensIndex.DEFINITION.alias();
    private static final List<SortOptions> OLDEST_HOP_FIRST = List.of(sortBy("depth", SortOrder.Asc),
            sortBy("issuedAt", SortOrder.Asc), sortBy("jti", SortOrder.Asc));
    private static final List<SortOptions> NEWEST_FIRST = List.of(sortBy("issuedAt", SortOrder.Desc),
            sortBy("jti", SortOrder.Asc));

    private final ElasticsearchClient client;
    private final IndexReader reader;

    TokenReader(ElasticsearchClient client, IndexReader reader) {
        this.client = client;
        this.reader = reader;
    }

    /** A real-time get: readable as soon as indexed. */
    public Optional<TokenDocument> find(String jti) {
        return reader.find(ALIAS, jti, TokenDocument.class, "token");
    }

    /** The tokens known among {@code jtis}, by jti (absent ones are simply missing). */
    public Map<String, TokenDocument> findAll(Collection<String> jtis) {
        Map<String, TokenDocument> found = new LinkedHashMap<>();
        if (jtis.isEmpty()) {
            return found;
        }
        MgetResponse<TokenDocument> response = ElasticCalls.read("tokens", () -> client.mget(mget -> mget
                .index(ALIAS).ids(List.copyOf(jtis)), TokenDocument.class), null);
        if (response != null) {
            for (MultiGetResponseItem<TokenDocument> item : response.docs()) {
                if (item.isResult() && item.result().found() && item.result().source() != null) {
                    found.put(item.result().id(), item.result().source());
                }
            }
        }
        return found;
    }

    /** Every token exchanged (directly or further down) from {@code jti}, shallowest first, up to {@code limit}. */
    public TokenSlice descendants(String jti, int limit) {
        return search(Query.of(q -> q.term(term -> term.field("lineage").value(jti))), OLDEST_HOP_FIRST, limit);
    }

    /** Tokens in whose chain the client stands anywhere (holder or earlier actor), newest first. */
    public ResultPage<TokenDocument> withActor(String clientId, Paging paging) {
        return reader.page(ALIAS, Query.of(q -> q.term(term -> term.field("actors").value(clientId))), NEWEST_FIRST,
                paging, TokenDocument.class, "tokens");
    }

    /** Tokens matching {@code filter} that have not expired at {@code now}, newest first, up to {@code limit}. */
    public TokenSlice unexpired(Query filter, Instant now, int limit) {
        Query query = Query.of(q -> q.bool(bool -> bool
                .filter(filter)
                .filter(f -> f.range(range -> range.untyped(r -> r.field("expiresAt").gt(JsonData.of(now.toString())))))));
        return search(query, NEWEST_FIRST, limit);
    }

    /** The number of tokens matching {@code filter}. */
    public long count(Query filter) {
        return ElasticCalls.read("tokens", () -> client.count(count -> count.index(ALIAS).query(filter)).count(), 0L);
    }

    /** The users whose tokens the client stands in, most tokens first (user id → tokens). */
    public Map<String, Long> usersActedForBy(String clientId, int size) {
        SearchResponse<Void> response = ElasticCalls.read("tokens", () -> client.search(search -> search
                .index(ALIAS).size(0)
                .query(q -> q.term(term -> term.field("actors").value(clientId)))
                .aggregations("users", agg -> agg.terms(terms -> terms.field("userId").size(size))), Void.class), null);
        Map<String, Long> users = new LinkedHashMap<>();
        if (response != null) {
            response.aggregations().get("users").sterms().buckets().array()
                    .forEach(bucket -> users.put(bucket.key().stringValue(), bucket.docCount()));
        }
        return users;
    }

    /** Every client that acted for the user, with how, since when and through which grants and chains. */
    public List<ActorActivity> actorsForUser(String userId, int size) {
        SearchResponse<Void> response = ElasticCalls.read("tokens", () -> client.search(search -> search
                .index(ALIAS).size(0)
                .query(q -> q.term(term -> term.field("userId").value(userId)))
                .aggregations("actors", agg -> agg.terms(terms -> terms.field("actors").size(size))
                        .aggregations("first", sub -> sub.min(min -> min.field("issuedAt")))
                        .aggregations("last", sub -> sub.max(max -> max.field("issuedAt")))
                        .aggregations("lastExpiry", sub -> sub.max(max -> max.field("expiresAt")))
                        .aggregations("scopes", sub -> sub.terms(terms -> terms.field("scopes").size(100)))
                        .aggregations("grants", sub -> sub.terms(terms -> terms.field("grantId").size(20)))
                        .aggregations("chains", sub -> sub.terms(terms -> terms.field("chainId").size(10)))),
                Void.class), null);
        if (response == null) {
            return List.of();
        }
        return response.aggregations().get("actors").sterms().buckets().array().stream()
                .map(TokenReader::activity).toList();
    }

    private static ActorActivity activity(StringTermsBucket bucket) {
        Map<String, Aggregate> sub = bucket.aggregations();
        return new ActorActivity(bucket.key().stringValue(), bucket.docCount(), instant(sub.get("first").min().value()),
                instant(sub.get("last").max().value()), instant(sub.get("lastExpiry").max().value()),
                keys(sub.get("scopes")).stream().sorted().toList(), keys(sub.get("grants")), keys(sub.get("chains")));
    }

    private static List<String> keys(Aggregate terms) {
        return terms.sterms().buckets().array().stream().map(bucket -> bucket.key().stringValue()).toList();
    }

    private static Instant instant(Double epochMillis) {
        return epochMillis == null || epochMillis.isInfinite() ? null : Instant.ofEpochMilli(epochMillis.longValue());
    }

    private TokenSlice search(Query query, List<SortOptions> sort, int limit) {
        int size = Math.max(0, Math.min(limit, MAX_READ));
        SearchResponse<TokenDocument> response = ElasticCalls.read("tokens", () -> client.search(search -> search
                .index(ALIAS).query(query).sort(sort).size(size)
                .trackTotalHits(total -> total.enabled(true)), TokenDocument.class), null);
        if (response == null) {
            return new TokenSlice(List.of(), 0);
        }
        return new TokenSlice(response.hits().hits().stream().map(Hit::source).filter(Objects::nonNull).toList(),
                response.hits().total() == null ? 0 : response.hits().total().value());
    }
}
