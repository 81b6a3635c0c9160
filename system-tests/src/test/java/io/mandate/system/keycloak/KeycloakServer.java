package io.mandate.system.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mandate.infra.launcher.Processes;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A real Keycloak 26.4.7 (the Maven Central distribution {@code org.keycloak:keycloak-quarkus-dist},
 * unpacked by the system-tests build into {@code system-tests/target/keycloak}), started in dev
 * mode on loopback with a random bootstrap admin password, and its admin REST API. Used by the
 * benchmark (the side-by-side peer) and by the external identity provider tests (a real OpenID
 * Provider). Not unpacked means the build did not resolve the zip: that is a failure, never a skip.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "admin";

    private final String url;
    private final Process process;
    private final String adminPassword;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private KeycloakServer(String url, Process process, String adminPassword) {
        this.url = url;
        this.process = process;
        this.adminPassword = adminPassword;
    }

    /**
     * Starts the unpacked distribution on a free loopback port and waits until it answers (first
     * start ~25 s on an idle machine: dev mode builds once; much longer on a busy one).
     *
     * @param projectDir the repository root
     * @param logFile    where Keycloak's console output goes
     */
    public static KeycloakServer start(Path projectDir, Path logFile) throws IOException {
        Path home;
        Path unpacked = projectDir.resolve("system-tests/target/keycloak");
        if (!Files.isDirectory(unpacked)) {
            throw new IllegalStateException("Keycloak is not unpacked in " + unpacked
                    + ": the system-tests build unpacks org.keycloak:keycloak-quarkus-dist (process-test-resources)");
        }
        try (Stream<Path> dirs = Files.list(unpacked)) {
            home = dirs.filter(d -> d.getFileName().toString().startsWith("keycloak-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no keycloak-* folder in " + unpacked));
        }
        Files.createDirectories(logFile.getParent());
        // A fresh dev-mode database each start: Keycloak creates the bootstrap admin (with this start's
        // random password) only in an empty one. One Keycloak per unpacked distribution at a time.
        deleteTree(home.resolve("data"));
        int port = Processes.freePort();
        String adminPassword = "kc-" + UUID.randomUUID();
        // Started directly (not through a shell) so the recorded process is Keycloak's launcher.
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + port, "--http-host=127.0.0.1", "--hostname-strict=false", "--log-level=warn")
                .redirectErrorStream(true).redirectOutput(logFile.toFile());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        KeycloakServer server = new KeycloakServer("http://127.0.0.1:" + port, builder.start(), adminPassword);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "keycloak-stop"));
        boolean up = Processes.waitUntil(() -> !server.process.isAlive() || server.answers(), Duration.ofMinutes(10));
        if (!up || !server.process.isAlive()) {
            server.close();
            throw new IllegalStateException("Keycloak did not start (" + (up ? "it exited" : "10 minutes") + "); see "
                    + logFile);
        }
        return server;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234}; one host name throughout (issuers differ by host). */
    public String url() {
        return url;
    }

    /** A realm's issuer identifier. */
    public String issuer(String realm) {
        return url + "/realms/" + realm;
    }

    public long pid() {
        return process.pid();
    }

    /** An access token of the bootstrap admin (master realm, admin-cli), valid for a minute. */
    public String adminToken() {
        return form("/realms/master/protocol/openid-connect/token", null, "grant_type=password&client_id=admin-cli"
                + "&username=" + encode(ADMIN) + "&password=" + encode(adminPassword)).path("access_token").asText();
    }

    /** An admin REST call ({@code /admin/realms/...}) that must answer one of the expected statuses. */
    public HttpResponse<String> admin(String method, String path, String adminToken, Object body, int... expected) {
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
            HttpResponse<String> response = call(HttpRequest.newBuilder(URI.create(url + path))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + adminToken)
                    .header("Content-Type", "application/json").method(method, publisher).build());
            for (int status : expected) {
                if (response.statusCode() == status) {
                    return response;
                }
            }
            throw new IllegalStateException("Keycloak " + method + " " + path + " → " + response.statusCode() + " "
                    + response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A form POST (token endpoints) answering 200 with JSON. */
    public JsonNode form(String path, String authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = call(request.build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak POST " + path + " → " + response.statusCode() + " "
                    + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + response.body(), e);
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean answers() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url + "/realms/master")).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private HttpResponse<String> call(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
