package io.mandate.system.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Keycloak side of the comparison: the same workers and driver as {@link ExchangeLoad}, each
 * iteration one standard token exchange by a random agent of a random user's access token, for the
 * resource ({@code audience=bench-api}) with the narrower scope {@code bench.read} — Mandate's
 * {@link ExchangeLoad.Mix#DIRECT}. Users' tokens are reused and renewed like Mandate's.
 */
final class KeycloakLoad {

    private final KeycloakPeer keycloak;
    private final List<String> users;
    private final int workers;
    private final URI tokenEndpoint;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> userTokens = new ConcurrentHashMap<>();
    private final Map<String, long[]> tokenBorn = new ConcurrentHashMap<>();

    KeycloakLoad(KeycloakPeer keycloak, List<String> users, int workers) {
        this.keycloak = keycloak;
        this.users = List.copyOf(users);
        this.workers = workers;
        this.tokenEndpoint = keycloak.tokenEndpoint();
    }

    LoadDriver.Result run(Duration duration, double rate) throws InterruptedException {
        return LoadDriver.run(workers, duration, rate, () -> this::iteration);
    }

    private void iteration(LoadDriver.Recorder recorder) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int agent = random.nextInt(keycloak.agentIds().size());
        String subject = userToken(users.get(random.nextInt(users.size())));
        recorder.firstHop();
        String body = "grant_type=" + enc(ExchangeLoad.TOKEN_EXCHANGE) + "&subject_token=" + enc(subject)
                + "&subject_token_type=" + enc(ExchangeLoad.ACCESS_TOKEN) + "&audience=bench-api&scope=bench.read";
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", keycloak.agentAuthorization(agent))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long started = recorder.requestStart();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            recorder.unexpected("keycloak: " + e);
            return;
        }
        recorder.latency(started);
        try {
            JsonNode json = BenchStack.JSON.readTree(response.body());
            if (response.statusCode() == 200 && json.hasNonNull("access_token")) {
                recorder.ok();
                return;
            }
        } catch (Exception e) {
            // not JSON: unexpected
        }
        recorder.unexpected("keycloak: " + response.statusCode() + " " + response.body());
    }

    private String userToken(String user) {
        long now = System.nanoTime();
        long[] born = tokenBorn.computeIfAbsent(user, u -> new long[] {Long.MIN_VALUE});
        synchronized (born) {
            if (born[0] == Long.MIN_VALUE || now - born[0] > Duration.ofMinutes(4).toNanos()) {
                userTokens.put(user, keycloak.userToken(user));
                born[0] = now;
            }
        }
        return userTokens.get(user);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
