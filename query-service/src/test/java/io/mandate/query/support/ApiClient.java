package io.mandate.query.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** Calls the running service over real HTTP, as a given bootstrap user or anonymously. */
public final class ApiClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public ApiClient(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    public Reply get(String path, String username, String password) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), username, password);
    }

    public Reply postJson(String path, String body, String username, String password) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), username, password);
    }

    private Reply send(HttpRequest.Builder request, String username, String password) {
        request.timeout(Duration.ofSeconds(10));
        if (username != null) {
            String credentials = username + ":" + password;
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("WWW-Authenticate").orElse(null), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Reply asInvestigator(String path) {
        return get(path, "investigator", "mandate-investigator");
    }

    public Reply asAdmin(String path) {
        return get(path, "admin", "mandate-admin");
    }

    public Reply asResponder(String path) {
        return get(path, "responder", "mandate-responder");
    }

    public Reply anonymously(String path) {
        return get(path, null, null);
    }

    /**
     * Polls {@code path} as the investigator until it answers 200 with JSON meeting
     * {@code condition}: the read side catches up with Kafka asynchronously.
     */
    public JsonNode awaitReadable(String path, Predicate<JsonNode> condition) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> asInvestigator(path), reply -> reply.status() == 200 && condition.test(reply.json()))
                .json();
    }

    /** Polls a list endpoint as the investigator until it counts at least {@code total} matches. */
    public JsonNode awaitTotal(String path, long total) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> asInvestigator(path).json(), json -> json.path("total").asLong() >= total);
    }

    /** An HTTP answer; {@link #json()} parses the body. */
    public record Reply(int status, String contentType, String wwwAuthenticate, String body) {

        public JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }
}
