package io.mandate.system.generator;

import java.util.Locale;

/**
 * What the generator writes and how fast. Every value is a system property ({@code -Dgen.events=…}) with a
 * default that runs against {@code ./mandate up}'s stack; see docs/generator.md.
 *
 * @param events      how many events to write (size control); the population's own events are counted too
 * @param rate        events per second (rate control), paced in ticks of {@code tickMillis}
 * @param users       users granting agents access (0: scaled from {@code events})
 * @param agents      AI agents (0: scaled)
 * @param mcpServers  MCP servers (0: scaled)
 * @param resources   upstream APIs, i.e. resource servers (0: scaled)
 * @param seed        random seed: the same seed and population give the same mix of scenarios
 * @param tickMillis  pacing period: each tick writes what is due as one transaction (group commit, as the issuer's ledger)
 */
public record GeneratorSettings(long events, int rate, int users, int agents, int mcpServers, int resources, long seed,
                                int tickMillis, String jdbcUrl, String jdbcUser, String jdbcPassword, String commandUrl,
                                String adminPassword, String responderPassword) {

    public static GeneratorSettings fromSystemProperties() {
        return new GeneratorSettings(
                Long.getLong("gen.events", 50_000), Integer.getInteger("gen.rate", 2_000),
                Integer.getInteger("gen.users", 0), Integer.getInteger("gen.agents", 0),
                Integer.getInteger("gen.mcpServers", 0), Integer.getInteger("gen.resources", 0),
                Long.getLong("gen.seed", 42), Integer.getInteger("gen.tickMillis", 20),
                property("gen.jdbcUrl", "MANDATE_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:15432/mandate"),
                property("gen.jdbcUser", "MANDATE_POSTGRES_USER", "postgres"),
                property("gen.jdbcPassword", "MANDATE_POSTGRES_PASSWORD", "postgres"),
                property("gen.commandUrl", "MANDATE_COMMAND_SERVICE_URL", "http://127.0.0.1:8081"),
                property("gen.adminPassword", "MANDATE_SECURITY_ADMIN_PASSWORD", "mandate-admin"),
                property("gen.responderPassword", "MANDATE_SECURITY_RESPONDER_PASSWORD", "mandate-responder"));
    }

    /** The same settings with another size and rate (the benchmark drives the generator in phases). */
    public GeneratorSettings with(long newEvents, int newRate) {
        return new GeneratorSettings(newEvents, newRate, users, agents, mcpServers, resources, seed, tickMillis, jdbcUrl,
                jdbcUser, jdbcPassword, commandUrl, adminPassword, responderPassword);
    }

    /** A population that keeps chains realistic at this size: ~200 events per user, ~4,000 per agent. */
    public int usersOrScaled() {
        return users > 0 ? users : (int) Math.max(50, events / 200);
    }

    public int agentsOrScaled() {
        return agents > 0 ? agents : (int) Math.max(10, events / 4_000);
    }

    public int mcpServersOrScaled() {
        return mcpServers > 0 ? mcpServers : (int) Math.max(4, events / 20_000);
    }

    public int resourcesOrScaled() {
        return resources > 0 ? resources : (int) Math.max(3, events / 50_000);
    }

    String describe() {
        return String.format(Locale.ROOT, "%,d events at %,d/s; %,d users, %,d agents, %,d MCP servers, %,d resource servers; "
                        + "seed %d; event store %s; command-service %s", events, rate, usersOrScaled(), agentsOrScaled(),
                mcpServersOrScaled(), resourcesOrScaled(), seed, jdbcUrl, commandUrl);
    }

    private static String property(String name, String environment, String fallback) {
        String value = System.getProperty(name);
        if (value != null) {
            return value;
        }
        String fromEnvironment = System.getenv(environment);
        return fromEnvironment != null ? fromEnvironment : fallback;
    }
}
