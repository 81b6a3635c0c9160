package io.mandate.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.mandate.infra.launcher.StackSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 5's one-click revocation on the running services: a real chain (user → agent → MCP server
 * → API) exchanged at the token-issuer is seen by the query-service; a responder revokes the agent
 * through the query-service, which forwards to the command-service and answers only once the
 * token-issuer holds the watermark; the agent's next exchange, and the MCP server's, are refused.
 */
class RevocationActionIT {

    private static final Duration HOP = Duration.ofSeconds(60);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String API = "https://notes-" + RUN + ".example/api";
    private static final String MCP_URI = "https://notes-mcp-" + RUN + ".example/mcp";
    private static final List<String> SCOPES = List.of("notes.read", "notes.write");

    private static RunningMandate mandate;
    private static OAuthClient oauth;
    private static MandateAdmin admin;
    private static final Http http = new Http();

    @BeforeAll
    static void start() {
        mandate = RunningMandate.get();
        oauth = new OAuthClient(mandate.issuerUrl());
        admin = new MandateAdmin(mandate, oauth);
    }

    @Test
    void agentWhenRevokedThroughTheQueryServiceThenEffectiveAtTheIssuerAndItsNextExchangeIsRefused() {
        String user = "dana-" + RUN;
        ClientCredential notesApi = admin.registerWithSecret("notes-api-" + RUN, "RESOURCE_SERVER", SCOPES, List.of(API));
        ClientCredential mcp = admin.registerWithSecret("notes-mcp-" + RUN, "MCP_SERVER", SCOPES, List.of(MCP_URI));
        ClientCredential agent = admin.registerWithSecret("notes-agent-" + RUN, "AGENT", SCOPES, List.of());
        String grant = admin.createGrant(user, agent.clientId(), API, SCOPES,
                Map.of("allowedNextKinds", List.of("MCP_SERVER"), "maxDepth", 2));
        admin.awaitIssuerHas(List.of(grant), List.of(agent, mcp, notesApi));

        OAuthClient.Response toMcp = oauth.exchange(agent, mandate.userToken(user), OAuthClient.JWT_TOKEN_TYPE,
                mcp.clientId(), "notes.read");
        assertThat(toMcp.status()).as("%s", toMcp).isEqualTo(200);
        String mcpToken = toMcp.body().path("access_token").asText();
        OAuthClient.Response toApi = oauth.exchange(mcp, mcpToken, OAuthClient.ACCESS_TOKEN_TYPE, API, "notes.read");
        assertThat(toApi.status()).as("%s", toApi).isEqualTo(200);
        String apiJti = IssuedToken.parse(toApi.body().path("access_token").asText()).jti();

        // The investigator's view of the chain the issuer recorded.
        JsonNode chain = awaitQuery("/api/tokens/" + apiJti + "/chain", json -> json.path("hops").size() == 2);
        assertThat(chain.at("/grant/grant/grantId").asText()).isEqualTo(grant);
        assertThat(chain.get("hops").findValuesAsText("holder")).containsExactly(agent.clientId(), mcp.clientId());
        assertThat(chain.get("hops").findValuesAsText("status")).containsOnly("ACTIVE");
        assertThat(chain.at("/hops/0/narrowedScopes").toString()).isEqualTo("[\"notes.write\"]");

        HttpResponse<String> forbidden = revoke(agent.clientId(), "investigator");
        assertThat(forbidden.statusCode()).isEqualTo(403);

        HttpResponse<String> revoked = revoke(agent.clientId(), "responder");
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        JsonNode result = Http.json(revoked);
        assertThat(result.get("effective").asBoolean()).isTrue();
        assertThat(result.at("/blastRadius/grants/count").asLong()).isEqualTo(1);
        assertThat(result.at("/blastRadius/liveTokens/count").asLong()).isEqualTo(2);
        assertThat(result.at("/blastRadius/downstreamClients/sample").toString()).isEqualTo("[\"" + mcp.clientId() + "\"]");
        assertThat(result.get("confirmations").findValuesAsText("where")).contains(mandate.issuerUrl(), "query-service");
        assertThat(result.at("/events/0/type").asText()).isEqualTo("ClientRevoked");
        assertThat(result.at("/events/0/reason").asText()).isEqualTo("[by responder via query-service] exfiltration");
        assertThat(result.at("/events/0/eventId").asText()).isNotBlank();

        // Effective means effective: no waiting here before the next exchanges are refused.
        OAuthClient.Response again = oauth.exchange(agent, mandate.userToken(user), OAuthClient.JWT_TOKEN_TYPE,
                mcp.clientId(), "notes.read");
        assertThat(again.status()).as("%s", again).isEqualTo(400);
        assertThat(again.error()).isEqualTo("invalid_grant");
        OAuthClient.Response downstream = oauth.exchange(mcp, mcpToken, OAuthClient.ACCESS_TOKEN_TYPE, API, "notes.read");
        assertThat(downstream.status()).as("%s", downstream).isEqualTo(400);
        assertThat(downstream.error()).isEqualTo("invalid_grant");

        JsonNode after = awaitQuery("/api/tokens/" + apiJti + "/chain", json -> true);
        assertThat(after.get("hops").findValuesAsText("status")).containsOnly("REVOKED");
        // The watermark, and soon the command side's cascade (GrantRevoked) too: both are listed.
        assertThat(after.at("/hops/1/standing/why").findValuesAsText("grain")).contains("CLIENT");
    }

    private static HttpResponse<String> revoke(String clientId, String user) {
        return http.postJson(mandate.url(StackSettings.QUERY_SERVICE) + "/api/actions/revoke/agent/" + clientId, user,
                "mandate-" + user, "{\"reason\":\"exfiltration\"}", Map.of());
    }

    private static JsonNode awaitQuery(String path, java.util.function.Predicate<JsonNode> condition) {
        HttpResponse<String> response = await().atMost(HOP).pollInterval(Duration.ofMillis(200)).until(() -> http.get(
                        mandate.url(StackSettings.QUERY_SERVICE) + path, "investigator", "mandate-investigator"),
                answer -> answer.statusCode() == 200 && condition.test(Http.json(answer)));
        return Http.json(response);
    }
}
