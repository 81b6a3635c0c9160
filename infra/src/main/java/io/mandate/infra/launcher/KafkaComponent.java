package io.mandate.infra.launcher;

import io.mandate.messages.wire.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka KRaft broker (combined broker + controller, one node) run as its own process
 * from the {@code kafka_2.13} jars, with Mandate's topics created up front.
 */
public final class KafkaComponent implements Component {

    private final StackSettings settings;
    private final Path kafkaLibs;
    private final Path dir;
    private final Path pidFile;
    private final Path logFile;

    KafkaComponent(StackSettings settings, Distributions distributions) {
        this.settings = settings;
        this.kafkaLibs = distributions.kafkaLibs();
        this.dir = settings.home().resolve("kafka");
        this.pidFile = settings.home().resolve("run/kafka.pid");
        this.logFile = settings.home().resolve("logs/kafka.log");
    }

    @Override
    public String name() {
        return "Kafka";
    }

    @Override
    public void start() {
        if (!isRunning()) {
            Ports.requireFree(settings.port(StackSettings.KAFKA), name());
            Ports.requireFree(settings.port(StackSettings.KAFKA_CONTROLLER), name() + " controller");
            Path config = writeConfig();
            if (!Files.exists(dir.resolve("data/meta.properties"))) {
                Processes.run(java("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                        "-c", config.toString(), "--ignore-formatted"), Map.of(), dir, Duration.ofMinutes(2));
            }
            Process broker = Processes.spawn(java("kafka.Kafka", config.toString()), Map.of(), dir, logFile);
            Processes.writePid(pidFile, broker.pid());
        }
        createTopics(bootstrap(), Topics.DEFAULT_PARTITIONS);
    }

    private List<String> java(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(JavaRuntime.executable(), "-Xms256m", "-Xmx512m",
                "-XX:+UseG1GC", "-Djava.awt.headless=true", "-cp", kafkaLibs + "/*", mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private Path writeConfig() {
        int port = settings.port(StackSettings.KAFKA).number();
        int controller = settings.port(StackSettings.KAFKA_CONTROLLER).number();
        String properties = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controller,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=" + Topics.DEFAULT_PARTITIONS,
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "");
        try {
            Files.createDirectories(dir.resolve("data"));
            Path config = dir.resolve("server.properties");
            Files.writeString(config, properties);
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String bootstrap() {
        return "127.0.0.1:" + settings.port(StackSettings.KAFKA).number();
    }

    /**
     * Creates Mandate's topics if missing. Grant, client, revocation and key topics keep their
     * records forever: token-issuers rebuild their projection from them at every start.
     */
    public static void createTopics(String bootstrapServers, int partitions) {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try (Admin admin = Admin.create(config)) {
                Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
                List<NewTopic> missing = Topics.ALL.stream().filter(topic -> !existing.contains(topic))
                        .map(topic -> new NewTopic(topic, partitions, (short) 1).configs(Map.of(
                                "retention.ms", Topics.TOKENS.equals(topic) ? "604800000" : "-1")))
                        .toList();
                if (!missing.isEmpty()) {
                    admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                }
                return;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka did not become ready: " + e.getMessage(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    @Override
    public void stop() {
        Processes.livePid(pidFile).ifPresent(pid -> Processes.stop(pid, "TERM", Duration.ofSeconds(30)));
    }

    @Override
    public boolean isRunning() {
        return Processes.livePid(pidFile).isPresent();
    }

    @Override
    public List<String> describe() {
        return List.of(bootstrap() + " (controller 127.0.0.1:" + settings.port(StackSettings.KAFKA_CONTROLLER).number()
                        + "), topics " + String.join(", ", Topics.ALL) + " x" + Topics.DEFAULT_PARTITIONS,
                "data " + dir.resolve("data"));
    }

    @Override
    public Path logFile() {
        return logFile;
    }
}
