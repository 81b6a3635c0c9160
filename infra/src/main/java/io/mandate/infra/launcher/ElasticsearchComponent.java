package io.mandate.infra.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real Elasticsearch 8.19 server from Maven Central's integ-test zip, single node, bound to
 * loopback. It daemonises itself ({@code -d}) and records its pid; as root it runs as an
 * unprivileged user that owns its config, data, logs and temp folders.
 */
final class ElasticsearchComponent implements Component {

    private final StackSettings settings;
    private final Distributions distributions;
    private final RunAs runAs;
    private final Path dir;
    private final Path logsDir;
    private final Path pidFile;
    private final Path startLog;

    ElasticsearchComponent(StackSettings settings, Distributions distributions, RunAs runAs) {
        this.settings = settings;
        this.distributions = distributions;
        this.runAs = runAs;
        this.dir = settings.home().resolve("elasticsearch");
        this.logsDir = settings.home().resolve("logs/elasticsearch");
        this.pidFile = dir.resolve("elasticsearch.pid");
        this.startLog = settings.home().resolve("logs/elasticsearch-start.log");
    }

    @Override
    public String name() {
        return "Elasticsearch";
    }

    @Override
    public void start() {
        if (!isRunning()) {
            Ports.requireFree(settings.port(StackSettings.ELASTICSEARCH), name());
            Ports.requireFree(settings.port(StackSettings.ELASTICSEARCH_TRANSPORT), name() + " transport");
            Path dist = distributions.elasticsearch();
            prepareFolders(dist);
            Processes.run(runAs.wrap(command(dist)), environment(), dir, Duration.ofMinutes(3));
        }
        awaitHealthy();
    }

    private void prepareFolders(Path dist) {
        try {
            for (Path folder : List.of(dir.resolve("config"), dir.resolve("data"), dir.resolve("tmp"), logsDir)) {
                Files.createDirectories(folder);
            }
            // Our own copy of config/: Elasticsearch writes its keystore there on first start.
            try (Stream<Path> files = Files.list(dist.resolve("config"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path copy = dir.resolve("config").resolve(file.getFileName());
                    if (!Files.exists(copy)) {
                        Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        runAs.requireAccess(dist, "the Elasticsearch distribution");
        runAs.own(dir, logsDir);
        runAs.requireAccess(dir.resolve("config"), "its config folder in MANDATE_HOME");
    }

    private List<String> command(Path dist) {
        return new ArrayList<>(List.of(dist.resolve("bin/elasticsearch").toString(), "-d", "-p", pidFile.toString(),
                "-Ecluster.name=mandate",
                "-Enode.name=mandate-local",
                "-Ediscovery.type=single-node",
                "-Expack.security.enabled=false",
                "-Enetwork.host=127.0.0.1",
                "-Ehttp.port=" + settings.port(StackSettings.ELASTICSEARCH).number(),
                "-Etransport.port=" + settings.port(StackSettings.ELASTICSEARCH_TRANSPORT).number(),
                "-Epath.data=" + dir.resolve("data"),
                "-Epath.logs=" + logsDir,
                // Shared dev machines often run with little free disk: do not go read-only over it.
                "-Ecluster.routing.allocation.disk.threshold_enabled=false"));
    }

    private Map<String, String> environment() {
        Path tmp = dir.resolve("tmp");
        return Map.of(
                "ES_JAVA_HOME", JavaRuntime.home(),
                "ES_PATH_CONF", dir.resolve("config").toString(),
                "ES_JAVA_OPTS", "-Xms512m -Xmx512m",
                "ES_TMPDIR", tmp.toString(),
                "CLI_JAVA_OPTS", "-Djava.io.tmpdir=" + tmp);
    }

    private void awaitHealthy() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI health = URI.create("http://127.0.0.1:" + settings.port(StackSettings.ELASTICSEARCH).number()
                + "/_cluster/health?wait_for_status=yellow&timeout=5s");
        boolean healthy = Processes.waitUntil(() -> {
            try {
                return client.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, Duration.ofSeconds(120));
        if (!healthy) {
            throw new IllegalStateException("Elasticsearch did not report a yellow or green cluster in 120 s");
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
        return List.of("http://127.0.0.1:" + settings.port(StackSettings.ELASTICSEARCH).number()
                        + " (transport " + settings.port(StackSettings.ELASTICSEARCH_TRANSPORT).number()
                        + ", runs as " + runAs.describe() + ")",
                "data " + dir.resolve("data"));
    }

    @Override
    public Path logFile() {
        return logsDir.resolve("mandate.log");
    }
}
