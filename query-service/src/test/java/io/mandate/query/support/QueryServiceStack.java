package io.mandate.query.support;

import io.mandate.infra.testkit.TestStack;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.util.UUID;

/**
 * Points an integration test at the real Kafka and Elasticsearch the test kit starts. A helper
 * rather than a base class, so each test class keeps its own {@code @DynamicPropertySource} and
 * thus its own Spring context and consumer group.
 */
public final class QueryServiceStack {

    private QueryServiceStack() {
    }

    /** Call from a test class's {@code @DynamicPropertySource}. */
    public static void registerProperties(DynamicPropertyRegistry registry) {
        TestStack.get().springProperties().forEach((key, value) -> registry.add(key, () -> value));
        // Our own consumer group: another query-service on the same stack must not take our partitions.
        registry.add("spring.kafka.consumer.group-id", () -> "mandate-query-service-it-" + UUID.randomUUID());
    }

    /** A producer onto the stack's Kafka; the caller closes it. */
    public static EventProducer newProducer() {
        return new EventProducer(TestStack.get().kafkaBootstrapServers());
    }
}
