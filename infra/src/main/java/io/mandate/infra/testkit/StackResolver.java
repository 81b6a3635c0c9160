package io.mandate.infra.testkit;

import io.mandate.infra.launcher.Component;
import io.mandate.infra.launcher.Distributions;
import io.mandate.infra.launcher.LocalStack;
import io.mandate.infra.launcher.RunAs;
import io.mandate.infra.launcher.StackComponents;
import io.mandate.infra.launcher.StackSettings;
import org.testcontainers.DockerClientFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Decides where this test JVM's stack comes from, and starts it when nobody else did. */
final class StackResolver {

    private StackResolver() {
    }

    static TestStack resolve(Map<String, String> env) {
        String postgres = env.get("MANDATE_TEST_POSTGRES_URL");
        String kafka = env.get("MANDATE_TEST_KAFKA_BOOTSTRAP_SERVERS");
        String elasticsearch = env.get("MANDATE_TEST_ELASTICSEARCH_URL");
        if (postgres != null && kafka != null && elasticsearch != null) {
            return launchedLocally(env.get("MANDATE_TEST_STACK_HOME"), postgres, kafka, elasticsearch)
                    .orElseGet(() -> new TestStack(TestStack.Backend.EXTERNAL, postgres, kafka, elasticsearch, null,
                            "the stack is external (MANDATE_TEST_* variables without a launcher home running them):"
                                    + " tests must not stop its parts"));
        }
        if (dockerAvailable()) {
            return ContainerStack.start();
        }
        return startLocalProcesses();
    }

    /**
     * The launcher's local processes, when the named home recorded exactly these addresses and runs
     * its Kafka and Elasticsearch itself; otherwise empty (treated as external).
     */
    private static Optional<TestStack> launchedLocally(String home, String postgres, String kafka, String elasticsearch) {
        if (home == null || home.isBlank() || !Files.isReadable(Path.of(home, "stack.env"))) {
            return Optional.empty();
        }
        StackComponents.LaunchedStack launched = StackComponents.launchedIn(Path.of(home),
                Distributions.locate(Path.of(System.getProperty("user.dir"))), RunAs.detect());
        StackSettings settings = launched.settings();
        LocalProcessFaults faults = new LocalProcessFaults(launched.components());
        boolean same = settings.jdbcUrl().equals(postgres) && settings.kafkaBootstrapServers().equals(kafka)
                && settings.elasticsearchHttpUrl().equals(elasticsearch);
        if (!same || !faults.covers(StackFaults.Part.KAFKA) || !faults.covers(StackFaults.Part.ELASTICSEARCH)) {
            return Optional.empty();
        }
        return Optional.of(new TestStack(TestStack.Backend.LOCAL_PROCESSES, postgres, kafka, elasticsearch, faults, null));
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** The launcher's own components, on free ports, in a home of their own that is deleted afterwards. */
    private static TestStack startLocalProcesses() {
        Distributions distributions = Distributions.locate(Path.of(System.getProperty("user.dir")));
        Path home;
        try {
            Path parent = Files.createDirectories(distributions.root().resolve("target"));
            // Readable by all: as root, Elasticsearch runs as an unprivileged user inside it.
            home = Files.createTempDirectory(parent, "test-stack-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StackSettings settings = StackSettings.fromEnvironment(home, Map.of()).withFreePorts(home);
        List<Component> components = StackComponents.infrastructure(settings, distributions, RunAs.detect());
        LocalStack stack = new LocalStack(List.of(components), System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.stop();
            deleteQuietly(home);
        }, "test-stack-stop"));
        stack.start();
        return new TestStack(TestStack.Backend.LOCAL_PROCESSES, settings.jdbcUrl(), settings.kafkaBootstrapServers(),
                settings.elasticsearchHttpUrl(), new LocalProcessFaults(components), null);
    }

    private static void deleteQuietly(Path home) {
        try (Stream<Path> paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("[TestStack] could not delete " + home + ": " + e.getMessage());
        }
    }
}
