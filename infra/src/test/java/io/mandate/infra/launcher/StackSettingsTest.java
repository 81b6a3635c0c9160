package io.mandate.infra.launcher;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackSettingsTest {

    private final Path home = Path.of("/tmp/mandate-home");

    @Test
    void fromEnvironmentWhenNothingSetThenLocalDefaults() {
        StackSettings settings = StackSettings.fromEnvironment(home, Map.of());

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:15432/mandate");
        assertThat(settings.kafkaBootstrapServers()).isEqualTo("127.0.0.1:19092");
        assertThat(settings.elasticsearchHttpUrl()).isEqualTo("http://127.0.0.1:19200");
        assertThat(settings.serviceUrl(StackSettings.DASHBOARD)).isEqualTo("http://127.0.0.1:8080");
        assertThat(settings.durable()).isTrue();
        assertThat(settings.home()).isEqualTo(home);
    }

    @Test
    void fromEnvironmentWhenExternalServersSetThenNoLocalComponents() {
        StackSettings settings = StackSettings.fromEnvironment(home, Map.of(
                "MANDATE_POSTGRES_URL", "jdbc:postgresql://db.internal:5432/mandate",
                "MANDATE_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092",
                "MANDATE_ELASTICSEARCH_URL", "https://search.internal:9200"));

        assertThat(StackComponents.infrastructure(settings, new Distributions(Path.of("/nowhere")), RunAs.detect()))
                .isEmpty();
        assertThat(StackComponents.serviceEnvironment(settings))
                .containsEntry("MANDATE_POSTGRES_URL", "jdbc:postgresql://db.internal:5432/mandate")
                .containsEntry("MANDATE_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092")
                .containsEntry("MANDATE_ELASTICSEARCH_URL", "https://search.internal:9200");
    }

    @Test
    void fromEnvironmentWhenPortIsNotANumberThenErrorNamesTheVariable() {
        assertThatThrownBy(() -> StackSettings.fromEnvironment(home, Map.of("MANDATE_KAFKA_PORT", "ninety")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MANDATE_KAFKA_PORT");
    }

    @Test
    void withFreePortsWhenCalledThenEveryPortMovesAndKeepsItsVariable() {
        StackSettings settings = StackSettings.fromEnvironment(home, Map.of()).withFreePorts(home);

        assertThat(settings.port(StackSettings.POSTGRES).number()).isNotEqualTo(15432);
        assertThat(settings.port(StackSettings.POSTGRES).variable()).isEqualTo("MANDATE_POSTGRES_PORT");
        settings.ports().values().forEach(port -> assertThat(Processes.isFree(port.number())).isTrue());
    }
}
