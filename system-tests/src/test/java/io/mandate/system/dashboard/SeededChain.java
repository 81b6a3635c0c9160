package io.mandate.system.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mandate.infra.launcher.StackSettings;
import io.mandate.system.SharedMandate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One delegation chain made the way the other system tests make theirs: clients and a grant through
 * the admin API, then two real token exchanges (user → agent → MCP server → calendar API), with
 * unique ids so it shares the stack with every other test.
 *
 * <p>The grant allows {@code cal.read cal.write}; the agent asks only {@code cal.read} for the MCP
 * server, so the first hop shows {@code cal.write} narrowed away; the MCP server passes {@code cal.read} on.
 */
final class SeededChain {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String user = "alice-" + run;
    final String agent = "trip-agent-" + run;
    final String mcp = "cal-mcp-" + run;
    final String api = "cal-api-" + run;
    final String apiUri = "https://cal-" + run + ".example/api";
    final String mcpUri = "https://mcp-" + run + ".example";
    final String agentSecret;
    final String mcpSecret;
    final String grantId;
    final String toMcpJti;
    final String toApiJti;

    SeededChain() {
        post(command("/api/clients"), "admin", Map.of("clientId", api, "kind", "RESOURCE_SERVER", "name", "Calendar API "
                + run, "owner", "system-tests", "allowedScopes", java.util.List.of("cal.read", "cal.write"),
                "resourceUris", java.util.List.of(apiUri)), 201);
        mcpSecret = post(command("/api/clients"), "admin", Map.of("clientId", mcp, "kind", "MCP_SERVER", "name",
                "Calendar MCP " + run, "owner", "system-tests", "allowedScopes", java.util.List.of("cal.read", "cal.write"),
                "resourceUris", java.util.List.of(mcpUri)), 201).path("clientSecret").asText();
        agentSecret = post(command("/api/clients"), "admin", Map.of("clientId", agent, "kind", "AGENT", "name",
                "Trip planner " + run, "owner", "system-tests", "allowedScopes", java.util.List.of("cal.read", "cal.write")),
                201).path("clientSecret").asText();
        grantId = post(command("/api/grants"), "admin", Map.of("userId", user, "agentId", agent, "audience", apiUri,
                "scopes", java.util.List.of("cal.read", "cal.write"),
                "policy", Map.of("allowedNextKinds", java.util.List.of("MCP_SERVER"), "maxDepth", 2)), 201)
                .path("grantId").asText();
        awaitIssuerKnows();
        JsonNode toMcp = exchange(agent, agentSecret, SharedMandate.userToken(user),
                "urn:ietf:params:oauth:token-type:jwt", Map.of("audience", mcp, "scope", "cal.read"));
        assertThat(toMcp.path("access_token").asText()).as("%s", toMcp).isNotBlank();
        JsonNode toApi = exchange(mcp, mcpSecret, toMcp.path("access_token").asText(),
                "urn:ietf:params:oauth:token-type:access_token", Map.of("resource", apiUri, "scope", "cal.read"));
        assertThat(toApi.path("access_token").asText()).as("%s", toApi).isNotBlank();
        toMcpJti = jti(toMcp.path("access_token").asText());
        toApiJti = jti(toApi.path("access_token").asText());
    }

    /** The agent's next exchange for the user, as the token-issuer answers it (status and body). */
    HttpResponse<String> agentExchangesAgain() {
        return exchangeResponse(agent, agentSecret, SharedMandate.userToken(user), "urn:ietf:params:oauth:token-type:jwt",
                Map.of("audience", mcp, "scope", "cal.read"));
    }

    private void awaitIssuerKnows() {
        String issuer = SharedMandate.url(StackSettings.TOKEN_ISSUER);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                get(issuer + "/internal/projection/grants/" + grantId, "admin").statusCode() == 200);
        for (String[] client : new String[][]{{agent, agentSecret}, {mcp, mcpSecret}}) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                    send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/introspect"))
                            .header("Authorization", basic(client[0], client[1]))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("token=not-a-token"))).statusCode() == 200);
        }
    }

    private static JsonNode exchange(String client, String secret, String subjectToken, String subjectType,
                                     Map<String, String> target) {
        HttpResponse<String> response = exchangeResponse(client, secret, subjectToken, subjectType, target);
        assertThat(response.statusCode()).as("exchange by %s: %s", client, response.body()).isEqualTo(200);
        return json(response.body());
    }

    private static HttpResponse<String> exchangeResponse(String client, String secret, String subjectToken,
                                                         String subjectType, Map<String, String> target) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", TOKEN_EXCHANGE);
        form.put("subject_token", subjectToken);
        form.put("subject_token_type", subjectType);
        form.putAll(target);
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(SharedMandate.url(StackSettings.TOKEN_ISSUER) + "/oauth2/token"))
                .header("Authorization", basic(client, secret))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static String command(String path) {
        return SharedMandate.url(StackSettings.COMMAND_SERVICE) + path;
    }

    static String query(String path) {
        return SharedMandate.url(StackSettings.QUERY_SERVICE) + path;
    }

    static JsonNode post(String url, String user, Object body, int expected) {
        HttpResponse<String> response = postJson(url, user, body);
        assertThat(response.statusCode()).as("POST %s: %s", url, response.body()).isEqualTo(expected);
        return json(response.body());
    }

    static HttpResponse<String> postJson(String url, String user, Object body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", basic(user, "mandate-" + user))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HttpResponse<String> get(String url, String user) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", basic(user, "mandate-" + user)).GET());
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    private static String jti(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return json(payload).path("jti").asText();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
