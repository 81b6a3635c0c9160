package io.mandate.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A client of the token-issuer's OAuth endpoints, as an agent, MCP server or resource server uses
 * them: form POSTs (RFC 6749 §3.2) authenticated by a {@link ClientCredential}. Thread-safe; one
 * HTTP/1.1 connection pool per instance.
 */
final class OAuthClient {

    static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    /** RFC 8693 §3: what a user's token from the company identity provider is presented as. */
    static final String JWT_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:jwt";

    /** An endpoint's answer: the status and the JSON body (missing when the body is empty). */
    record Response(int status, JsonNode body) {

        boolean ok() {
            return status == 200;
        }

        String accessToken() {
            return body.path("access_token").asText(null);
        }

        String error() {
            return body.path("error").asText(null);
        }

        @Override
        public String toString() {
            return status + " " + (body.has("access_token") ? "<token>" : body);
        }
    }

    private final String issuerUrl;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    OAuthClient(String issuerUrl) {
        this.issuerUrl = issuerUrl;
    }

    /**
     * RFC 8693 §2.1. {@code target} is sent as {@code resource} when it is an absolute URI, else as
     * {@code audience}; null parameters are left out.
     */
    Response exchange(ClientCredential as, String subjectToken, String subjectTokenType, String target, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", TOKEN_EXCHANGE);
        form.put("subject_token", subjectToken);
        form.put("subject_token_type", subjectTokenType);
        putTarget(form, target);
        putIfPresent(form, "scope", scope);
        return post("/oauth2/token", as, form);
    }

    /** RFC 6749 §4.4: a token for the client itself. */
    Response clientCredentials(ClientCredential as, String scope, String target) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        putIfPresent(form, "scope", scope);
        putTarget(form, target);
        return post("/oauth2/token", as, form);
    }

    /** RFC 7662 §2.1. */
    Response introspect(ClientCredential as, String token) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", token);
        return post("/oauth2/introspect", as, form);
    }

    /** RFC 7009 §2.1. */
    Response revoke(ClientCredential as, String token) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", token);
        return post("/oauth2/revoke", as, form);
    }

    Response post(String path, ClientCredential as, Map<String, String> form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(issuerUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded");
        Map<String, String> body = new LinkedHashMap<>(form);
        as.apply(request, body, issuerUrl);
        request.POST(HttpRequest.BodyPublishers.ofString(encode(body)));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? MissingNode.getInstance() : Http.JSON.readTree(response.body());
            return new Response(response.statusCode(), json);
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void putTarget(Map<String, String> form, String target) {
        if (target != null) {
            form.put(URI.create(target).isAbsolute() ? "resource" : "audience", target);
        }
    }

    private static void putIfPresent(Map<String, String> form, String name, String value) {
        if (value != null) {
            form.put(name, value);
        }
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
