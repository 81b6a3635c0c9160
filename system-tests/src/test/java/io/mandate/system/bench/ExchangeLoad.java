package io.mandate.system.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

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

    /** One round's results. */
    record Result(double seconds, long[] latenciesNanos, long ok, long refused, long unexpected, long firstHops,
                  List<String> examples) {

        double throughput() {
            return (ok + refused) / seconds;
        }

        double percentileMillis(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * latenciesNanos.length) - 1;
            return latenciesNanos[Math.max(0, Math.min(index, latenciesNanos.length - 1))] / 1e6;
        }
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

    Result run(Duration duration) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        List<long[]> latencies = new CopyOnWriteArrayList<>();
        AtomicLong ok = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong unexpected = new AtomicLong();
        AtomicLong firstHops = new AtomicLong();
        List<String> examples = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < workers; w++) {
            Thread thread = new Thread(() -> {
                Worker worker = new Worker(ok, refused, unexpected, firstHops, examples);
                while (System.nanoTime() < deadline) {
                    worker.iteration();
                }
                latencies.add(Arrays.copyOf(worker.latencies, worker.count));
            }, "bench-worker-" + w);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(seconds, all, ok.get(), refused.get(), unexpected.get(), firstHops.get(), List.copyOf(examples));
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

    private final class Worker {
        private final AtomicLong ok;
        private final AtomicLong refused;
        private final AtomicLong unexpected;
        private final AtomicLong firstHops;
        private final List<String> examples;
        private long[] latencies = new long[4096];
        private int count;

        Worker(AtomicLong ok, AtomicLong refused, AtomicLong unexpected, AtomicLong firstHops, List<String> examples) {
            this.ok = ok;
            this.refused = refused;
            this.unexpected = unexpected;
            this.firstHops = firstHops;
            this.examples = examples;
        }

        void iteration() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            Agent agent = agents.get(random.nextInt(agents.size()));
            String subject = userToken(agent.userId());
            int pick = random.nextInt(98);  // scenario weights 30 + 30 + 30 + 8
            if (pick < 30) {
                exchange("direct", agent.client(), subject, JWT, resourceUri, "bench.read", true);
            } else if (pick < 60) {
                String toMcp = exchange("to-mcp", agent.client(), subject, JWT, mcpId, "bench.read", true);
                if (toMcp != null) {
                    exchange("mcp-hop", mcp, toMcp, ACCESS_TOKEN, resourceUri, "bench.read", true);
                }
            } else if (pick < 90) {
                Agent next = agents.get(random.nextInt(agents.size()));
                if (next == agent) {
                    next = agents.get((agents.indexOf(agent) + 1) % agents.size());
                }
                String toAgent = exchange("to-agent", agent.client(), subject, JWT, next.client().id(), "bench.read", true);
                if (toAgent != null) {
                    exchange("agent-hop", next.client(), toAgent, ACCESS_TOKEN, resourceUri, "bench.read", true);
                }
            } else {
                exchange("refusal", agent.client(), subject, JWT, resourceUri, "bench.read bench.admin", false);
            }
        }

        /** One exchange; the token when 200, else null. */
        private String exchange(String kind, Client as, String subjectToken, String subjectType, String target,
                                String scope, boolean expectOk) {
            if (JWT.equals(subjectType)) {
                firstHops.incrementAndGet();
            }
            String body = "grant_type=" + enc(TOKEN_EXCHANGE) + "&subject_token=" + enc(subjectToken)
                    + "&subject_token_type=" + enc(subjectType)
                    + (target.contains("://") ? "&resource=" : "&audience=") + enc(target) + "&scope=" + enc(scope);
            HttpRequest request = HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", as.authorization())
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            long started = System.nanoTime();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                fail(kind + ": " + e);
                return null;
            }
            record(System.nanoTime() - started);
            try {
                JsonNode json = BenchStack.JSON.readTree(response.body());
                if (expectOk && response.statusCode() == 200 && json.hasNonNull("access_token")) {
                    ok.incrementAndGet();
                    return json.get("access_token").asText();
                }
                if (!expectOk && response.statusCode() == 400 && "invalid_scope".equals(json.path("error").asText())) {
                    refused.incrementAndGet();
                    return null;
                }
            } catch (Exception e) {
                // not JSON: unexpected
            }
            fail(kind + ": " + response.statusCode() + " " + response.body());
            return null;
        }

        private void record(long nanos) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = nanos;
        }

        private void fail(String example) {
            unexpected.incrementAndGet();
            if (examples.size() < 5) {
                examples.add(example);
            }
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
