package io.mandate.infra.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StackEnvFileTest {

    @TempDir
    Path root;

    @Test
    void writeWhenStackStartedThenNamesItsHomeForFaultTests() throws IOException {
        Path home = root.resolve("home");
        StackSettings settings = StackSettings.fromEnvironment(home, Map.of()).withFreePorts(home);

        StackEnvFile.write(settings);

        assertThat(Files.readAllLines(home.resolve("stack.env")))
                .contains("MANDATE_TEST_STACK_HOME=" + home.toAbsolutePath())
                .contains("MANDATE_TEST_KAFKA_BOOTSTRAP_SERVERS=" + settings.kafkaBootstrapServers());
    }

    @Test
    void launchedInWhenHomeWrittenThenSameAddressesAndItsLocalComponents() throws IOException {
        Path home = root.resolve("home");
        Files.createDirectories(root.resolve("infra/kafka-dist/target/kafka-libs"));
        StackSettings started = StackSettings.fromEnvironment(home, Map.of()).withFreePorts(home);
        StackEnvFile.write(started);

        StackComponents.LaunchedStack launched = StackComponents.launchedIn(home, new Distributions(root), RunAs.detect());

        assertThat(launched.settings().kafkaBootstrapServers()).isEqualTo(started.kafkaBootstrapServers());
        assertThat(launched.settings().elasticsearchHttpUrl()).isEqualTo(started.elasticsearchHttpUrl());
        assertThat(launched.settings().jdbcUrl()).isEqualTo(started.jdbcUrl());
        assertThat(launched.components()).extracting(Component::name)
                .containsExactly("PostgreSQL", "Kafka", "Elasticsearch");
    }
}
