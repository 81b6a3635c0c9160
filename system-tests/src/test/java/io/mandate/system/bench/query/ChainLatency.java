package io.mandate.system.bench.query;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Chain query latency, three ways per token, interleaved so drift hits them alike: {@code GET
 * /api/tokens/{jti}/chain} over HTTP (security, the query-service's reads, assembly, JSON); the Elasticsearch
 * requests that endpoint makes, sent by this client one after the other (a real-time get of the token, an
 * {@code _mget} of its lineage, the {@code term} query on {@code lineage} for its descendants, the grant, an
 * {@code _mget} of the clients, and the two revocation searches of {@code mandate-events}); and the baseline, one
 * {@code term} query on {@code jti} of the same index. Also timed: the same HTTP request for an absent token
 * (authentication, one get, a 404), the API's floor whatever the chain. Every HTTP answer is checked: 200, the token itself among
 * the hops, no ancestor missing, and no hop whose scopes exceed its parent's.
 */
final class ChainLatency {

    private static final String TOKENS = "mandate-tokens";
    private final Elastic elastic;
    private final String queryUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String investigator = "Basic " + Base64.getEncoder()
            .encodeToString("investigator:mandate-investigator".getBytes(StandardCharsets.UTF_8));

    ChainLatency(Elastic elastic, String queryUrl) {
        this.elastic = elastic;
        this.queryUrl = queryUrl;
    }

    /** Up to {@code perDepth} random exchanged tokens of each depth 1..5 (random_score: no scripting). */
    List<String> sample(int perDepth, long seed) {
        List<String> jtis = new ArrayList<>();
        for (int depth = 1; depth <= 5; depth++) {
            JsonNode hits = elastic.post("/" + TOKENS + "/_search", Map.of("size", perDepth, "_source", false,
                    "query", Map.of("function_score", Map.of(
                            "query", Map.of("bool", Map.of("filter", List.of(Map.of("term", Map.of("depth", depth)),
                                    Map.of("term", Map.of("kind", "EXCHANGED"))))),
                            "random_score", Map.of("seed", seed + depth, "field", "_seq_no"))))).path("hits").path("hits");
            hits.forEach(hit -> jtis.add(hit.path("_id").asText()));
        }
        Collections.shuffle(jtis, new Random(seed));
        return jtis;
    }

    record Round(Latencies http, Latencies notFound, Latencies elastic, Latencies term, long checked,
                 List<String> violations) {
    }

    Round round(List<String> jtis) {
        Latencies overHttp = new Latencies();
        Latencies notFound = new Latencies();
        Latencies direct = new Latencies();
        Latencies term = new Latencies();
        List<String> violations = new ArrayList<>();
        for (String jti : jtis) {
            long start = System.nanoTime();
            HttpResponse<String> response = chain(jti);
            overHttp.add((System.nanoTime() - start) / 1e6);
            check(jti, response, violations);

            // the same request for a token that does not exist: authentication, one get, a 404 problem
            start = System.nanoTime();
            int status = chain(jti + "-absent").statusCode();
            notFound.add((System.nanoTime() - start) / 1e6);
            if (status != 404) {
                violations.add(jti + "-absent: HTTP " + status + " instead of 404");
            }

            start = System.nanoTime();
            elasticChain(jti);
            direct.add((System.nanoTime() - start) / 1e6);

            start = System.nanoTime();
            JsonNode hits = elastic.post("/" + TOKENS + "/_search", Map.of("size", 1,
                    "query", Map.of("term", Map.of("jti", jti)))).path("hits").path("hits");
            term.add((System.nanoTime() - start) / 1e6);
            if (hits.size() != 1) {
                violations.add(jti + ": the term query found " + hits.size() + " documents");
            }
        }
        return new Round(overHttp, notFound, direct, term, jtis.size(), violations);
    }

    /** The requests ChainQueries.chain makes, in its order, as the query-service's client sends them. */
    private void elasticChain(String jti) {
        JsonNode token = elastic.get("/" + TOKENS + "/_doc/" + jti).path("_source");
        List<String> lineage = strings(token.path("lineage"));
        if (!lineage.isEmpty()) {
            elastic.post("/" + TOKENS + "/_mget", Map.of("ids", lineage));
        }
        JsonNode descendants = elastic.post("/" + TOKENS + "/_search", Map.of("size", 1_000, "track_total_hits", true,
                "query", Map.of("term", Map.of("lineage", jti)),
                "sort", List.of(Map.of("depth", "asc"), Map.of("issuedAt", "asc"), Map.of("jti", "asc")))).path("hits").path("hits");
        String grantId = token.path("grantId").asText();
        JsonNode grant = elastic.get("/mandate-grants/_doc/" + grantId).path("_source");
        Set<String> clients = new LinkedHashSet<>(strings(token.path("actors")));
        clients.add(token.path("holder").asText());
        clients.add(grant.path("agentId").asText());
        Set<String> jtis = new LinkedHashSet<>(lineage);
        jtis.add(jti);
        for (JsonNode descendant : descendants) {
            clients.addAll(strings(descendant.path("_source").path("actors")));
            jtis.addAll(strings(descendant.path("_source").path("lineage")));
            jtis.add(descendant.path("_id").asText());
        }
        elastic.post("/mandate-clients/_mget", Map.of("ids", List.copyOf(clients)));
        revocations("UserRevoked", "userId", List.of(token.path("userId").asText()));
        revocations("TokenRevoked", "jti", List.copyOf(jtis));
    }

    private void revocations(String type, String field, List<String> values) {
        elastic.post("/mandate-events/_search", Map.of("size", 10_000,
                "_source", Map.of("includes", List.of(field, "payload.revokedAt")),
                "query", Map.of("bool", Map.of("filter", List.of(Map.of("term", Map.of("type", type)),
                        Map.of("terms", Map.of(field, values)))))));
    }

    private HttpResponse<String> chain(String jti) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(queryUrl + "/api/tokens/" + jti + "/chain"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", investigator).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET chain of " + jti, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void check(String jti, HttpResponse<String> response, List<String> violations) {
        if (response.statusCode() != 200) {
            violations.add(jti + ": HTTP " + response.statusCode());
            return;
        }
        JsonNode chain;
        try {
            chain = Elastic.JSON.readTree(response.body());
        } catch (IOException e) {
            violations.add(jti + ": not JSON");
            return;
        }
        boolean self = false;
        for (JsonNode hop : chain.path("hops")) {
            self |= "SELF".equals(hop.path("relation").asText()) && jti.equals(hop.path("jti").asText());
            if (hop.path("scopeWithinParent").isBoolean() && !hop.path("scopeWithinParent").asBoolean()) {
                violations.add(jti + ": hop " + hop.path("jti").asText() + " exceeds its parent's scopes");
            }
        }
        if (!self) {
            violations.add(jti + ": the token is not among its chain's hops");
        }
        if (!chain.path("missingAncestors").isEmpty()) {
            violations.add(jti + ": missing ancestors " + chain.path("missingAncestors"));
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
