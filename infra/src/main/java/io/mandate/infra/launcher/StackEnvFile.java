package io.mandate.infra.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code <home>/stack.env}: the ports and addresses a home was started with, as shell
 * variable assignments. Later launcher calls read it so that {@code down} and {@code status}
 * find a stack started on other ports; the test command sources it to point tests at the stack.
 */
final class StackEnvFile {

    static final String NAME = "stack.env";
    static final String STACK_HOME_VARIABLE = "MANDATE_TEST_STACK_HOME";

    private StackEnvFile() {
    }

    /** Settings from the environment, with the ports this home last ran on as defaults. */
    static StackSettings settings(Path defaultHome, Map<String, String> environment) {
        Path home = Path.of(environment.getOrDefault("MANDATE_HOME", defaultHome.toString()));
        Map<String, String> merged = new HashMap<>(read(home.resolve(NAME)));
        merged.keySet().removeIf(key -> !key.endsWith("_PORT"));
        merged.putAll(environment);
        return StackSettings.fromEnvironment(defaultHome, merged);
    }

    static void write(StackSettings settings) {
        StringBuilder text = new StringBuilder("# written by the Mandate launcher; read by ./mandate\n");
        settings.ports().values().forEach(port -> text.append(port.variable()).append('=').append(port.number()).append('\n'));
        text.append("MANDATE_TEST_POSTGRES_URL=").append(settings.jdbcUrl()).append('\n');
        text.append("MANDATE_TEST_KAFKA_BOOTSTRAP_SERVERS=").append(settings.kafkaBootstrapServers()).append('\n');
        text.append("MANDATE_TEST_ELASTICSEARCH_URL=").append(settings.elasticsearchHttpUrl()).append('\n');
        // Lets fault tests find these processes again to stop and restart one (see testkit.StackFaults).
        text.append(STACK_HOME_VARIABLE).append('=').append(settings.home()).append('\n');
        try {
            Files.createDirectories(settings.home());
            Files.writeString(settings.home().resolve(NAME), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> read(Path file) {
        Map<String, String> values = new HashMap<>();
        if (!Files.isReadable(file)) {
            return values;
        }
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                int equals = line.indexOf('=');
                if (!line.startsWith("#") && equals > 0) {
                    values.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }
}
