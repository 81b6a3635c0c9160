package io.mandate.dashboard.revoke;

import io.mandate.dashboard.support.Browser;
import io.mandate.dashboard.support.FakeQueryService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may revoke through the console, over real HTTP with the real sign-in and CSRF filter: only
 * responders, only with the CSRF token, and the query-service is called with the responder credential
 * and the person named in the reason. The query-service is a local fake.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RevokeRolesTest {

    private static final FakeQueryService queryService = new FakeQueryService();

    private static final String AGENT_VIEW = """
            {"client":{"clientId":"travel-agent","kind":"AGENT","name":"Travel","owner":"team","status":"ACTIVE",
              "registeredAt":"2026-11-28T10:00:00Z"},
             "grants":{"items":[{"grant":{"grantId":"grt_1","userId":"alice","agentId":"travel-agent",
               "audience":"https://calendar.example/api","scopes":["calendar.read"],"status":"ACTIVE"},
               "standing":{"status":"ACTIVE"}}],"total":1},
             "tokens":{"items":[],"total":0},"actsFor":[{"userId":"alice","tokens":0,"grants":1}],
             "timeline":{"total":1,"countsByType":{"GrantCreated":1}}}""";
    private static final String ACTION_RESULT = """
            {"target":{"kind":"AGENT","id":"travel-agent"},"events":[{"type":"ClientRevoked"}],"effective":true,
             "waitedMs":42,"confirmations":[{"where":"http://issuer","confirmed":true}]}""";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void queryServiceAddress(DynamicPropertyRegistry registry) {
        registry.add("mandate.dashboard.query-service.url", queryService::url);
    }

    @AfterAll
    static void stopFake() {
        queryService.close();
    }

    @BeforeEach
    void answers() {
        queryService.answer(200, "{\"items\":[],\"total\":0}");
        queryService.answer("/api/agents/", 200, AGENT_VIEW);
        queryService.answer("/api/actions/revoke/", 200, ACTION_RESULT);
        queryService.answer("/api/blast-radius", 200, """
                {"target":{"kind":"AGENT","id":"travel-agent"},"grants":{"count":1,"exact":true,"sample":["grt_1"]},
                 "liveTokens":{"count":2,"exact":true,"sample":[]},"users":{"count":1,"exact":true,"sample":["alice"]},
                 "downstreamClients":{"count":0,"exact":true,"sample":[]}}""");
        queryService.forget();
    }

    @Test
    void agentPageWhenInvestigatorThenNoRevokeButtonAndTheRevokeEndpointRefuses() {
        Browser investigator = signedIn("investigator", "mandate-investigator");
        String page = investigator.page("/agents/travel-agent").body();

        assertThat(page).contains("id=\"agent-id\"", "travel-agent").doesNotContain("revoke-button", "revoke-dialog");
        HttpResponse<String> refused = investigator.postJson("/revoke/agent/travel-agent",
                "{\"reason\":\"curious\"}", Browser.csrfMetaOf(page));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(investigator.get("/revoke/agent/travel-agent/blast-radius").statusCode()).isEqualTo(403);
        assertThat(queryService.requests()).noneMatch(seen -> seen.uri().startsWith("/api/actions"));
    }

    @Test
    void revokeWhenResponderWithoutCsrfTokenThenForbiddenAndNothingForwarded() {
        Browser responder = signedIn("responder", "mandate-responder");

        HttpResponse<String> refused = responder.postJson("/revoke/agent/travel-agent", "{\"reason\":\"x\"}", null);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(queryService.requests()).noneMatch(seen -> seen.uri().startsWith("/api/actions"));
    }

    @Test
    void revokeWhenResponderWithCsrfTokenThenForwardedWithResponderCredentialAndNamedPerson() {
        Browser responder = signedIn("responder", "mandate-responder");
        String page = responder.page("/agents/travel-agent").body();
        assertThat(page).contains("id=\"revoke-agent\"", "data-revoke-kind=\"agent\"", "id=\"revoke-dialog\"");

        HttpResponse<String> radius = responder.get("/revoke/agent/travel-agent/blast-radius");
        assertThat(radius.statusCode()).isEqualTo(200);
        assertThat(radius.body()).contains("\"liveTokens\":{\"count\":2");
        HttpResponse<String> revoked = responder.postJson("/revoke/agent/travel-agent",
                "{\"reason\":\"prompt injection\",\"key\":\"0123456789abcdef\"}", Browser.csrfMetaOf(page));

        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.body()).contains("\"effective\":true");
        FakeQueryService.Seen forwarded = queryService.last("/api/actions/revoke/agent/travel-agent");
        assertThat(forwarded.method()).isEqualTo("POST");
        assertThat(forwarded.authorization()).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString("responder:mandate-responder".getBytes(StandardCharsets.UTF_8)));
        assertThat(forwarded.body()).isEqualTo("{\"reason\":\"[console: responder] prompt injection\"}");
        assertThat(forwarded.idempotencyKey()).isEqualTo("console-0123456789abcdef");
    }

    @Test
    void revokeWhenReasonMissingOrKindUnknownThenPlainProblemAndNothingForwarded() {
        Browser responder = signedIn("responder", "mandate-responder");
        String csrf = Browser.csrfMetaOf(responder.page("/agents/travel-agent").body());

        HttpResponse<String> noReason = responder.postJson("/revoke/agent/travel-agent", "{\"reason\":\"  \"}", csrf);
        HttpResponse<String> badKind = responder.postJson("/revoke/planet/earth", "{\"reason\":\"x\"}", csrf);

        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("Give a reason");
        assertThat(badKind.statusCode()).isEqualTo(400);
        assertThat(queryService.requests()).noneMatch(seen -> seen.uri().startsWith("/api/actions"));
    }

    @Test
    void revokeWhenQueryServiceRefusesThenItsReasonInPlainWords() {
        queryService.answer("/api/actions/revoke/", 403, "{\"status\":403,\"detail\":\"Access Denied\"}");
        Browser responder = signedIn("responder", "mandate-responder");
        String csrf = Browser.csrfMetaOf(responder.page("/agents/travel-agent").body());

        HttpResponse<String> refused = responder.postJson("/revoke/agent/travel-agent", "{\"reason\":\"x\"}", csrf);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("Your role does not allow this.").doesNotContain("Exception");
    }

    private Browser signedIn(String user, String password) {
        Browser browser = new Browser(port);
        assertThat(browser.signIn(user, password).headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        return browser;
    }
}
