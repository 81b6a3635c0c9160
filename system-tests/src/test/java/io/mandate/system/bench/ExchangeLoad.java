package io.mandate.system.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fixed number of workers, each looping over a realistic mix of token exchanges against
 * {@code POST /oauth2/token}, each over its own keep-alive HTTP/1.1 connection ({@link RawHttp}: requests
 * prebuilt per scenario step, only the subject token spliced in), until a deadline:
 * <ul>
 *   <li>direct (weight 30): user's IdP token → agent, for the resource server;</li>
 *   <li>MCP (30): user's token → agent, for the MCP server; then the MCP server → the resource;</li>
 *   <li>agent-to-agent (30): user's token → agent A, for agent B; then B → the resource;</li>
 *   <li>refusal (8): user's token → agent with a scope beyond its grant, expected 400 invalid_scope
 *       (8 of 158 requests ≈ 5 %).</li>
 * </ul>
 * Any other non-200 answer, a 200 without an {@code access_token}, or an I/O failure, is an unexpected
 * error. A second hop presents the token the first hop's answer carried.
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
    private final int workers;
    private final URI tokenEndpoint;
    /** Per agent (by index): its first exchanges, prebuilt. */
    private final RawHttp.Template[] direct;
    private final RawHttp.Template[] toMcp;
    private final RawHttp.Template[] refusal;
    /** Per agent: the hop it makes with a token another agent got for it. */
    private final RawHttp.Template[] agentHop;
    /** [from][to]: agent {@code from} asks for a token for agent {@code to}. */
    private final RawHttp.Template[][] toAgent;
    private final RawHttp.Template mcpHop;
    /** Users' IdP tokens, reused as clients do (valid ten minutes; renewed after four). */
    private final Map<String, long[]> tokenBorn = new ConcurrentHashMap<>();
    private final Map<String, String> userTokens = new ConcurrentHashMap<>();

    ExchangeLoad(BenchStack stack, List<Agent> agents, Client mcp, String resourceUri, int workers) {
        this.stack = stack;
        this.agents = List.copyOf(agents);
        this.workers = workers;
        this.tokenEndpoint = URI.create(stack.issuerUrl + "/oauth2/token");
        int n = this.agents.size();
        direct = new RawHttp.Template[n];
        toMcp = new RawHttp.Template[n];
        refusal = new RawHttp.Template[n];
        agentHop = new RawHttp.Template[n];
        toAgent = new RawHttp.Template[n][n];
        for (int a = 0; a < n; a++) {
            Client client = this.agents.get(a).client();
            direct[a] = template(client, JWT, resourceUri, "bench.read");
            toMcp[a] = template(client, JWT, mcp.id(), "bench.read");
            refusal[a] = template(client, JWT, resourceUri, "bench.read bench.admin");
            agentHop[a] = template(client, ACCESS_TOKEN, resourceUri, "bench.read");
            for (int b = 0; b < n; b++) {
                toAgent[a][b] = template(client, JWT, this.agents.get(b).client().id(), "bench.read");
            }
        }
        mcpHop = template(mcp, ACCESS_TOKEN, resourceUri, "bench.read");
    }

    /** One request kind: everything but the subject token, as bytes. */
    private RawHttp.Template template(Client as, String subjectType, String target, String scope) {
        return RawHttp.Template.formPost(tokenEndpoint, as.authorization(),
                "grant_type=" + enc(TOKEN_EXCHANGE) + "&subject_token=",
                "&subject_token_type=" + enc(subjectType)
                        + (target.contains("://") ? "&resource=" : "&audience=") + enc(target) + "&scope=" + enc(scope));
    }

    LoadDriver.Result run(Duration duration, Mix mix, double rate) throws InterruptedException {
        // One keep-alive connection per worker, closed when its worker ends.
        return LoadDriver.run(workers, duration, rate, () -> {
            RawHttp http = new RawHttp(tokenEndpoint, 30_000);
            return LoadDriver.Iteration.closing(recorder -> iteration(http, recorder, mix), http);
        });
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

    private void iteration(RawHttp http, LoadDriver.Recorder recorder, Mix mix) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int a = random.nextInt(agents.size());
        String subject = userToken(agents.get(a).userId());
        int pick = mix == Mix.DIRECT ? 0 : random.nextInt(98);  // scenario weights 30 + 30 + 30 + 8
        if (pick < 30) {
            exchange(http, recorder, "direct", direct[a], subject, true, true);
        } else if (pick < 60) {
            String token = exchange(http, recorder, "to-mcp", toMcp[a], subject, true, true);
            if (token != null) {
                exchange(http, recorder, "mcp-hop", mcpHop, token, false, true);
            }
        } else if (pick < 90) {
            int b = random.nextInt(agents.size() - 1);
            b = b >= a ? b + 1 : b;  // another agent
            String token = exchange(http, recorder, "to-agent", toAgent[a][b], subject, true, true);
            if (token != null) {
                exchange(http, recorder, "agent-hop", agentHop[b], token, false, true);
            }
        } else {
            exchange(http, recorder, "refusal", refusal[a], subject, true, false);
        }
    }

    /** One exchange; the issued token when 200 with one, else null (and the answer counted). */
    private String exchange(RawHttp http, LoadDriver.Recorder recorder, String kind, RawHttp.Template request,
                            String subjectToken, boolean firstHop, boolean expectOk) {
        if (firstHop) {
            recorder.firstHop();
        }
        long started = recorder.requestStart();
        RawHttp.Response response;
        try {
            response = http.post(request, subjectToken);
        } catch (Exception e) {
            recorder.unexpected(kind + ": " + e);
            return null;
        }
        recorder.latency(started);
        if (expectOk && response.status() == 200) {
            String token = RawHttp.jsonString(response.body(), "access_token");
            if (token != null && !token.isEmpty()) {
                recorder.ok();
                return token;
            }
        }
        if (!expectOk && response.status() == 400 && "invalid_scope".equals(RawHttp.jsonString(response.body(), "error"))) {
            recorder.refused();
            return null;
        }
        recorder.unexpected(kind + ": " + response.status() + " " + RawHttp.abbreviate(response.bodyText()));
        return null;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
