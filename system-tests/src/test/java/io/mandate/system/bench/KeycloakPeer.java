package io.mandate.system.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.mandate.system.keycloak.KeycloakServer;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Keycloak 26.4.7 ({@link KeycloakServer}: the Maven Central distribution in dev mode on loopback),
 * configured through its admin REST API for the closest equivalent of
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
    private static final String USER_PASSWORD = "Bench-password-1";

    final String url;
    private final KeycloakServer server;
    private final List<String> agentSecrets = new ArrayList<>();
    private final List<String> agentIds = new ArrayList<>();

    private KeycloakPeer(KeycloakServer server) {
        this.server = server;
        this.url = server.url();
    }

    /** Starts the unpacked distribution under {@code system-tests/target/keycloak} and waits until it answers. */
    static KeycloakPeer start(Path projectDir, Path logFile) throws Exception {
        return new KeycloakPeer(KeycloakServer.start(projectDir, logFile));
    }

    /** The realm, resource, agents (each with its secret), user-facing client and users. */
    void configure(int agents, int users) {
        String admin = server.adminToken();
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
        return server.pid();
    }

    @Override
    public void close() {
        server.close();
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
        return server.form(path, authorization, body);
    }

    private void send(String method, String path, String adminToken, Object body, int... expected) {
        server.admin(method, path, adminToken, body, expected);
    }

    private static String enc(String value) {
        return KeycloakServer.encode(value);
    }
}
