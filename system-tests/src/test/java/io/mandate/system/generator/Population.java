package io.mandate.system.generator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Who acts in the generated history: resource servers (upstream APIs), AI agents, MCP servers, users and the
 * grants users gave agents. Registered through the command API, so the command side's aggregates, checks and
 * registry hold them exactly as if an administrator had entered them.
 */
final class Population {

    private static final String[] API_NAMES = {"crm", "calendar", "docs", "mail", "billing", "tickets", "storage",
            "hr", "analytics", "code", "chat", "wiki"};
    private static final int[] DEPTH_WEIGHTS = {10, 20, 25, 20, 25}; // maxDepth 1..5, in percent
    private static final int REGISTRATION_THREADS = 8;

    final String run;
    final List<Client> resources = new ArrayList<>();
    final List<Client> agents = new ArrayList<>();
    final List<Client> mcpServers = new ArrayList<>();
    final List<String> users = new ArrayList<>();
    final List<Grant> grants = Collections.synchronizedList(new ArrayList<>());
    private final List<String> allScopes = new ArrayList<>();

    /** A registered client; {@code audience} is what a token for it names (its resource URI, or its id for agents). */
    record Client(String id, String kind, List<String> ownScopes, String audience) {
    }

    /** A grant as the command side recorded it. */
    record Grant(String id, String userId, Client agent, Client resource, List<String> scopes, int maxDepth) {
    }

    private Population(String run) {
        this.run = run;
    }

    static Population register(GeneratorSettings settings, CommandApi api, Random random, GeneratorStats stats)
            throws Exception {
        Population population = new Population(Long.toString(System.currentTimeMillis() % 100_000_000L, 36));
        population.describe(settings);
        ExecutorService pool = Executors.newFixedThreadPool(REGISTRATION_THREADS);
        try {
            List<Client> clients = new ArrayList<>(population.resources);
            clients.addAll(population.agents);
            clients.addAll(population.mcpServers);
            runAll(pool, clients.stream().<Runnable>map(client -> () -> {
                api.registerClient(client.id(), client.kind(), client.ownScopes().isEmpty() ? population.allScopes
                        : client.ownScopes(), client.kind().equals("AGENT") ? List.of() : List.of(client.audience()));
                stats.commandEvents(2); // ClientRegistered + ClientCredentialsSet
            }).toList());
            List<Runnable> grants = new ArrayList<>();
            for (String user : population.users) {
                int count = random.nextInt(4) == 0 ? 2 : 1;
                for (int g = 0; g < count; g++) {
                    Client agent = population.agents.get(random.nextInt(population.agents.size()));
                    long seed = random.nextLong();
                    grants.add(() -> population.createGrant(api, user, agent, seed, stats));
                }
            }
            runAll(pool, grants);
        } finally {
            pool.shutdownNow();
        }
        return population;
    }

    /** Creates a grant like a user's consent: one resource, some of its scopes, a delegation depth. */
    Grant createGrant(CommandApi api, String user, Client agent, long seed, GeneratorStats stats) {
        Random random = new Random(seed);
        Client resource = resources.get(random.nextInt(resources.size()));
        List<String> scopes = new ArrayList<>();
        for (String scope : resource.ownScopes()) {
            // never ".admin": asking for it later is a realistic escalation attempt, refused
            if (!scope.endsWith(".admin") && (scopes.isEmpty() || random.nextBoolean())) {
                scopes.add(scope);
            }
        }
        int maxDepth = weighted(random, DEPTH_WEIGHTS) + 1;
        // depth 1 means no hand-off: the command side then refuses any next actor
        List<String> nextKinds = maxDepth == 1 ? List.of() : List.of("MCP_SERVER", "AGENT");
        String id = api.createGrant(user, agent.id(), resource.audience(), scopes, nextKinds, maxDepth);
        Grant grant = new Grant(id, user, agent, resource, List.copyOf(scopes), maxDepth);
        grants.add(grant);
        stats.commandEvents(1);
        return grant;
    }

    private void describe(GeneratorSettings settings) {
        for (int i = 0; i < settings.resourcesOrScaled(); i++) {
            String name = API_NAMES[i % API_NAMES.length] + (i < API_NAMES.length ? "" : Integer.toString(i / API_NAMES.length));
            List<String> scopes = List.of(name + ".read", name + ".write", name + ".delete", name + ".admin");
            allScopes.addAll(scopes);
            resources.add(new Client(id("api-" + name), "RESOURCE_SERVER", scopes,
                    "https://" + name + "-" + run + ".api.example/v1"));
        }
        for (int i = 0; i < settings.agentsOrScaled(); i++) {
            String id = id(String.format(Locale.ROOT, "agent-%04d", i));
            agents.add(new Client(id, "AGENT", List.of(), id));
        }
        for (int i = 0; i < settings.mcpServersOrScaled(); i++) {
            String id = id(String.format(Locale.ROOT, "mcp-%03d", i));
            mcpServers.add(new Client(id, "MCP_SERVER", List.of(), "https://" + id + ".mcp.example/mcp"));
        }
        for (int i = 0; i < settings.usersOrScaled(); i++) {
            users.add(String.format(Locale.ROOT, "user-%s-%06d", run, i));
        }
    }

    private String id(String name) {
        return "gen-" + run + "-" + name;
    }

    static int weighted(Random random, int[] weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int pick = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            pick -= weights[i];
            if (pick < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static void runAll(ExecutorService pool, List<Runnable> tasks) throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        for (Runnable task : tasks) {
            futures.add(pool.submit(task));
        }
        for (Future<?> future : futures) {
            future.get();
        }
    }
}
