package io.mandate.infra.launcher;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the launcher can be told, read from environment variables with defaults that
 * run on a laptop. Each port names the variable that moves it, so a clash can say so.
 *
 * @param postgresUrl      an external PostgreSQL (JDBC URL), or empty to run the local one
 * @param kafkaBootstrap   an external Kafka, or empty to run the local broker
 * @param elasticsearchUrl an external Elasticsearch, or empty to run the local server
 * @param durable          PostgreSQL with fsync and synchronous commit (default true)
 */
public record StackSettings(Path home,
                            Map<String, Port> ports,
                            Optional<String> postgresUrl,
                            String postgresUser,
                            String postgresPassword,
                            Optional<String> kafkaBootstrap,
                            Optional<String> elasticsearchUrl,
                            boolean durable) {

    /** A port and the environment variable that moves it. */
    public record Port(int number, String variable) {
    }

    public static final String POSTGRES = "postgres";
    public static final String KAFKA = "kafka";
    public static final String KAFKA_CONTROLLER = "kafka-controller";
    public static final String ELASTICSEARCH = "elasticsearch";
    public static final String ELASTICSEARCH_TRANSPORT = "elasticsearch-transport";
    public static final String DASHBOARD = "dashboard";
    public static final String COMMAND_SERVICE = "command-service";
    public static final String TOKEN_ISSUER = "token-issuer";
    public static final String QUERY_SERVICE = "query-service";

    private static final Map<String, Object[]> DEFAULT_PORTS = new LinkedHashMap<>();

    static {
        DEFAULT_PORTS.put(POSTGRES, new Object[]{15432, "MANDATE_POSTGRES_PORT"});
        DEFAULT_PORTS.put(KAFKA, new Object[]{19092, "MANDATE_KAFKA_PORT"});
        DEFAULT_PORTS.put(KAFKA_CONTROLLER, new Object[]{19093, "MANDATE_KAFKA_CONTROLLER_PORT"});
        DEFAULT_PORTS.put(ELASTICSEARCH, new Object[]{19200, "MANDATE_ELASTICSEARCH_PORT"});
        DEFAULT_PORTS.put(ELASTICSEARCH_TRANSPORT, new Object[]{19300, "MANDATE_ELASTICSEARCH_TRANSPORT_PORT"});
        DEFAULT_PORTS.put(DASHBOARD, new Object[]{8080, "MANDATE_DASHBOARD_PORT"});
        DEFAULT_PORTS.put(COMMAND_SERVICE, new Object[]{8081, "MANDATE_COMMAND_SERVICE_PORT"});
        DEFAULT_PORTS.put(TOKEN_ISSUER, new Object[]{8082, "MANDATE_TOKEN_ISSUER_PORT"});
        DEFAULT_PORTS.put(QUERY_SERVICE, new Object[]{8083, "MANDATE_QUERY_SERVICE_PORT"});
    }

    public static StackSettings fromEnvironment(Path defaultHome, Map<String, String> env) {
        Map<String, Port> ports = new LinkedHashMap<>();
        DEFAULT_PORTS.forEach((name, spec) -> {
            String variable = (String) spec[1];
            ports.put(name, new Port(parsePort(env.get(variable), (int) spec[0], variable), variable));
        });
        return new StackSettings(
                Path.of(env.getOrDefault("MANDATE_HOME", defaultHome.toString())).toAbsolutePath(),
                Map.copyOf(ports),
                nonBlank(env.get("MANDATE_POSTGRES_URL")),
                env.getOrDefault("MANDATE_POSTGRES_USER", "postgres"),
                env.getOrDefault("MANDATE_POSTGRES_PASSWORD", "postgres"),
                nonBlank(env.get("MANDATE_KAFKA_BOOTSTRAP_SERVERS")),
                nonBlank(env.get("MANDATE_ELASTICSEARCH_URL")),
                !"false".equalsIgnoreCase(env.getOrDefault("MANDATE_POSTGRES_DURABLE", "true")));
    }

    /** Same settings with every port replaced by a free one (test stacks beside a running stack). */
    public StackSettings withFreePorts(Path newHome) {
        Map<String, Port> free = new LinkedHashMap<>();
        ports.forEach((name, port) -> free.put(name, new Port(Processes.freePort(), port.variable())));
        return new StackSettings(newHome, Map.copyOf(free), postgresUrl, postgresUser, postgresPassword,
                kafkaBootstrap, elasticsearchUrl, durable);
    }

    public Port port(String name) {
        return ports.get(name);
    }

    public String jdbcUrl() {
        return postgresUrl.orElse("jdbc:postgresql://127.0.0.1:" + port(POSTGRES).number() + "/mandate");
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrap.orElse("127.0.0.1:" + port(KAFKA).number());
    }

    public String elasticsearchHttpUrl() {
        return elasticsearchUrl.orElse("http://127.0.0.1:" + port(ELASTICSEARCH).number());
    }

    public String serviceUrl(String service) {
        return "http://127.0.0.1:" + port(service).number();
    }

    private static int parsePort(String value, int fallback, String variable) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a port number (1-65535), not '" + value + "'");
        }
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
