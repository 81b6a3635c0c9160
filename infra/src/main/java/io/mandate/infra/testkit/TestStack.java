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

    /** IMPLEMENTATION IN PROGRESS (contract fixed). */
    public static synchronized TestStack get() {
        throw new UnsupportedOperationException("TestStack is being implemented");
    }

    public String jdbcUrl() { throw new UnsupportedOperationException(); }

    public String jdbcUsername() { throw new UnsupportedOperationException(); }

    public String jdbcPassword() { throw new UnsupportedOperationException(); }

    public String kafkaBootstrapServers() { throw new UnsupportedOperationException(); }

    /** e.g. {@code http://127.0.0.1:19200} */
    public String elasticsearchUrl() { throw new UnsupportedOperationException(); }

    /**
     * Spring Boot properties pointing a service at this stack: {@code spring.datasource.url},
     * {@code spring.datasource.username}, {@code spring.datasource.password},
     * {@code spring.kafka.bootstrap-servers}, {@code spring.elasticsearch.uris}.
     */
    public Map<String, String> springProperties() { throw new UnsupportedOperationException(); }
}
