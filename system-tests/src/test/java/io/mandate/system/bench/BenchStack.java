package io.mandate.system.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.mandate.infra.launcher.Component;
import io.mandate.infra.launcher.Distributions;
import io.mandate.infra.launcher.LocalStack;
import io.mandate.infra.launcher.Processes;
import io.mandate.infra.launcher.ServiceComponent;
import io.mandate.infra.launcher.StackComponents;
import io.mandate.infra.launcher.StackSettings;
import io.mandate.infra.testkit.TestStack;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * The four services started from their executable jars against {@link TestStack} (as the system
 * tests' {@code RunningMandate} does), a benchmark identity provider the token-issuer trusts, and the
 * administrator calls the benchmark needs (register clients, create grants, read the issuer's
 * projection and meters).
 */
final class BenchStack {

    static final String IDP_ISSUER = "https://idp.bench.mandate";
    static final ObjectMapper JSON = new ObjectMapper();

    final TestStack stack;
    final String issuerUrl;
    final String commandUrl;
    private final ECKey idpKey;
    private final ECDSASigner idpSigner;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Component> services;

    private BenchStack(TestStack stack, String issuerUrl, String commandUrl, ECKey idpKey, Map<String, Component> services)
            throws JOSEException {
        this.stack = stack;
        this.services = services;
        this.issuerUrl = issuerUrl;
        this.commandUrl = commandUrl;
        this.idpKey = idpKey;
        this.idpSigner = new ECDSASigner(idpKey);
    }

    static BenchStack start() throws Exception {
        TestStack stack = TestStack.get();
        Distributions distributions = Distributions.locate(Path.of(System.getProperty("user.dir")));
        Path home = Files.createDirectories(distributions.root().resolve("target/benchmark-" + ProcessHandle.current().pid()));
        ECKey idpKey = new ECKeyGenerator(Curve.P_256).keyID("bench-idp-" + UUID.randomUUID()).generate();
        Path jwks = home.resolve("bench-idp-jwks.json");
        Files.writeString(jwks, new JWKSet(idpKey.toPublicJWK()).toString());

        Map<String, Integer> ports = new LinkedHashMap<>();
        StackComponents.SERVICES.forEach(module -> ports.put(module, Processes.freePort()));
        Map<String, String> environment = new HashMap<>(stack.serviceEnvironment());
        environment.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        environment.put("MANDATE_QUERY_SERVICE_URL", "http://127.0.0.1:" + ports.get(StackSettings.QUERY_SERVICE));
        environment.put("MANDATE_ISSUER_URL", "http://127.0.0.1:" + ports.get(StackSettings.TOKEN_ISSUER));
        environment.put("MANDATE_COMMAND_SERVICE_URL", "http://127.0.0.1:" + ports.get(StackSettings.COMMAND_SERVICE));
        environment.put("MANDATE_ISSUER_TRUSTEDISSUERS_0_ISSUER", IDP_ISSUER);
        environment.put("MANDATE_ISSUER_TRUSTEDISSUERS_0_JWKSFILE", jwks.toAbsolutePath().toString());
        environment.put("MANDATE_ISSUER_TRUSTEDISSUERS_0_AUDIENCES_0", "mandate");
        StackSettings defaults = StackSettings.fromEnvironment(home, Map.of());
        ports.forEach((module, port) -> environment.put(defaults.port(module).variable(), Integer.toString(port)));
        Map<String, Component> services = new LinkedHashMap<>();
        ports.forEach((module, port) -> services.put(module, new ServiceComponent(module, () -> distributions.serviceJar(module),
                new StackSettings.Port(port, defaults.port(module).variable()), environment, home)));
        LocalStack processes = new LocalStack(List.of(new ArrayList<>(services.values())), System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(processes::stop, "bench-services-stop"));
        processes.start();
        return new BenchStack(stack, "http://127.0.0.1:" + ports.get(StackSettings.TOKEN_ISSUER),
                "http://127.0.0.1:" + ports.get(StackSettings.COMMAND_SERVICE), idpKey, services);
    }

    /**
     * The durable core only: stops every service but the token-issuer, so what keeps running is the
     * issuer and PostgreSQL (fsync on), which is all an exchange needs to be answered and durably
     * recorded. The command-service's publisher (store → Kafka) and the query-service (Kafka →
     * Elasticsearch) are asynchronous consumers of the store; stopped, they would catch up from
     * the store at their next start. Kafka and Elasticsearch stay up, idle. Answers what was stopped.
     */
    List<String> stopEventPipeline() {
        List<String> stopped = new ArrayList<>();
        services.forEach((module, service) -> {
            if (!module.equals(StackSettings.TOKEN_ISSUER)) {
                service.stop();
                stopped.add(module);
            }
        });
        return stopped;
    }

    /** A user's token from the trusted identity provider (ES256, typ JWT), valid ten minutes. */
    String userToken(String userId) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(IDP_ISSUER).subject(userId).audience("mandate")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .jwtID(UUID.randomUUID().toString()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                .keyID(idpKey.getKeyID()).build(), claims);
        try {
            jwt.sign(idpSigner);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** Registers a {@code client_secret_basic} client; returns its secret. */
    String registerClient(String clientId, String kind, List<String> scopes, List<String> resourceUris) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientId", clientId);
        body.put("kind", kind);
        body.put("name", clientId);
        body.put("owner", "benchmark");
        body.put("allowedScopes", scopes);
        body.put("resourceUris", resourceUris);
        return post("/api/clients", body).path("clientSecret").asText();
    }

    String createGrant(String userId, String agentId, String audience, List<String> scopes, Map<String, Object> policy) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", userId);
        body.put("agentId", agentId);
        body.put("audience", audience);
        body.put("scopes", scopes);
        body.put("policy", policy);
        return post("/api/grants", body).path("grantId").asText();
    }

    /** Waits until the issuer's projection holds the grant. */
    void awaitGrant(String grantId) {
        await("grant " + grantId, () -> get(issuerUrl + "/internal/projection/grants/" + grantId).statusCode() == 200);
    }

    /** Waits until the issuer authenticates the client: introspecting junk answers 200 only then. */
    void awaitClient(String clientId, String secret) {
        await("client " + clientId, () -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(issuerUrl + "/oauth2/introspect"))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", clientBasic(clientId, secret))
                        .POST(HttpRequest.BodyPublishers.ofString("token=not-a-token")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    /** An issuer meter ({@code /actuator/metrics/NAME}) as statistic → value; empty when absent. */
    Map<String, Double> meter(String name) {
        Map<String, Double> values = new HashMap<>();
        HttpResponse<String> response = get(issuerUrl + "/actuator/metrics/" + name);
        if (response.statusCode() == 200) {
            read(response.body()).path("measurements").forEach(m ->
                    values.put(m.path("statistic").asText(), m.path("value").asDouble()));
        }
        return values;
    }

    /**
     * Up to {@code bench.awaitSeconds} (600): after a durable-core run on the same stack, the
     * command-service's publisher first publishes that run's tokens (tens of thousands of rows the
     * stopped publisher left) before it reaches this run's clients and grants.
     */
    private static void await(String what, BooleanSupplier condition) {
        Duration limit = Duration.ofSeconds(Integer.getInteger("bench.awaitSeconds", 600));
        if (!Processes.waitUntil(condition, limit)) {
            throw new IllegalStateException("the issuer's projection did not receive " + what + " within "
                    + limit.toSeconds() + " s");
        }
    }

    private JsonNode post(String path, Map<String, Object> body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(commandUrl + path))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header("Authorization", basic("admin", "mandate-admin"))
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("POST " + path + " → " + response.statusCode() + " " + response.body());
            }
            return read(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("POST " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", basic("admin", "mandate-admin")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    /** RFC 6749 §2.3.1: both parts form-urlencoded, then Base64. */
    static String clientBasic(String clientId, String secret) {
        return basic(URLEncoder.encode(clientId, StandardCharsets.UTF_8), URLEncoder.encode(secret, StandardCharsets.UTF_8));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
