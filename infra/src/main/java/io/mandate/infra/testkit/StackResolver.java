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
            return new TestStack(TestStack.Backend.EXTERNAL, postgres, kafka, elasticsearch);
        }
        if (dockerAvailable()) {
            return ContainerStack.start();
        }
        return startLocalProcesses();
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
                settings.elasticsearchHttpUrl());
    }

    private static void deleteQuietly(Path home) {
        try (Stream<Path> paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("[TestStack] could not delete " + home + ": " + e.getMessage());
        }
    }
}
