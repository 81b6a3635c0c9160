package io.mandate.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mandate.infra.launcher.StackSettings;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The administrator and the responder at the command API (clients, grants, revocations), and the
 * wait until the token-issuer's projection has caught up with what they did.
 */
final class MandateAdmin {

    static final Duration PROJECTION_TIMEOUT = Duration.ofSeconds(30);

    private final RunningMandate mandate;
    private final OAuthClient oauth;
    private final Http http = new Http();

    MandateAdmin(RunningMandate mandate, OAuthClient oauth) {
        this.mandate = mandate;
        this.oauth = oauth;
    }

    /** Registers a client with {@code client_secret_basic}; the secret comes back once, in the 201. */
    ClientCredential.SecretBasic registerWithSecret(String clientId, String kind, List<String> scopes,
                                                    List<String> resourceUris) {
        JsonNode created = registerClient(description(clientId, kind, scopes, resourceUris));
        String secret = created.path("clientSecret").asText(null);
        assertThat(secret).as("the client secret of %s", clientId).isNotBlank();
        return new ClientCredential.SecretBasic(clientId, secret);
    }

    /** Registers an agent with {@code client_secret_basic} and the redirect URIs of the authorization code flow. */
    ClientCredential.SecretBasic registerAgentWithRedirect(String clientId, List<String> scopes, List<String> redirectUris) {
        Map<String, Object> body = description(clientId, "AGENT", scopes, List.of());
        body.put("redirectUris", redirectUris);
        JsonNode created = registerClient(body);
        return new ClientCredential.SecretBasic(clientId, created.path("clientSecret").asText());
    }

    /** Registers a client with {@code private_key_jwt} and a fresh EC key; Mandate gets the public key only. */
    ClientCredential.PrivateKeyJwt registerWithKey(String clientId, String kind, List<String> scopes,
                                                   List<String> resourceUris) {
        ClientCredential.PrivateKeyJwt credential = ClientCredential.PrivateKeyJwt.generate(clientId);
        Map<String, Object> body = description(clientId, kind, scopes, resourceUris);
        body.put("tokenEndpointAuthMethod", "private_key_jwt");
        body.put("jwks", credential.publicJwks());
        JsonNode created = registerClient(body);
        assertThat(created.has("clientSecret")).as("no secret for private_key_jwt").isFalse();
        return credential;
    }

    /**
     * Creates a grant from the user to the agent.
     *
     * @param policy the delegation policy, e.g. {@code {"allowedNextKinds":["MCP_SERVER"],"maxDepth":2}}
     */
    String createGrant(String userId, String agentId, String audience, List<String> scopes, Map<String, Object> policy) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", userId);
        body.put("agentId", agentId);
        body.put("audience", audience);
        body.put("scopes", scopes);
        body.put("policy", policy);
        return post("/api/grants", "admin", body, 201).path("grantId").asText();
    }

    JsonNode revokeGrant(String grantId) {
        return post("/api/grants/" + grantId + "/revoke", "responder", Map.of("reason", "system test"), 201);
    }

    JsonNode revokeUser(String userId) {
        return post("/api/revocations/users/" + userId, "responder", Map.of("reason", "system test"), 201);
    }

    JsonNode revokeClient(String clientId) {
        return post("/api/revocations/clients/" + clientId, "responder", Map.of("reason", "system test"), 201);
    }

    /**
     * Waits until the token-issuer holds each grant and authenticates each client: an introspection
     * of a junk token answers 200 ({@code active:false}) only once the client's credentials arrived.
     */
    void awaitIssuerHas(List<String> grantIds, List<? extends ClientCredential> clients) {
        for (String grantId : grantIds) {
            await().atMost(PROJECTION_TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> http.get(
                    mandate.issuerUrl() + "/internal/projection/grants/" + grantId, "admin", "mandate-admin")
                    .statusCode() == 200);
        }
        for (ClientCredential client : clients) {
            await().atMost(PROJECTION_TIMEOUT).pollInterval(Duration.ofMillis(20))
                    .until(() -> oauth.introspect(client, "not-a-token").ok());
        }
    }

    private JsonNode registerClient(Map<String, Object> body) {
        return post("/api/clients", "admin", body, 201);
    }

    private static Map<String, Object> description(String clientId, String kind, List<String> scopes,
                                                   List<String> resourceUris) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientId", clientId);
        body.put("kind", kind);
        body.put("name", clientId);
        body.put("owner", "system-tests");
        body.put("allowedScopes", scopes);
        body.put("resourceUris", resourceUris);
        return body;
    }

    private JsonNode post(String path, String user, Map<String, Object> body, int expectedStatus) {
        HttpResponse<String> response = http.postJson(mandate.url(StackSettings.COMMAND_SERVICE) + path, user,
                "mandate-" + user, json(body), Map.of());
        assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isEqualTo(expectedStatus);
        return Http.json(response);
    }

    private static String json(Object body) {
        try {
            return Http.JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
