package io.mandate.dashboard.home;

import io.mandate.dashboard.support.Browser;
import io.mandate.dashboard.support.FakeQueryService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** The home page over real HTTP, signed in through the real form, with the query-service faked. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HomePageTest {

    private static final FakeQueryService queryService = new FakeQueryService();

    private static final String TWO_GRANTS = """
            {"items":[
              {"grantId":"grt_b2","userId":"bob","agentId":"travel-agent","audience":"https://flights.example.com",
               "scopes":["flights.book","flights.read"],"policy":{"maxDepth":1},"expiresAt":null,
               "createdAt":"2026-11-28T10:15:30.123Z","createdBy":"admin","status":"ACTIVE","lastSequence":0},
              {"grantId":"grt_a1","userId":"alice","agentId":"calendar-agent","audience":"https://calendar.example.com",
               "scopes":["calendar.read"],"createdAt":"2026-11-27T08:00:00Z","status":"ACTIVE"}
            ],"total":7}""";

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

    private static final String EVENTS = """
            {"items":[
              {"eventId":"evt-2","type":"TokenExchangeRefused","aggregateId":"refusal:1","occurredAt":"%s",
               "clientId":"rogue-agent","userId":"bob","outcome":"refused","reason":"invalid_scope"},
              {"eventId":"evt-1","type":"TokenExchanged","aggregateId":"issued:j1","occurredAt":"%s",
               "clientId":"travel-agent","userId":"alice","jti":"j1","scopes":["flights.read"],"outcome":"issued"}
            ],"total":2,"next":null}""";

    private static void answerGrantsAndEvents() {
        queryService.answer(200, TWO_GRANTS);
        String now = java.time.Instant.now().toString();
        queryService.answer("/api/events/search", 200, EVENTS.formatted(now, now));
    }

    @Test
    void pageWhenQueryServiceHasGrantsThenListsEveryColumn() {
        answerGrantsAndEvents();

        String html = signedInPage("investigator", "mandate-investigator");

        assertThat(html).contains("id=\"grants\"", "data-state=\"list\"");
        assertThat(html).contains("<tr class=\"grant\" data-grant-id=\"grt_b2\">", "data-grant-id=\"grt_a1\"");
        assertThat(html).contains("bob", "travel-agent", "https://flights.example.com", "flights.book flights.read");
        assertThat(html).contains("id=\"figures\"", "id=\"activity-chart\"", "id=\"feed-list\"");
        assertThat(html).containsPattern("data-client-id=\"rogue-agent\"[^<]*>\\s*<a[^>]*>rogue-agent</a>\\s*<span class=\"count\">1 refused");
        assertThat(html).contains("2026-11-28 10:15:30 UTC", "datetime=\"2026-11-28T10:15:30.123Z\"");
        assertThat(html).contains("Showing <span>2</span> of <span>7</span>");
        assertThat(html.indexOf("grt_b2")).as("query-service order kept").isLessThan(html.indexOf("grt_a1"));
    }

    @Test
    void pageWhenRenderedThenQueryServiceWasCalledWithTheCredentialOfThePersonsRole() {
        answerGrantsAndEvents();

        signedInPage("admin", "mandate-admin");
        assertThat(queryService.last("/api/grants?page=0&size=50").authorization()).isEqualTo(basic("investigator:mandate-investigator"));

        signedInPage("responder", "mandate-responder");
        assertThat(queryService.last("/api/grants?page=0&size=50").authorization()).isEqualTo(basic("responder:mandate-responder"));
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void pageWhenNoGrantsThenEmptyState() {
        queryService.answer(200, "{\"items\":[],\"total\":0}");

        String html = signedInPage("responder", "mandate-responder");

        assertThat(html).contains("data-state=\"empty\"", "id=\"grants-empty\"", "No grants yet");
        assertThat(html).doesNotContain("class=\"grant\"", "grants-error");
    }

    @Test
    void pageWhenQueryServiceFailsThenErrorSentenceAndNoInternals() {
        queryService.answer(500, "{\"status\":500,\"detail\":\"java.lang.IllegalStateException: boom\"}");

        String html = signedInPage("investigator", "mandate-investigator");

        assertThat(html).contains("data-state=\"error\"", "id=\"grants-error\"",
                "The query service reported a problem");
        assertThat(html).doesNotContain("Exception", "boom", "grants-empty");
    }

    @Test
    void pageWhenQueryServiceRefusesTheServiceCredentialThenSaysSo() {
        queryService.answer(401, "{\"status\":401}");

        String html = signedInPage("investigator", "mandate-investigator");

        assertThat(html).contains("id=\"grants-error\"", "refused the dashboard&#39;s service account");
    }

    @Test
    void pageWhenAnonymousThenRedirectedToLogin() {
        HttpResponse<String> response = new Browser(port).get("/");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login"));
    }

    @Test
    void signInWhenWrongPasswordThenBackToLoginWithMessage() {
        Browser browser = new Browser(port);

        HttpResponse<String> answer = browser.signIn("investigator", "not-the-password");

        assertThat(answer.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login?error"));
        assertThat(browser.get("/login?error").body()).contains("id=\"login-error\"");
        assertThat(browser.get("/").statusCode()).isEqualTo(302);
    }

    @Test
    void loginPageWhenRenderedThenCsrfFieldAndNoExternalResources() {
        HttpResponse<String> login = new Browser(port).get("/login");

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(Browser.csrfTokenOf(login.body())).isNotBlank();
        // The system test reads the token with this exact shape: name first, then value.
        assertThat(login.body()).containsPattern("name=\"_csrf\"[^>]*value=\"[^\"]+\"");
        assertThat(login.body()).doesNotContainPattern("(src|href)=\"(https?:)?//");
        assertThat(login.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("default-src 'self'"));
    }

    @Test
    void healthWhenAnonymousThenUp() {
        HttpResponse<String> health = new Browser(port).get("/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    private String signedInPage(String username, String password) {
        Browser browser = new Browser(port);
        HttpResponse<String> signIn = browser.signIn(username, password);
        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(signIn.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).doesNotContain("error"));
        HttpResponse<String> page = browser.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        return page.body();
    }
}
