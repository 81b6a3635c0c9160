package io.mandate.infra.testkit;

import java.util.Map;
import java.util.Optional;

/**
 * The real PostgreSQL, Kafka and Elasticsearch that integration tests run against, started
 * once per test JVM (or once per test run, when the README's test command started it first).
 *
 * <p>Where it comes from, in order: an already running stack named by environment variables
 * ({@code MANDATE_TEST_POSTGRES_URL}, {@code MANDATE_TEST_KAFKA_BOOTSTRAP_SERVERS},
 * {@code MANDATE_TEST_ELASTICSEARCH_URL}); Testcontainers when a Docker engine answers; else
 * the same local processes the launcher runs. The tests are the same in all three cases. When the
 * environment also names the launcher's home ({@code MANDATE_TEST_STACK_HOME}, which the launcher
 * writes into {@code stack.env}) and that home runs the very same addresses, the stack counts as
 * local processes: fault tests may then stop and restart its Kafka or Elasticsearch.
 */
public final class TestStack {

    private static TestStack shared;

    private final Backend backend;
    private final String jdbcUrl;
    private final String kafkaBootstrapServers;
    private final String elasticsearchUrl;
    private final StackFaults faults;
    private final String noFaultsReason;

    /** Where the stack came from. */
    public enum Backend { EXTERNAL, TESTCONTAINERS, LOCAL_PROCESSES }

    /**
     * @param faults         how a test may stop and start parts of it, or {@code null} when it may not
     * @param noFaultsReason why it may not, when {@code faults} is {@code null}
     */
    TestStack(Backend backend, String jdbcUrl, String kafkaBootstrapServers, String elasticsearchUrl,
              StackFaults faults, String noFaultsReason) {
        this.backend = backend;
        this.jdbcUrl = jdbcUrl;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.elasticsearchUrl = elasticsearchUrl;
        this.faults = faults;
        this.noFaultsReason = noFaultsReason;
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

    /**
     * Stopping and starting Kafka or Elasticsearch, for fault tests; empty on an external stack,
     * which this JVM must not disturb ({@link #noFaultsReason()} says why, for the test's skip message).
     * A fault test must leave the part running again, and should run in its own JVM (failsafe
     * execution), so that no other test sees the outage.
     */
    public Optional<StackFaults> faults() {
        return Optional.ofNullable(faults);
    }

    public String noFaultsReason() {
        return faults != null ? "" : noFaultsReason;
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
