package io.mandate.infra.testkit;

import java.util.Map;

/**
 * The real PostgreSQL, Kafka and Elasticsearch that integration tests run against, started
 * once per test JVM (or once per test run, when the README's test command started it first).
 *
 * <p>Where it comes from, in order: an already running stack named by environment variables
 * ({@code MANDATE_TEST_POSTGRES_URL}, {@code MANDATE_TEST_KAFKA_BOOTSTRAP_SERVERS},
 * {@code MANDATE_TEST_ELASTICSEARCH_URL}); Testcontainers when a Docker engine answers; else
 * the same local processes the launcher runs. The tests are the same in all three cases.
 */
public final class TestStack {

    private static TestStack shared;

    private final Backend backend;
    private final String jdbcUrl;
    private final String kafkaBootstrapServers;
    private final String elasticsearchUrl;

    /** Where the stack came from. */
    public enum Backend { EXTERNAL, TESTCONTAINERS, LOCAL_PROCESSES }

    TestStack(Backend backend, String jdbcUrl, String kafkaBootstrapServers, String elasticsearchUrl) {
        this.backend = backend;
        this.jdbcUrl = jdbcUrl;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.elasticsearchUrl = elasticsearchUrl;
    }

    public static synchronized TestStack get() {
        if (shared == null) {
            shared = StackResolver.resolve(System.getenv());
            System.out.println("[TestStack] " + shared.backend + ": " + shared.jdbcUrl + ", kafka "
                    + shared.kafkaBootstrapServers + ", elasticsearch " + shared.elasticsearchUrl);
        }
        return shared;
    }

    public Backend backend() {
        return backend;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String jdbcUsername() {
        return "postgres";
    }

    public String jdbcPassword() {
        return "postgres";
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** e.g. {@code http://127.0.0.1:19200} */
    public String elasticsearchUrl() {
        return elasticsearchUrl;
    }

    /**
     * Spring Boot properties pointing a service at this stack: {@code spring.datasource.url},
     * {@code spring.datasource.username}, {@code spring.datasource.password},
     * {@code spring.kafka.bootstrap-servers}, {@code spring.elasticsearch.uris}.
     */
    public Map<String, String> springProperties() {
        return Map.of(
                "spring.datasource.url", jdbcUrl,
                "spring.datasource.username", jdbcUsername(),
                "spring.datasource.password", jdbcPassword(),
                "spring.kafka.bootstrap-servers", kafkaBootstrapServers,
                "spring.elasticsearch.uris", elasticsearchUrl);
    }

    /** The same, as the environment variables a service process reads (see StackComponents). */
    public Map<String, String> serviceEnvironment() {
        return Map.of(
                "MANDATE_POSTGRES_URL", jdbcUrl,
                "MANDATE_POSTGRES_USER", jdbcUsername(),
                "MANDATE_POSTGRES_PASSWORD", jdbcPassword(),
                "MANDATE_KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers,
                "MANDATE_ELASTICSEARCH_URL", elasticsearchUrl);
    }
}
