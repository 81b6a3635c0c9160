package io.mandate.infra.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One of Mandate's Spring Boot services, run from its executable jar as its own process. */
public final class ServiceComponent implements Component {

    private final String module;
    private final java.util.function.Supplier<Path> jar;
    private final StackSettings.Port port;
    private final Map<String, String> environment;
    private final Path pidFile;
    private final Path logFile;
    private final Path workDir;

    public ServiceComponent(String module, java.util.function.Supplier<Path> jar, StackSettings.Port port, Map<String, String> environment,
                            Path home) {
        this.module = module;
        this.jar = jar;
        this.port = port;
        this.environment = Map.copyOf(environment);
        this.pidFile = home.resolve("run/" + module + ".pid");
        this.logFile = home.resolve("logs/" + module + ".log");
        this.workDir = home;
    }

    @Override
    public String name() {
        return module;
    }

    @Override
    public void start() {
        if (!isRunning()) {
            Ports.requireFree(port, module);
            Process process = Processes.spawn(List.of(JavaRuntime.executable(), "-Xms128m", "-Xmx512m",
                    "-XX:+UseG1GC", "-Daxoniq.update-checker.disabled=true", "-jar", jar.get().toString()),
                    environment, workDir, logFile);
            Processes.writePid(pidFile, process.pid());
        }
        awaitHealthy();
    }

    private void awaitHealthy() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI health = URI.create(url() + "/actuator/health");
        boolean healthy = Processes.waitUntil(() -> {
            if (!isRunning()) {
                throw new IllegalStateException(module + " exited during start-up");
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(health)
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 && response.body().contains("\"UP\"");
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, Duration.ofSeconds(480));
        if (!healthy) {
            throw new IllegalStateException(module + " did not report UP at " + health + " within 480 s");
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port.number();
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
        return List.of(url());
    }

    @Override
    public Path logFile() {
        return logFile;
    }
}
