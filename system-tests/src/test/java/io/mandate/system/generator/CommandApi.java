package io.mandate.system.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The command-service's admin API, as an administrator and a responder use it: clients, grants and the four
 * revocation grains go through the real aggregates, their checks and the registry (docs/api.md).
 */
final class CommandApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String admin;
    private final String responder;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    CommandApi(String baseUrl, String adminPassword, String responderPassword) {
        this.baseUrl = baseUrl;
        this.admin = basic("admin", adminPassword);
        this.responder = basic("responder", responderPassword);
    }

    void registerClient(String clientId, String kind, List<String> scopes, List<String> resourceUris) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientId", clientId);
        body.put("kind", kind);
        body.put("name", clientId);
        body.put("owner", "generator");
        body.put("allowedScopes", scopes);
        body.put("resourceUris", resourceUris);
        send("/api/clients", body, admin);
    }

    /** The new grant's id. The idempotency key makes a retried call create nothing twice. */
    String createGrant(String userId, String agentId, String audience, List<String> scopes, List<String> nextKinds,
                       int maxDepth) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", userId);
        body.put("agentId", agentId);
        body.put("audience", audience);
        body.put("scopes", scopes);
        body.put("policy", Map.of("allowedNextKinds", nextKinds, "maxDepth", maxDepth));
        return send("/api/grants", body, admin).path("grantId").asText();
    }

    void revokeGrant(String grantId, String reason) {
        send("/api/grants/" + encode(grantId) + "/revoke", Map.of("reason", reason), responder);
    }

    void revokeClient(String clientId, String reason) {
        send("/api/revocations/clients/" + encode(clientId), Map.of("reason", reason), responder);
    }

    void revokeUser(String userId, String reason) {
        send("/api/revocations/users/" + encode(userId), Map.of("reason", reason), responder);
    }

    void revokeToken(String jti, String reason) {
        send("/api/revocations/tokens/" + encode(jti), Map.of("reason", reason), responder);
    }

    private JsonNode send(String path, Map<String, Object> body, String authorization) {
        // One key per call, the same for its retries: a retry writes nothing twice, and two equal requests (a user
        // consenting again with the scopes of a grant since revoked) are two commands, not one remembered answer.
        String idempotencyKey = UUID.randomUUID().toString();
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                        .header("Authorization", authorization)
                        .header("Idempotency-Key", idempotencyKey)
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 || response.statusCode() == 201) {
                    return JSON.readTree(response.body());
                }
                throw new IllegalStateException("POST " + path + " → " + response.statusCode() + " " + response.body());
            } catch (IOException e) {
                // A loaded machine times out now and then; the idempotency key makes the retry safe.
                if (attempt == 3) {
                    throw new IllegalStateException("POST " + path, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
