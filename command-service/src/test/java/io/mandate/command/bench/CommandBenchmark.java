package io.mandate.command.bench;

import io.mandate.command.CommandServiceApplication;
import io.mandate.infra.testkit.TestStack;
import io.mandate.messages.client.ClientCommands.RegisterClient;
import io.mandate.messages.client.ClientCredentials;
import io.mandate.messages.client.RegistrationPath;
import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.CreateGrant;
import io.mandate.messages.grant.DelegationPolicy;
import io.mandate.messages.grant.GrantCommands.RevokeGrant;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;
import io.mandate.messages.wire.EventCodec;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Commands per second on the durable event store, side by side with a raw JDBC baseline from the
 * same run: create-grant and revoke-grant through the {@link CommandGateway} (the whole command path:
 * aggregate load, rules, event append, registry update, commit), and one insert + commit of a row of
 * the same shape per operation, on the same PostgreSQL and the same threads. Several rounds, each
 * measuring all three, so drift (JIT, the machine's other load) hits them alike; medians are printed.
 *
 * <p>Run: {@code ./mvnw -B -q -pl command-service -Pbenchmark test-compile exec:java}; tune with
 * {@code -Dbench.rounds=5 -Dbench.operations=2000 -Dbench.threads=4 -Dbench.warmup=3000}.
 */
public final class CommandBenchmark {

    private static final ClientId AGENT = ClientId.of("bench-agent");
    private static final String AUDIENCE = "https://bench.example.com";
    private static final Scopes SCOPES = Scopes.of("calendar.read", "calendar.write");
    private static final DelegationPolicy POLICY = new DelegationPolicy(Set.of(), Set.of(), 1, Scopes.of());

    private CommandBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 5);
        int operations = Integer.getInteger("bench.operations", 2000);
        int threads = Integer.getInteger("bench.threads", 4);
        int warmup = Integer.getInteger("bench.warmup", 3000);

        Map<String, String> properties = new HashMap<>(TestStack.get().springProperties());
        properties.put("server.port", "0");
        properties.put("logging.level.root", "WARN");
        // As command-line arguments: they outrank application.yml's defaults (default properties would not).
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue()).toArray(String[]::new);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CommandServiceApplication.class)
                .run(arguments);
             Throughput throughput = new Throughput(threads)) {
            CommandGateway commands = context.getBean(CommandGateway.class);
            DataSource dataSource = context.getBean(DataSource.class);
            printSetup(new JdbcTemplate(dataSource), threads, operations, rounds);
            registerClients(commands);
            JdbcBaseline baseline = new JdbcBaseline(dataSource);
            baseline.createScratchTable();
            byte[] payload = EventCodec.newObjectMapper().writeValueAsBytes(sampleEvent());

            Round warm = round(commands, baseline, payload, throughput, warmup);
            System.out.printf(Locale.ROOT, "warm-up (%d ops each): %s%n", warmup, warm);
            List<Round> measured = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                Round round = round(commands, baseline, payload, throughput, operations);
                measured.add(round);
                System.out.printf(Locale.ROOT, "round %d: %s%n", r, round);
            }
            printMedians(measured);
            baseline.dropScratchTable();
        }
        // Axon leaves a non-daemon janitor thread behind, which exec:java would wait for forever;
        // exiting runs TestStack's shutdown hooks, which stop the stack it started.
        System.exit(0);
    }

    private static Round round(CommandGateway commands, JdbcBaseline baseline, byte[] payload,
                               Throughput throughput, int operations) throws Exception {
        double jdbc = throughput.measure(operations,
                i -> baseline.insert("Grant", GrantCreated.class.getName(), payload));
        GrantId[] created = new GrantId[operations];
        double create = throughput.measure(operations, i -> {
            created[i] = GrantId.random();
            commands.sendAndWait(new CreateGrant(created[i], UserId.of("bench-user-" + (i % 100)), AGENT, AUDIENCE,
                    SCOPES, POLICY, null, "bench"));
        });
        double revoke = throughput.measure(operations,
                i -> commands.sendAndWait(new RevokeGrant(created[i], "benchmark", "bench")));
        return new Round(create, revoke, jdbc);
    }

    private static void registerClients(CommandGateway commands) {
        // Same content as any earlier run: registering again is an idempotent no-op.
        commands.sendAndWait(new RegisterClient(AGENT, ClientKind.AGENT, "Benchmark agent", "bench", SCOPES, List.of(),
                RegistrationPath.ADMIN, "bench", ClientCredentials.none()));
        commands.sendAndWait(new RegisterClient(ClientId.of("bench-api"), ClientKind.RESOURCE_SERVER, "Benchmark API",
                "bench", SCOPES, List.of(AUDIENCE), RegistrationPath.ADMIN, "bench",
                ClientCredentials.none()));
    }

    private static GrantCreated sampleEvent() {
        return new GrantCreated(GrantId.random(), UserId.of("bench-user-42"), AGENT, AUDIENCE, SCOPES, POLICY, null,
                "bench", Instant.now());
    }

    private static void printSetup(JdbcTemplate jdbc, int threads, int operations, int rounds) {
        String fsync = jdbc.queryForObject("show fsync", String.class);
        String synchronousCommit = jdbc.queryForObject("show synchronous_commit", String.class);
        System.out.printf(Locale.ROOT, "PostgreSQL %s, fsync=%s, synchronous_commit=%s; %d threads, %d rounds of %d ops; "
                        + "%d cores, JDK %s%n", jdbc.queryForObject("show server_version", String.class), fsync,
                synchronousCommit, threads, rounds, operations, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        if (!"on".equals(fsync) || !"on".equals(synchronousCommit)) {
            System.out.println("WARNING: PostgreSQL is not durable here; the figures are not comparable to docs/benchmarks.md");
        }
    }

    private static void printMedians(List<Round> rounds) {
        double create = median(rounds.stream().mapToDouble(Round::create).toArray());
        double revoke = median(rounds.stream().mapToDouble(Round::revoke).toArray());
        double jdbc = median(rounds.stream().mapToDouble(Round::jdbc).toArray());
        System.out.printf(Locale.ROOT, "median: create-grant %.0f/s (%.2f of baseline), revoke-grant %.0f/s "
                + "(%.2f of baseline), JDBC insert+commit baseline %.0f/s%n", create, create / jdbc, revoke, revoke / jdbc, jdbc);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** Operations per second of one round. */
    private record Round(double create, double revoke, double jdbc) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "create-grant %.0f/s, revoke-grant %.0f/s, JDBC baseline %.0f/s (ratios %.2f, %.2f)",
                    create, revoke, jdbc, create / jdbc, revoke / jdbc);
        }
    }
}
