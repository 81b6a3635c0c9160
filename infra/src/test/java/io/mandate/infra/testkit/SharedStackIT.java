package io.mandate.infra.testkit;

import io.mandate.messages.wire.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever backend it picked, TestStack hands out a working PostgreSQL, Kafka and Elasticsearch. */
class SharedStackIT {

    private final TestStack stack = TestStack.get();

    @Test
    void getWhenCalledTwiceThenSameStack() {
        assertThat(TestStack.get()).isSameAs(stack);
    }

    @Test
    void postgresWhenQueriedThenDurableServerAnswers() throws Exception {
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(), stack.jdbcUsername(), stack.jdbcPassword());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select current_database(), current_setting('fsync')")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("mandate");
            assertThat(rows.getString(2)).isEqualTo("on");
        }
    }

    @Test
    void kafkaWhenListingTopicsThenMandateTopicsExistWithTheirPartitions() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).containsAll(Topics.ALL);
            assertThat(admin.describeTopics(Topics.ALL).allTopicNames().get(30, TimeUnit.SECONDS).get(Topics.GRANTS)
                    .partitions()).hasSize(Topics.DEFAULT_PARTITIONS);
        }
    }

    @Test
    void elasticsearchWhenAskedForClusterHealthThenAnswers() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(stack.elasticsearchUrl() + "/_cluster/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).containsAnyOf("\"status\":\"green\"", "\"status\":\"yellow\"");
    }

    @Test
    void springPropertiesWhenRequestedThenPointAtThisStack() {
        assertThat(stack.springProperties())
                .containsEntry("spring.datasource.url", stack.jdbcUrl())
                .containsEntry("spring.kafka.bootstrap-servers", stack.kafkaBootstrapServers())
                .containsEntry("spring.elasticsearch.uris", stack.elasticsearchUrl());
    }
}
