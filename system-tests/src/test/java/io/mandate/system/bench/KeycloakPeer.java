package io.mandate.system.bench;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Keycloak 26.4.7 (the Maven Central distribution, unpacked by the {@code benchmark} profile) in
 * dev mode on loopback, configured through its admin REST API for the closest equivalent of
 * Mandate's first exchange with its <em>standard token exchange</em> (RFC 8693, v2): a confidential
 * agent exchanges a user's access token for one with another audience and a narrower scope.
 *
 * <p>What Keycloak needs for that (found by running it, see STACK.md): the user's token must name
 * the agent in {@code aud} (a client scope with one audience mapper per agent, a default scope of the
 * user-facing client); the target audience comes from an optional client scope of the agent whose
 * audience mapper adds the resource ({@code bench.read} → {@code bench-api}); each agent has the
 * attribute {@code standard.token.exchange.enabled}; long token and session lifetimes so the users'
 * tokens stay valid for the run. Keycloak signs with RS256 (its default), Mandate with ES256.
 */
final class KeycloakPeer implements AutoCloseable {

    static final String REALM = "bench";
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "bench-" + UUID.randomUUID();
    private static final String USER_PASSWORD = "Bench-password-1";

    final String url;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> agentSecrets = new ArrayList<>();
    private final List<String> agentIds = new ArrayList<>();

    private KeycloakPeer(String url, Process process) {
        this.url = url;
        this.process = process;
    }

    /** Starts the unpacked distribution under {@code target/keycloak} and waits until it answers. */
    static KeycloakPeer start(Path projectDir, Path logFile) throws Exception {
        Path home;
        try (Stream<Path> dirs = Files.list(projectDir.resolve("system-tests/target/keycloak"))) {
            home = dirs.filter(d -> d.getFileName().toString().startsWith("keycloak-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("Keycloak is not unpacked: run with -Pbenchmark"));
        }
        // Dev mode's H2 database: the bootstrap admin (a fresh password per run) is created only in an
        // empty one, so a database left by an earlier run would refuse this run's admin.
        deleteRecursively(home.resolve("data"));
        int port = Processes.freePort();
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + port, "--http-host=127.0.0.1", "--hostname-strict=false", "--log-level=warn")
                .redirectErrorStream(true).redirectOutput(logFile.toFile());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        Process process = builder.start();
        KeycloakPeer peer = new KeycloakPeer("http://127.0.0.1:" + port, process);
        Runtime.getRuntime().addShutdownHook(new Thread(peer::close, "keycloak-stop"));
        // ~25 s on an idle machine (the first dev-mode start builds), much longer on a busy one.
        if (!Processes.waitUntil(peer::answers, Duration.ofMinutes(10))) {
            peer.close();
            throw new IllegalStateException("Keycloak did not start within 10 minutes; see " + logFile);
        }
        return peer;
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The realm, resource, agents (each with its secret), user-facing client and users. */
    void configure(int agents, int users) {
        String admin = adminToken();
        send("DELETE", "/admin/realms/" + REALM, admin, null, 204, 404);
        send("POST", "/admin/realms", admin, Map.of("realm", REALM, "enabled", true,
                "accessTokenLifespan", 3600, "ssoSessionIdleTimeout", 36000, "ssoSessionMaxLifespan", 36000), 201);
        String realm = "/admin/realms/" + REALM;
        send("POST", realm + "/clients", admin, Map.of("clientId", "bench-api", "publicClient", false,
                "standardFlowEnabled", false, "directAccessGrantsEnabled", false, "secret", UUID.randomUUID().toString()), 201);
        for (String scope : List.of("bench.read", "bench.write")) {
            send("POST", realm + "/client-scopes", admin, Map.of("name", scope, "protocol", "openid-connect",
                    "attributes", Map.of("include.in.token.scope", "true"),
                    "protocolMappers", List.of(audienceMapper("bench-api"))), 201);
        }
        List<Map<String, Object>> agentAudiences = new ArrayList<>();
        for (int a = 0; a < agents; a++) {
            String agentId = String.format(Locale.ROOT, "bench-agent-%02d", a);
            String secret = UUID.randomUUID().toString();
            send("POST", realm + "/clients", admin, Map.of("clientId", agentId, "publicClient", false,
                    "standardFlowEnabled", false, "directAccessGrantsEnabled", false, "secret", secret,
                    "attributes", Map.of("standard.token.exchange.enabled", "true"),
                    "optionalClientScopes", List.of("bench.read", "bench.write")), 201);
            agentIds.add(agentId);
            agentSecrets.add(secret);
            agentAudiences.add(audienceMapper(agentId));
        }
        send("POST", realm + "/client-scopes", admin, Map.of("name", "agents-audience", "protocol", "openid-connect",
                "attributes", Map.of("include.in.token.scope", "false"), "protocolMappers", agentAudiences), 201);
        send("POST", realm + "/clients", admin, Map.of("clientId", "user-app", "publicClient", true,
                "standardFlowEnabled", false, "directAccessGrantsEnabled", true,
                "defaultClientScopes", List.of("agents-audience", "bench.read", "bench.write", "basic", "profile")), 201);
        for (int u = 0; u < users; u++) {
            String user = String.format(Locale.ROOT, "bench-user-%02d", u);
            send("POST", realm + "/users", admin, Map.of("username", user, "enabled", true, "emailVerified", true,
                    "email", user + "@bench.example", "firstName", "Bench", "lastName", "User " + u,
                    "credentials", List.of(Map.of("type", "password", "value", USER_PASSWORD, "temporary", false))), 201);
        }
    }

    List<String> agentIds() {
        return agentIds;
    }

    String agentAuthorization(int agent) {
        return BenchStack.clientBasic(agentIds.get(agent), agentSecrets.get(agent));
    }

    /** A user's access token (resource-owner password grant at the user-facing client; valid one hour). */
    String userToken(String user) {
        JsonNode token = form("/realms/" + REALM + "/protocol/openid-connect/token", null,
                "grant_type=password&client_id=user-app&username=" + enc(user) + "&password=" + enc(USER_PASSWORD));
        return token.path("access_token").asText();
    }

    URI tokenEndpoint() {
        return URI.create(url + "/realms/" + REALM + "/protocol/openid-connect/token");
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
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

    private String adminToken() {
        return form("/realms/master/protocol/openid-connect/token", null, "grant_type=password&client_id=admin-cli&username="
                + enc(ADMIN) + "&password=" + enc(ADMIN_PASSWORD)).path("access_token").asText();
    }

    private static Map<String, Object> audienceMapper(String audience) {
        Map<String, Object> mapper = new LinkedHashMap<>();
        mapper.put("name", "audience-" + audience);
        mapper.put("protocol", "openid-connect");
        mapper.put("protocolMapper", "oidc-audience-mapper");
        mapper.put("config", Map.of("included.client.audience", audience, "access.token.claim", "true",
                "id.token.claim", "false", "introspection.token.claim", "true"));
        return mapper;
    }

    private JsonNode form(String path, String authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = call(request.build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak POST " + path + " → " + response.statusCode() + " " + response.body());
        }
        try {
            return BenchStack.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + response.body(), e);
        }
    }

    private void send(String method, String path, String adminToken, Object body, int... expected) {
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(BenchStack.JSON.writeValueAsString(body));
            HttpResponse<String> response = call(HttpRequest.newBuilder(URI.create(url + path))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + adminToken)
                    .header("Content-Type", "application/json").method(method, publisher).build());
            for (int status : expected) {
                if (response.statusCode() == status) {
                    return;
                }
            }
            throw new IllegalStateException("Keycloak " + method + " " + path + " → " + response.statusCode() + " "
                    + response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
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

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
