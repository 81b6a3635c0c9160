package io.mandate.system.bench;

import java.net.URI;
import java.net.URLEncoder;
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
    /** Per agent, the request prebuilt (the same client as Mandate's side, so both pay the same generator cost). */
    private final RawHttp.Template[] exchange;
    private final Map<String, String> userTokens = new ConcurrentHashMap<>();
    private final Map<String, long[]> tokenBorn = new ConcurrentHashMap<>();

    KeycloakLoad(KeycloakPeer keycloak, List<String> users, int workers) {
        this.keycloak = keycloak;
        this.users = List.copyOf(users);
        this.workers = workers;
        this.tokenEndpoint = keycloak.tokenEndpoint();
        exchange = new RawHttp.Template[keycloak.agentIds().size()];
        for (int a = 0; a < exchange.length; a++) {
            exchange[a] = RawHttp.Template.formPost(tokenEndpoint, keycloak.agentAuthorization(a),
                    "grant_type=" + enc(ExchangeLoad.TOKEN_EXCHANGE) + "&subject_token=",
                    "&subject_token_type=" + enc(ExchangeLoad.ACCESS_TOKEN) + "&audience=bench-api&scope=bench.read");
        }
    }

    LoadDriver.Result run(Duration duration, double rate) throws InterruptedException {
        return LoadDriver.run(workers, duration, rate, () -> {
            RawHttp http = new RawHttp(tokenEndpoint, 30_000);
            return LoadDriver.Iteration.closing(recorder -> iteration(http, recorder), http);
        });
    }

    private void iteration(RawHttp http, LoadDriver.Recorder recorder) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int agent = random.nextInt(exchange.length);
        String subject = userToken(users.get(random.nextInt(users.size())));
        recorder.firstHop();
        long started = recorder.requestStart();
        RawHttp.Response response;
        try {
            response = http.post(exchange[agent], subject);
        } catch (Exception e) {
            recorder.unexpected("keycloak: " + e);
            return;
        }
        recorder.latency(started);
        String token = response.status() == 200 ? RawHttp.jsonString(response.body(), "access_token") : null;
        if (token != null && !token.isEmpty()) {
            recorder.ok();
            return;
        }
        recorder.unexpected("keycloak: " + response.status() + " " + RawHttp.abbreviate(response.bodyText()));
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
