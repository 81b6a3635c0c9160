package io.mandate.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.mandate.messages.consent.ConsentDenied;
import io.mandate.messages.wire.EventEnvelope;
import io.mandate.messages.wire.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #7's acceptance, played by a real OAuth client and a user's browser against the running
 * services: the agent sends the user to {@code /oauth2/authorize} with PKCE (S256) and a resource;
 * the user signs in as a local user, unticks a scope and allows; the agent redeems the code with
 * its verifier, receives a Mandate token for the user, and exchanges it by RFC 8693 for its MCP
 * server. The grant (origin CONSENT, created by the user) and the token's event are visible
 * through the query-service. A reused code is refused and kills the first token and what was
 * exchanged from it. Denial and withdrawal are events too.
 *
 * <p>The agent onboards itself as an MCP client would: dynamic client registration (RFC 7591, with the
 * deployment's initial access token) with its redirect URI, and the query side shows that
 * registration (path DYNAMIC_REGISTRATION) beside the grant and the consent.
 */
class AuthorizationCodeFlowIT {

    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(60);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String CALENDAR_API = "https://calendar-" + RUN + ".example/api";
    private static final String MCP_URI = "https://calendar-mcp-" + RUN + ".example/mcp";
    private static final String REDIRECT = "http://127.0.0.1:9/callback-" + RUN;
    private static final List<String> CALENDAR_SCOPES = List.of("calendar.read", "calendar.write");

    private static RunningMandate mandate;
    private static OAuthClient oauth;
    private static MandateAdmin admin;
    private static ClientCredential calendarApi;
    private static ClientCredential calendarMcp;
    private static ClientCredential agent;
    private static final Http http = new Http();

    @BeforeAll
    static void registerClientsAndALocalUser() {
        mandate = RunningMandate.get();
        oauth = new OAuthClient(mandate.issuerUrl());
        admin = new MandateAdmin(mandate, oauth);
        calendarApi = admin.registerWithSecret("calendar-api-" + RUN, "RESOURCE_SERVER", CALENDAR_SCOPES,
                List.of(CALENDAR_API));
        calendarMcp = admin.registerWithSecret("calendar-mcp-" + RUN, "MCP_SERVER", CALENDAR_SCOPES, List.of(MCP_URI));
        agent = registerByDynamicRegistration(mandate.issuerUrl(), "Travel agent " + RUN, CALENDAR_SCOPES, REDIRECT);
        admin.awaitIssuerHas(List.of(), List.of(calendarApi, calendarMcp, agent));
    }

    @Test
    void userWhenConsentingWithOneScopeUntickedThenTheAgentGetsAUserTokenExchangesItAndTheQuerySideSeesTheGrant()
            throws Exception {
        String alice = localUser("alice");
        Pkce pkce = Pkce.create();
        String state = "st-" + UUID.randomUUID();
        Browser browser = new Browser(mandate.issuerUrl());

        Browser.Page login = browser.get(authorizeUrl(pkce.challenge(), state, "calendar.read calendar.write", "S256"));
        assertThat(login.uri().getPath()).isEqualTo("/login");
        Browser.Page consent = browser.submit(login.form("/login").set("username", alice).set("password", password(alice)));
        assertThat(consent.status()).as(consent.body()).isEqualTo(200);
        assertThat(consent.body()).contains(agent.clientId(), "an AI agent", "self-registered", CALENDAR_API,
                "See your calendar", "Change your calendar");
        Browser.Form decision = consent.form("/oauth2/authorize/consent");
        assertThat(decision.checked("scope")).containsExactlyInAnyOrder("calendar.read", "calendar.write");
        Browser.Page back = browser.submit(decision.untick("scope", "calendar.write").tick("delegate", "mcp")
                .set("expires", "P1D").set("decision", "approve"));

        assertThat(back.leftTo()).as(back.body()).isNotNull();
        assertThat(back.leftTo().toString()).startsWith(REDIRECT + "?");
        assertThat(back.leftWith("state")).isEqualTo(state);
        assertThat(back.leftWith("iss")).isEqualTo(mandate.issuerUrl());
        String code = back.leftWith("code");
        assertThat(code).isNotBlank();

        OAuthClient.Response redeemed = oauth.post("/oauth2/token", agent, Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", REDIRECT, "code_verifier", pkce.verifier(), "resource", CALENDAR_API));
        assertThat(redeemed.status()).as("%s", redeemed).isEqualTo(200);
        assertThat(redeemed.body().path("scope").asText()).isEqualTo("calendar.read");
        IssuedToken userToken = IssuedToken.parse(redeemed.accessToken());
        assertThat(userToken.subject()).isEqualTo(alice);
        assertThat(userToken.audience()).containsExactly(CALENDAR_API);
        assertThat(userToken.claims().getStringClaim("client_id")).isEqualTo(agent.clientId());
        assertThat(userToken.claims().getStringClaim("azp")).isEqualTo(agent.clientId());
        String grantId = userToken.claims().getStringClaim("grant_id");
        assertThat(grantId).startsWith("grt_");
        assertThat(oauth.introspect(calendarApi, redeemed.accessToken()).body().path("active").asBoolean()).isTrue();

        // RFC 8693 as in #4: the agent exchanges the user's token for its MCP server (the user allowed one hop).
        OAuthClient.Response forMcp = oauth.exchange(agent, redeemed.accessToken(), OAuthClient.ACCESS_TOKEN_TYPE,
                MCP_URI, null);
        assertThat(forMcp.status()).as("%s", forMcp).isEqualTo(200);
        IssuedToken mcpToken = IssuedToken.parse(forMcp.accessToken());
        assertThat(mcpToken.subject()).isEqualTo(alice);
        assertThat(mcpToken.claims().getStringClaim("scope")).isEqualTo("calendar.read");
        assertThat(mcpToken.claims().getJSONObjectClaim("may_act")).isEqualTo(Map.of("sub", calendarMcp.clientId()));
        assertThat(mcpToken.claims().getStringListClaim("lineage")).containsExactly(userToken.jti());
        // the unticked scope was never granted
        assertThat(oauth.exchange(agent, redeemed.accessToken(), OAuthClient.ACCESS_TOKEN_TYPE, CALENDAR_API,
                "calendar.write").error()).isEqualTo("invalid_scope");

        // The query side: the grant's own timeline says the user created it by consent.
        JsonNode created = awaitEvent(grantId, "GrantCreated");
        assertThat(created.path("payload").path("origin").asText()).isEqualTo("CONSENT");
        assertThat(created.path("payload").path("createdBy").asText()).isEqualTo("user:" + alice);
        assertThat(created.path("payload").path("scopes").toString()).contains("calendar.read")
                .doesNotContain("calendar.write");
        assertThat(created.path("payload").path("policy").path("allowedNextKinds").toString()).contains("MCP_SERVER");
        JsonNode registered = awaitEvent(agent.clientId(), "ClientRegistered");
        assertThat(registered.path("payload").path("registrationPath").asText()).isEqualTo("DYNAMIC_REGISTRATION");
        assertThat(registered.path("payload").path("redirectUris").toString()).contains(REDIRECT);
        JsonNode issued = awaitEvent("issued:" + userToken.jti(), "AuthorizationCodeRedeemed");
        assertThat(issued.path("userId").asText()).isEqualTo(alice);
        assertThat(issued.path("grantId").asText()).isEqualTo(grantId);
        assertThat(issued.toString()).doesNotContain(code);

        // A reused code: refused, and the token of its first use dies with what was exchanged from it.
        OAuthClient.Response reuse = oauth.post("/oauth2/token", agent, Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", REDIRECT, "code_verifier", pkce.verifier()));
        assertThat(reuse.status()).isEqualTo(400);
        assertThat(reuse.error()).isEqualTo("invalid_grant");
        assertThat(oauth.introspect(calendarApi, redeemed.accessToken()).body().path("active").asBoolean()).isFalse();
        assertThat(oauth.introspect(calendarMcp, forMcp.accessToken()).body().path("active").asBoolean()).isFalse();
    }

    @Test
    void userWhenDenyingThenAccessDeniedWithStateAndAConsentDeniedEvent() {
        String bob = localUser("bob");
        Instant since = Instant.now().minusSeconds(5);
        Browser browser = new Browser(mandate.issuerUrl());
        Browser.Page login = browser.get(authorizeUrl(Pkce.create().challenge(), "deny-state", null, "S256"));
        Browser.Page consent = browser.submit(login.form("/login").set("username", bob).set("password", password(bob)));

        Browser.Page back = browser.submit(consent.form("/oauth2/authorize/consent").set("decision", "deny"));

        assertThat(back.leftWith("error")).isEqualTo("access_denied");
        assertThat(back.leftWith("state")).isEqualTo("deny-state");
        assertThat(back.leftWith("iss")).isEqualTo(mandate.issuerUrl());
        List<EventEnvelope> denials = KafkaProbe.awaitEvents(mandate.stack().kafkaBootstrapServers(), Topics.GRANTS,
                since, envelope -> envelope.payload() instanceof ConsentDenied denied
                        && denied.userId().value().equals(bob), 1, QUERY_TIMEOUT);
        ConsentDenied denied = (ConsentDenied) denials.get(0).payload();
        assertThat(denied.clientId().value()).isEqualTo(agent.clientId());
        assertThat(denied.resource()).isEqualTo(CALENDAR_API);
        JsonNode indexed = awaitEvent("consent:" + denied.denialId(), "ConsentDenied");
        assertThat(indexed.path("actor").asText()).isEqualTo("user:" + bob);
    }

    @Test
    void userWhenWithdrawingAGrantOnTheirPageThenRevokedByTheUserAndTheAgentIsRefused() {
        String carol = localUser("carol");
        Pkce pkce = Pkce.create();
        Browser browser = new Browser(mandate.issuerUrl());
        Browser.Page login = browser.get(authorizeUrl(pkce.challenge(), "w", "calendar.read", "S256"));
        Browser.Page consent = browser.submit(login.form("/login").set("username", carol).set("password", password(carol)));
        String code = browser.submit(consent.form("/oauth2/authorize/consent").set("decision", "approve"))
                .leftWith("code");
        OAuthClient.Response redeemed = oauth.post("/oauth2/token", agent, Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", REDIRECT, "code_verifier", pkce.verifier()));
        String grantId = IssuedToken.parse(redeemed.accessToken()).claims().getClaim("grant_id").toString();

        Browser.Page grants = browser.get(mandate.issuerUrl() + "/account/grants");
        assertThat(grants.body()).contains(agent.clientId(), CALENDAR_API, "active");
        Browser.Page afterWithdrawal = browser.submit(grants.form("/account/grants/" + grantId + "/withdraw"));

        assertThat(afterWithdrawal.status()).isEqualTo(200);
        assertThat(afterWithdrawal.body()).contains("Withdrawn");
        JsonNode revoked = awaitEvent(grantId, "GrantRevoked");
        assertThat(revoked.path("payload").path("revokedBy").asText()).isEqualTo("user:" + carol);
        await().atMost(Duration.ofSeconds(30)).until(() -> !oauth.introspect(calendarApi, redeemed.accessToken()).body()
                .path("active").asBoolean());
        assertThat(oauth.exchange(agent, redeemed.accessToken(), OAuthClient.ACCESS_TOKEN_TYPE, CALENDAR_API, null)
                .error()).isEqualTo("invalid_grant");
    }

    @Test
    void authorizeWhenRedirectUriIsNotRegisteredThenAnErrorPageAndNoRedirect() {
        String url = mandate.issuerUrl() + "/oauth2/authorize?" + Browser.query(Browser.parameters(
                "response_type", "code", "client_id", agent.clientId(), "redirect_uri", "https://evil.example/cb",
                "code_challenge", Pkce.create().challenge(), "code_challenge_method", "S256", "resource", CALENDAR_API));
        Browser browser = new Browser(mandate.issuerUrl());
        String alice = localUser("dave");
        Browser.Page login = browser.get(url);

        Browser.Page page = browser.submit(login.form("/login").set("username", alice).set("password", password(alice)));

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.leftTo()).isNull();
        assertThat(page.body()).contains("redirect_uri is not registered");
    }

    @Test
    void authorizeWhenPkceMethodIsPlainThenInvalidRequestRedirectedWithState() {
        String erin = localUser("erin");
        Browser browser = new Browser(mandate.issuerUrl());
        Browser.Page login = browser.get(authorizeUrl("plain-verifier-" + "x".repeat(40), "p", null, "plain"));

        Browser.Page back = browser.submit(login.form("/login").set("username", erin).set("password", password(erin)));

        assertThat(back.leftWith("error")).isEqualTo("invalid_request");
        assertThat(back.leftWith("state")).isEqualTo("p");
        assertThat(back.leftWith("iss")).isEqualTo(mandate.issuerUrl());
    }

    @Test
    void loginWhenPasswordWrongFiveTimesThenLockedEvenForTheRightPassword() {
        String frank = localUser("frank");
        Browser browser = new Browser(mandate.issuerUrl());
        try {
            for (int i = 0; i < 5; i++) {
                Browser.Page failed = browser.submit(browser.get(mandate.issuerUrl() + "/login").form("/login")
                        .set("username", frank).set("password", "wrong-password-" + i));
                assertThat(failed.body()).contains("Wrong user name or password");
            }

            Browser.Page locked = browser.submit(browser.get(mandate.issuerUrl() + "/login").form("/login")
                    .set("username", frank).set("password", password(frank)));

            assertThat(locked.uri().getPath()).isEqualTo("/login");
            assertThat(locked.body()).contains("Too many failed sign-ins");
        } finally {
            // The address counter is shared by every test of this stack: give the others their tries back.
            try (java.sql.Connection connection = java.sql.DriverManager.getConnection(mandate.stack().jdbcUrl(),
                    mandate.stack().jdbcUsername(), mandate.stack().jdbcPassword());
                 java.sql.Statement statement = connection.createStatement()) {
                statement.executeUpdate("DELETE FROM mandate_login_throttle WHERE throttle_key LIKE 'addr:%'");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String authorizeUrl(String challenge, String state, String scope, String method) {
        Map<String, String> parameters = Browser.parameters("response_type", "code", "client_id", agent.clientId(),
                "redirect_uri", REDIRECT, "state", state, "code_challenge", challenge, "code_challenge_method", method,
                "resource", CALENDAR_API);
        if (scope != null) {
            parameters.put("scope", scope);
        }
        return mandate.issuerUrl() + "/oauth2/authorize?" + Browser.query(parameters);
    }

    /** A local user of this run, created through the issuer's admin endpoint. */
    private static String localUser(String name) {
        String userId = name + "-" + RUN;
        HttpResponse<String> response = http.putJson(mandate.issuerUrl() + "/internal/local-users/" + userId, "admin",
                "mandate-admin", "{\"displayName\":\"" + name + "\",\"password\":\"" + password(userId) + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return userId;
    }

    private static String password(String userId) {
        return "pw-" + userId + "-correct horse";
    }

    /** The event of this type on this aggregate, once the query-service has indexed it. */
    /** RFC 7591 as an agent does it: authorization code for users' grants, token exchange for hand-offs. */
    static ClientCredential.SecretBasic registerByDynamicRegistration(String issuerUrl, String name,
                                                                      List<String> scopes, String redirect) {
        String body = """
                {"client_name":"%s","client_kind":"AGENT","redirect_uris":["%s"],
                 "grant_types":["authorization_code","urn:ietf:params:oauth:grant-type:token-exchange"],
                 "response_types":["code"],"scope":"%s","token_endpoint_auth_method":"client_secret_basic"}"""
                .formatted(name, redirect, String.join(" ", scopes));
        try {
            HttpResponse<String> created = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(issuerUrl + "/oauth2/register"))
                            .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + RunningMandate.INITIAL_ACCESS_TOKEN)
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode client = Http.json(created);
            return new ClientCredential.SecretBasic(client.path("client_id").asText(),
                    client.path("client_secret").asText());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode awaitEvent(String aggregateId, String type) {
        return IndexedEvents.awaitIndexed(mandate, http, aggregateId, type, QUERY_TIMEOUT);
    }

    /** RFC 7636 S256: a fresh verifier and its challenge. */
    record Pkce(String verifier, String challenge) {
        static Pkce create() {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

}
