package io.mandate.infra.testkit;

import io.mandate.infra.launcher.KafkaComponent;
import io.mandate.messages.wire.Topics;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The stack from Testcontainers, where a Docker engine exists: the same versions as the local
 * processes (PostgreSQL 17, Kafka 3.9, Elasticsearch 8.19). Containers live as long as the JVM.
 */
final class ContainerStack {

    private ContainerStack() {
    }

    @SuppressWarnings("resource") // closed by Testcontainers' own reaper when the JVM exits
    static TestStack start() {
        PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>(DockerImageName.parse("postgres:17-alpine"))
                .withDatabaseName("mandate").withUsername("postgres").withPassword("postgres");
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse("apache/kafka:3.9.1"));
        ElasticsearchContainer elasticsearch = new ElasticsearchContainer(
                DockerImageName.parse("docker.elastic.co/elasticsearch/elasticsearch:8.19.21"))
                .withEnv("xpack.security.enabled", "false")
                .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
        postgres.start();
        kafka.start();
        elasticsearch.start();
        KafkaComponent.createTopics(kafka.getBootstrapServers(), Topics.DEFAULT_PARTITIONS);
        return new TestStack(TestStack.Backend.TESTCONTAINERS, postgres.getJdbcUrl(), kafka.getBootstrapServers(),
                "http://" + elasticsearch.getHttpHostAddress(), new ContainerFaults(kafka, elasticsearch), null);
    }
}
