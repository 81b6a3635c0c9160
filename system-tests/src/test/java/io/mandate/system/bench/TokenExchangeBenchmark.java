package io.mandate.system.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.ToDoubleFunction;

/**
 * Token exchanges per second at {@code POST /oauth2/token}, with every exchange durably recorded
 * (PostgreSQL fsync on), beside the crypto limit measured in the same run (issue #8). Not a test:
 *
 * <pre>./mvnw -B -q -pl system-tests -Pbenchmark test-compile exec:java
 *   -Dbench.rounds=3 -Dbench.seconds=30 -Dbench.warmup=20 -Dbench.workers=64 -Dbench.agents=32 -Dbench.users=8
 *   -Dbench.cryptoSeconds=1 -Dbench.jfr=false -Dbench.keycloak=true</pre>
 *
 * See docs/benchmarks.md.
 */
public final class TokenExchangeBenchmark {

    private static final List<String> SCOPES = List.of("bench.read", "bench.write", "bench.admin");
    private static final List<String> GRANTED = List.of("bench.read", "bench.write");
    private static final String RESOURCE = "https://bench-api.example/api";
    private static final String FULL_STACK = "full";
    private static final String DURABLE = "durable";

    private TokenExchangeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 3);
        Duration round = Duration.ofSeconds(Integer.getInteger("bench.seconds", 30));
        Duration warmup = Duration.ofSeconds(Integer.getInteger("bench.warmup", 20));
        int workers = Integer.getInteger("bench.workers", 64);
        int agentCount = Integer.getInteger("bench.agents", 32);
        int users = Integer.getInteger("bench.users", 8);
        Duration cryptoEach = Duration.ofMillis((long) (1000 * Double.parseDouble(System.getProperty("bench.cryptoSeconds", "1"))));
        boolean jfr = Boolean.getBoolean("bench.jfr");
        boolean keycloakEnabled = Boolean.parseBoolean(System.getProperty("bench.keycloak", "true"));
        int cores = Runtime.getRuntime().availableProcessors();
        // full: the whole stack runs as in production; durable: afterwards, only the issuer and PostgreSQL
        List<String> modes = Arrays.stream(System.getProperty("bench.modes", FULL_STACK + "," + DURABLE).split(","))
                .map(String::trim).filter(m -> !m.isEmpty()).toList();
        if (modes.isEmpty() || !List.of(FULL_STACK, DURABLE).containsAll(modes)
                || (modes.size() == 2 && !modes.get(0).equals(FULL_STACK))) {
            throw new IllegalArgumentException("bench.modes: full, durable or full,durable (durable stops services, so last)");
        }

        // Keycloak first: a peer that cannot be configured fails the run before the longer Mandate start.
        KeycloakLoad keycloak = keycloakEnabled ? startKeycloak(agentCount, users, workers) : null;
        BenchStack stack = BenchStack.start();
        try (Connection db = DriverManager.getConnection(stack.stack.jdbcUrl(), stack.stack.jdbcUsername(),
                stack.stack.jdbcPassword())) {
            String fsync = show(db, "fsync");
            String synchronousCommit = show(db, "synchronous_commit");
            System.out.printf(Locale.ROOT, "%s; PostgreSQL %s, fsync=%s, synchronous_commit=%s; %d cores (load generator "
                            + "shares them), JDK %s; %d agents, %d users, %d workers, %d rounds of %d s after %d s warm-up%n",
                    Instant.now(), show(db, "server_version"), fsync, synchronousCommit, cores,
                    System.getProperty("java.version"), agentCount, users, workers, rounds, round.toSeconds(), warmup.toSeconds());
            if (!"on".equals(fsync) || !"on".equals(synchronousCommit)) {
                System.out.println("WARNING: PostgreSQL is not durable (fsync/synchronous_commit off): figures overstate");
            }
        }

        ExchangeLoad load = register(stack, agentCount, users, workers);
        CryptoBaseline crypto = new CryptoBaseline();
        System.out.println("crypto provider (load generator, same selection as the issuer): " + crypto.providerName);

        System.out.printf(Locale.ROOT, "warm-up %d s each ...%n", warmup.toSeconds());
        report("warm-up Mandate (mix)", load.run(warmup, ExchangeLoad.Mix.FULL, 0));
        if (keycloak != null) {
            report("warm-up Keycloak", keycloak.run(warmup, 0));
        }
        crypto.measure(cores, cryptoEach);
        OptionalLong issuer = CpuSplit.issuerPid();
        if (jfr && issuer.isPresent()) {
            jcmd(issuer.getAsLong(), "JFR.start", "name=bench", "settings=profile");
        }

        Map<String, List<double[]>> tables = new LinkedHashMap<>();
        Map<String, List<double[]>> peerTables = new LinkedHashMap<>();
        for (String mode : modes) {
            if (mode.equals(DURABLE)) {
                System.out.println("durable core: stopped " + stack.stopEventPipeline() + "; the token-issuer and "
                        + "PostgreSQL answer and record every exchange; Kafka and Elasticsearch stay up, idle");
            }
            List<double[]> rows = new ArrayList<>();
            List<double[]> peers = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                rows.add(round(mode, r, round, stack, load, crypto, cores, cryptoEach));
                if (keycloak != null) {
                    peers.add(sideBySide(mode + " " + r, load, keycloak, round));
                }
            }
            tables.put(mode, rows);
            peerTables.put(mode, peers);
        }
        if (jfr && issuer.isPresent()) {
            String file = System.getProperty("user.dir") + "/target/token-issuer-bench.jfr";
            jcmd(issuer.getAsLong(), "JFR.dump", "name=bench", "filename=" + file);
            System.out.println("JFR recording of the token-issuer (measured rounds): " + file);
        }
        for (String mode : modes) {
            System.out.println();
            System.out.println("### " + (mode.equals(FULL_STACK) ? "full stack (issuer, PostgreSQL, publisher → Kafka → "
                    + "query-service → Elasticsearch)" : "durable core (issuer + PostgreSQL; event pipeline stopped)"));
            table(tables.get(mode));
            if (!peerTables.get(mode).isEmpty()) {
                peerTable(peerTables.get(mode));
            }
        }
        System.exit(0);
    }

    /** One measured round of the full mix: throughput, latency, ledger batching, CPU split, and the crypto limit. */
    private static double[] round(String mode, int r, Duration round, BenchStack stack, ExchangeLoad load,
                                  CryptoBaseline crypto, int cores, Duration cryptoEach) throws Exception {
        Map<String, Double> batchesBefore = stack.meter("mandate.ledger.batch.size");
        CpuSplit cpuBefore = CpuSplit.now();
        LoadDriver.Result result = load.run(round, ExchangeLoad.Mix.FULL, 0);
        CpuSplit cpuAfter = CpuSplit.now();
        String cpu = cpuAfter.since(cpuBefore) + "\n  " + cpuAfter.perRequest(cpuBefore, result.ok() + result.refused(),
                "token-issuer", "postgres", "load generator");
        Map<String, Double> batchesAfter = stack.meter("mandate.ledger.batch.size");
        report(mode + " round " + r + " Mandate, full mix", result);
        CryptoBaseline.Rates rates = crypto.measure(cores, cryptoEach);
        double firstShare = (double) result.firstHops() / Math.max(1, result.ok() + result.refused() + result.unexpected());
        // The baseline: one sign + one verify per exchange (the subject token's; a first hop verifies
        // the IdP token, a later hop the Mandate token it presents). An earlier version counted a second
        // verify for first hops, which lowered the limit and flattered the ratio.
        double limit = 1.0 / (1.0 / rates.signN() + 1.0 / rates.verifyN());
        double batches = batchesAfter.getOrDefault("COUNT", 0.0) - batchesBefore.getOrDefault("COUNT", 0.0);
        double entries = batchesAfter.getOrDefault("TOTAL", 0.0) - batchesBefore.getOrDefault("TOTAL", 0.0);
        System.out.printf(Locale.ROOT, "  ledger: %.0f batches, mean %.1f entries/batch; %s%n", batches,
                batches == 0 ? 0 : entries / batches, cpu);
        System.out.printf(Locale.ROOT, "  crypto ES256: sign %.0f/s, verify %.0f/s (1 thread); sign %.0f/s, verify %.0f/s "
                        + "(%d threads); first-hop share %.2f → crypto limit %.0f exchanges/s; endpoint ÷ limit %.3f%n",
                rates.sign1(), rates.verify1(), rates.signN(), rates.verifyN(), cores, firstShare, limit,
                result.throughput() / limit);
        return new double[] {result.throughput(), result.percentileMillis(50), result.percentileMillis(90),
                result.percentileMillis(99), result.percentileMillis(99.9), result.ok(), result.refused(),
                result.unexpected(), batches == 0 ? 0 : entries / batches, limit, result.throughput() / limit};
    }

    /**
     * The same round, Keycloak beside Mandate on the closest equivalent request (first exchanges only):
     * both at their closed-loop peak, then Mandate open-loop at Keycloak's peak rate for the p99 there.
     */
    private static double[] sideBySide(String r, ExchangeLoad load, KeycloakLoad keycloak, Duration round) throws Exception {
        CpuSplit before = CpuSplit.now();
        LoadDriver.Result mandate = load.run(round, ExchangeLoad.Mix.DIRECT, 0);
        CpuSplit after = CpuSplit.now();
        String mandateCpu = after.since(before) + "\n  " + after.perRequest(before, mandate.ok() + mandate.refused(),
                "token-issuer", "postgres", "load generator");
        report("round " + r + " Mandate, first exchanges", mandate);
        System.out.println("  " + mandateCpu);
        before = CpuSplit.now();
        LoadDriver.Result peer = keycloak.run(round, 0);
        after = CpuSplit.now();
        String peerCpu = after.since(before) + "\n  " + after.perRequest(before, peer.ok() + peer.refused(),
                "keycloak", "load generator");
        report("round " + r + " Keycloak, standard token exchange", peer);
        System.out.println("  " + peerCpu);
        LoadDriver.Result atPeerRate = load.run(round, ExchangeLoad.Mix.DIRECT, peer.throughput());
        report(String.format(Locale.ROOT, "round %s Mandate, first exchanges open-loop at Keycloak's %.0f/s", r,
                peer.throughput()), atPeerRate);
        return new double[] {mandate.throughput(), mandate.percentileMillis(99), peer.throughput(),
                peer.percentileMillis(50), peer.percentileMillis(99), mandate.throughput() / peer.throughput(),
                atPeerRate.throughput(), atPeerRate.percentileMillis(50), atPeerRate.percentileMillis(99)};
    }

    private static KeycloakLoad startKeycloak(int agentCount, int users, int workers) throws Exception {
        Path root = Path.of(System.getProperty("user.dir"));
        Path project = Files.exists(root.resolve("system-tests")) ? root : root.getParent();
        Path log = project.resolve("system-tests/target/keycloak-bench.log");
        long started = System.nanoTime();
        KeycloakPeer keycloak = KeycloakPeer.start(project, log);
        keycloak.configure(agentCount, users);
        List<String> names = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            names.add(String.format(Locale.ROOT, "bench-user-%02d", u));
        }
        System.out.printf(Locale.ROOT, "Keycloak 26.4.7 dev mode at %s (pid %d, log %s) started and configured in %.0f s: "
                        + "realm %s, %d agents with standard token exchange, %d users%n", keycloak.url, keycloak.pid(), log,
                (System.nanoTime() - started) / 1e9, KeycloakPeer.REALM, agentCount, users);
        return new KeycloakLoad(keycloak, names, workers);
    }

    private static ExchangeLoad register(BenchStack stack, int agentCount, int users, int workers) {
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        Map<String, Object> policy = Map.of("allowedNextKinds", List.of("MCP_SERVER", "AGENT"), "maxDepth", 3);
        String resourceSecret = stack.registerClient("bench-api-" + run, "RESOURCE_SERVER", SCOPES, List.of(RESOURCE));
        String mcpId = "bench-mcp-" + run;
        String mcpSecret = stack.registerClient(mcpId, "MCP_SERVER", SCOPES, List.of("https://bench-mcp.example/mcp"));
        List<ExchangeLoad.Agent> agents = new ArrayList<>();
        List<String> grants = new ArrayList<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        for (int a = 0; a < agentCount; a++) {
            String agentId = String.format(Locale.ROOT, "bench-agent-%02d-%s", a, run);
            String secret = stack.registerClient(agentId, "AGENT", SCOPES, List.of());
            secrets.put(agentId, secret);
            String userId = String.format(Locale.ROOT, "bench-user-%02d-%s", a % users, run);
            grants.add(stack.createGrant(userId, agentId, RESOURCE, GRANTED, policy));
            agents.add(new ExchangeLoad.Agent(new ExchangeLoad.Client(agentId, BenchStack.clientBasic(agentId, secret)), userId));
        }
        stack.awaitClient("bench-api-" + run, resourceSecret);
        stack.awaitClient(mcpId, mcpSecret);
        secrets.forEach(stack::awaitClient);
        grants.forEach(stack::awaitGrant);
        System.out.printf(Locale.ROOT, "registered %d agents, 1 MCP server, 1 resource server, %d users, %d grants "
                + "(next: MCP servers and agents, depth 3); the issuer's projection has them%n", agentCount, users, grants.size());
        return new ExchangeLoad(stack, agents, new ExchangeLoad.Client(mcpId, BenchStack.clientBasic(mcpId, mcpSecret)),
                RESOURCE, workers);
    }

    private static void report(String name, LoadDriver.Result result) {
        System.out.printf(Locale.ROOT, "%s: %.0f exchanges/s over %.1f s; latency ms p50 %.1f p90 %.1f p99 %.1f p99.9 %.1f; "
                        + "200: %d, expected invalid_scope: %d, unexpected: %d%n", name, result.throughput(), result.seconds(),
                result.percentileMillis(50), result.percentileMillis(90), result.percentileMillis(99),
                result.percentileMillis(99.9), result.ok(), result.refused(), result.unexpected());
        if (result.unexpected() > 0) {
            System.out.println("FAILED: " + result.unexpected() + " unexpected answers, e.g. " + result.examples());
            System.exit(1);
        }
    }

    private static void table(List<double[]> rows) {
        System.out.println();
        System.out.println("| round | exchanges/s | p50 ms | p90 ms | p99 ms | p99.9 ms | 200 | invalid_scope (expected) "
                + "| unexpected | entries/batch | crypto limit /s | endpoint ÷ limit |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (int r = 0; r < rows.size(); r++) {
            System.out.println(line(Integer.toString(r + 1), rows.get(r)));
        }
        double[] medians = new double[rows.get(0).length];
        for (int c = 0; c < medians.length; c++) {
            int column = c;
            medians[c] = median(rows, row -> row[column]);
        }
        System.out.println(line("**median**", medians));
    }

    private static void peerTable(List<double[]> rows) {
        System.out.println();
        System.out.println("| round | Mandate first exchanges/s | Mandate p99 ms | Keycloak exchanges/s | Keycloak p50 ms "
                + "| Keycloak p99 ms | Mandate ÷ Keycloak | Mandate at Keycloak's rate /s | its p50 ms | its p99 ms |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (int r = 0; r <= rows.size(); r++) {
            double[] v = new double[rows.get(0).length];
            String name;
            if (r < rows.size()) {
                v = rows.get(r);
                name = Integer.toString(r + 1);
            } else {
                for (int c = 0; c < v.length; c++) {
                    int column = c;
                    v[c] = median(rows, row -> row[column]);
                }
                name = "**median**";
            }
            System.out.println(String.format(Locale.ROOT, "| %s | %,.0f | %.1f | %,.0f | %.1f | %.1f | %.2f | %,.0f | %.1f | %.1f |",
                    name, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]));
        }
    }

    private static String line(String name, double[] v) {
        return String.format(Locale.ROOT, "| %s | %,.0f | %.1f | %.1f | %.1f | %.1f | %,.0f | %,.0f | %,.0f | %.1f | %,.0f | %.3f |",
                name, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]);
    }

    private static double median(List<double[]> rows, ToDoubleFunction<double[]> column) {
        double[] values = rows.stream().mapToDouble(column).sorted().toArray();
        return values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }

    private static String show(Connection db, String setting) throws Exception {
        try (ResultSet result = db.createStatement().executeQuery("show " + setting)) {
            result.next();
            return result.getString(1);
        }
    }

    private static void jcmd(long pid, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
        line.addAll(Arrays.asList(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        System.out.println("jcmd " + String.join(" ", command) + ": " + output.trim().replace('\n', ' '));
    }
}
