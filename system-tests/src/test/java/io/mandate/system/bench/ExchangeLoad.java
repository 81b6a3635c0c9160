package io.mandate.system.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fixed number of workers, each looping over a realistic mix of token exchanges against
 * {@code POST /oauth2/token} through one keep-alive HTTP/1.1 client, until a deadline:
 * <ul>
 *   <li>direct (weight 30): user's IdP token → agent, for the resource server;</li>
 *   <li>MCP (30): user's token → agent, for the MCP server; then the MCP server → the resource;</li>
 *   <li>agent-to-agent (30): user's token → agent A, for agent B; then B → the resource;</li>
 *   <li>refusal (8): user's token → agent with a scope beyond its grant, expected 400 invalid_scope
 *       (8 of 158 requests ≈ 5 %).</li>
 * </ul>
 * Any other non-200 answer, or an I/O failure, is an unexpected error.
 */
final class ExchangeLoad {

    static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";
    static final String JWT = "urn:ietf:params:oauth:token-type:jwt";

    record Client(String id, String authorization) {
    }

    /** An agent and its user (whose grant names the agent). */
    record Agent(Client client, String userId) {
    }

    /** What the workers ask for. */
    enum Mix {
        /** The realistic mix above. */
        FULL,
        /**
         * First exchanges only (user's token → agent, for the resource, narrower scope): the closest
         * equivalent of what Keycloak's standard token exchange does, for the side-by-side rows.
         */
        DIRECT
    }

    private final BenchStack stack;
    private final List<Agent> agents;
    private final Client mcp;
    private final String mcpId;
    private final String resourceUri;
    private final int workers;
    private final URI tokenEndpoint;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** Users' IdP tokens, reused as clients do (valid ten minutes; renewed after four). */
    private final Map<String, long[]> tokenBorn = new ConcurrentHashMap<>();
    private final Map<String, String> userTokens = new ConcurrentHashMap<>();

    ExchangeLoad(BenchStack stack, List<Agent> agents, Client mcp, String resourceUri, int workers) {
        this.stack = stack;
        this.agents = List.copyOf(agents);
        this.mcp = mcp;
        this.mcpId = mcp.id();
        this.resourceUri = resourceUri;
        this.workers = workers;
        this.tokenEndpoint = URI.create(stack.issuerUrl + "/oauth2/token");
    }

    LoadDriver.Result run(Duration duration, Mix mix, double rate) throws InterruptedException {
        return LoadDriver.run(workers, duration, rate, () -> recorder -> iteration(recorder, mix));
    }

    private String userToken(String userId) {
        long now = System.nanoTime();
        long[] born = tokenBorn.computeIfAbsent(userId, u -> new long[] {Long.MIN_VALUE});
        synchronized (born) {
            if (born[0] == Long.MIN_VALUE || now - born[0] > Duration.ofMinutes(4).toNanos()) {
                userTokens.put(userId, stack.userToken(userId));
                born[0] = now;
            }
        }
        return userTokens.get(userId);
    }

    private void iteration(LoadDriver.Recorder recorder, Mix mix) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Agent agent = agents.get(random.nextInt(agents.size()));
        String subject = userToken(agent.userId());
        int pick = mix == Mix.DIRECT ? 0 : random.nextInt(98);  // scenario weights 30 + 30 + 30 + 8
        if (pick < 30) {
            exchange(recorder, "direct", agent.client(), subject, JWT, resourceUri, "bench.read", true);
        } else if (pick < 60) {
            String toMcp = exchange(recorder, "to-mcp", agent.client(), subject, JWT, mcpId, "bench.read", true);
            if (toMcp != null) {
                exchange(recorder, "mcp-hop", mcp, toMcp, ACCESS_TOKEN, resourceUri, "bench.read", true);
            }
        } else if (pick < 90) {
            Agent next = agents.get(random.nextInt(agents.size()));
            if (next == agent) {
                next = agents.get((agents.indexOf(agent) + 1) % agents.size());
            }
            String toAgent = exchange(recorder, "to-agent", agent.client(), subject, JWT, next.client().id(), "bench.read", true);
            if (toAgent != null) {
                exchange(recorder, "agent-hop", next.client(), toAgent, ACCESS_TOKEN, resourceUri, "bench.read", true);
            }
        } else {
            exchange(recorder, "refusal", agent.client(), subject, JWT, resourceUri, "bench.read bench.admin", false);
        }
    }

    /** One exchange; the token when 200, else null. */
    private String exchange(LoadDriver.Recorder recorder, String kind, Client as, String subjectToken, String subjectType,
                            String target, String scope, boolean expectOk) {
        if (JWT.equals(subjectType)) {
            recorder.firstHop();
        }
        String body = "grant_type=" + enc(TOKEN_EXCHANGE) + "&subject_token=" + enc(subjectToken)
                + "&subject_token_type=" + enc(subjectType)
                + (target.contains("://") ? "&resource=" : "&audience=") + enc(target) + "&scope=" + enc(scope);
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", as.authorization())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long started = recorder.requestStart();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            recorder.unexpected(kind + ": " + e);
            return null;
        }
        recorder.latency(started);
        try {
            JsonNode json = BenchStack.JSON.readTree(response.body());
            if (expectOk && response.statusCode() == 200 && json.hasNonNull("access_token")) {
                recorder.ok();
                return json.get("access_token").asText();
            }
            if (!expectOk && response.statusCode() == 400 && "invalid_scope".equals(json.path("error").asText())) {
                recorder.refused();
                return null;
            }
        } catch (Exception e) {
            // not JSON: unexpected
        }
        recorder.unexpected(kind + ": " + response.statusCode() + " " + response.body());
        return null;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
