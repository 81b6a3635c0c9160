package io.mandate.system.bench.query;

import io.mandate.infra.launcher.Distributions;
import io.mandate.infra.launcher.Processes;
import io.mandate.infra.launcher.ServiceComponent;
import io.mandate.infra.launcher.StackSettings;
import io.mandate.infra.testkit.TestStack;
import io.mandate.system.generator.GeneratorSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The write and read halves of the pipeline as {@code ./mandate up} runs them: {@link TestStack}'s PostgreSQL,
 * Kafka and Elasticsearch, and the command-service (its {@code kafka-publisher}) and the query-service from their
 * executable jars as processes. The token-issuer and dashboard are not started: the generator stands in for the
 * issuer's ledger, and neither takes part in store → Kafka → Elasticsearch. The query-service can be restarted
 * with another consumer group ({@code MANDATE_QUERY_CONSUMER_GROUP}) to replay Kafka from the beginning.
 */
final class QueryStack {

    final TestStack stack;
    final Elastic elastic;
    final String commandUrl;
    final String queryUrl;
    private final Distributions distributions;
    private final Path home;
    private final Map<String, String> environment;
    private final int queryPort;
    private final ServiceComponent command;
    private ServiceComponent query;
    private String consumerGroup;

    private QueryStack(TestStack stack, Distributions distributions, Path home, Map<String, String> environment,
                       int commandPort, int queryPort) {
        this.stack = stack;
        this.elastic = new Elastic(stack.elasticsearchUrl());
        this.distributions = distributions;
        this.home = home;
        this.environment = environment;
        this.queryPort = queryPort;
        this.commandUrl = "http://127.0.0.1:" + commandPort;
        this.queryUrl = "http://127.0.0.1:" + queryPort;
        StackSettings defaults = StackSettings.fromEnvironment(home, Map.of());
        this.command = new ServiceComponent(StackSettings.COMMAND_SERVICE, () -> distributions.serviceJar(StackSettings.COMMAND_SERVICE),
                new StackSettings.Port(commandPort, defaults.port(StackSettings.COMMAND_SERVICE).variable()), environment, home);
    }

    static QueryStack start(String consumerGroup) throws Exception {
        TestStack stack = TestStack.get();
        Distributions distributions = Distributions.locate(Path.of(System.getProperty("user.dir")));
        Path home = Files.createDirectories(distributions.root().resolve("target/query-benchmark-" + ProcessHandle.current().pid()));
        int commandPort = Processes.freePort();
        int queryPort = Processes.freePort();
        Map<String, String> environment = new HashMap<>(stack.serviceEnvironment());
        environment.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        StackSettings defaults = StackSettings.fromEnvironment(home, Map.of());
        environment.put(defaults.port(StackSettings.COMMAND_SERVICE).variable(), Integer.toString(commandPort));
        environment.put(defaults.port(StackSettings.QUERY_SERVICE).variable(), Integer.toString(queryPort));
        environment.put("MANDATE_COMMAND_SERVICE_URL", "http://127.0.0.1:" + commandPort);
        environment.put("MANDATE_QUERY_SERVICE_URL", "http://127.0.0.1:" + queryPort);
        QueryStack services = new QueryStack(stack, distributions, home, environment, commandPort, queryPort);
        Runtime.getRuntime().addShutdownHook(new Thread(services::stop, "query-benchmark-stop"));
        long start = System.nanoTime();
        services.command.start();
        services.startQueryService(consumerGroup);
        System.out.printf("command-service %s and query-service %s up in %.0f s (logs in %s)%n", services.commandUrl,
                services.queryUrl, (System.nanoTime() - start) / 1e9, home.resolve("logs"));
        return services;
    }

    /** Starts the query-service consuming in {@code consumerGroup} (a new group reads every topic from the beginning). */
    void startQueryService(String consumerGroup) {
        this.consumerGroup = consumerGroup;
        Map<String, String> queryEnvironment = new HashMap<>(environment);
        queryEnvironment.put("MANDATE_QUERY_CONSUMER_GROUP", consumerGroup);
        StackSettings defaults = StackSettings.fromEnvironment(home, Map.of());
        query = new ServiceComponent(StackSettings.QUERY_SERVICE, () -> distributions.serviceJar(StackSettings.QUERY_SERVICE),
                new StackSettings.Port(queryPort, defaults.port(StackSettings.QUERY_SERVICE).variable()), queryEnvironment, home);
        query.start();
    }

    void stopQueryService() {
        if (query != null) {
            query.stop();
        }
    }

    /** The consumer group the query-service consumes in (its last start's). */
    String consumerGroup() {
        return consumerGroup;
    }

    void stopCommandService() {
        command.stop();
    }

    void startCommandService() {
        command.start();
    }

    /** The process id of one of the services this stack started ({@code command-service}, {@code query-service}), if it runs. */
    OptionalLong pid(String module) {
        try {
            Path file = home.resolve("run/" + module + ".pid");
            if (!Files.exists(file)) {
                return OptionalLong.empty();
            }
            long pid = Long.parseLong(Files.readString(file).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent() ? OptionalLong.of(pid) : OptionalLong.empty();
        } catch (Exception e) {
            return OptionalLong.empty();
        }
    }

    /** Elasticsearch's process id: the node whose command line names this stack's home (its tmp dir lies there). */
    OptionalLong elasticsearchPid() {
        String stackHome = System.getenv("MANDATE_TEST_STACK_HOME");
        if (stackHome == null) {
            return OptionalLong.empty();
        }
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(line -> line.contains("org.elasticsearch.bootstrap.Elasticsearch")
                        && line.contains(stackHome)).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst();
    }

    /** The generator's settings for this stack (its PostgreSQL and command-service). */
    GeneratorSettings generatorSettings() {
        GeneratorSettings defaults = GeneratorSettings.fromSystemProperties();
        return new GeneratorSettings(defaults.events(), defaults.rate(), defaults.users(), defaults.agents(),
                defaults.mcpServers(), defaults.resources(), defaults.seed(), defaults.tickMillis(), stack.jdbcUrl(),
                stack.jdbcUsername(), stack.jdbcPassword(), commandUrl, "mandate-admin", "mandate-responder");
    }

    void stop() {
        stopQueryService();
        command.stop();
    }
}
