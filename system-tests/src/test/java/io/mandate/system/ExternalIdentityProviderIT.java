package io.mandate.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.mandate.infra.launcher.Processes;
import io.mandate.system.keycloak.KeycloakServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #7's "delegate login to a trusted external IdP", against a real OpenID Provider: Keycloak
 * 26.4.7 from Maven Central ({@link KeycloakServer}, started once for this class). A realm with a
 * confidential client for Mandate and a user with a password; a token-issuer that trusts the realm
 * ({@code mandate.issuer.login.identity-providers}: user id = {@code kc:} + {@code preferred_username});
 * a real OAuth client (the agent, registered by RFC 7591) and the user's browser walking the pages:
 * /oauth2/authorize → Mandate's sign-in page → "Sign in with Keycloak" → Keycloak's own login form →
 * back to Mandate → consent → code → token. Then what must be refused: the user cancelling at Keycloak
 * (the client gets {@code access_denied}), an ID token signed with an algorithm the provider's
 * configuration does not allow, a forged {@code state}, a callback replayed in another browser, a
 * forged code, and a provider that cannot be reached.
 */
class ExternalIdentityProviderIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String REALM = "mandate-idp-" + RUN;
    private static final String CALENDAR_API = "https://calendar-idp-" + RUN + ".example/api";
    private static final String REDIRECT = "http://127.0.0.1:9/idp-callback-" + RUN;
    private static final String USER = "ada-" + RUN;
    private static final String USER_PASSWORD = "Ada-password-" + RUN;
    private static final String MAPPED_USER = "kc:" + USER;
    private static final Http http = new Http();

    private static RunningMandate mandate;
    private static KeycloakServer keycloak;
    private static RunningMandate.ExtraIssuer issuer;
    private static OAuthClient oauth;
    private static ClientCredential calendarApi;
    private static ClientCredential agent;

    @BeforeAll
    static void startKeycloakAndAnIssuerThatTrustsIt() throws Exception {
        mandate = RunningMandate.get();
        Path root = Path.of(System.getProperty("user.dir")).getParent();
        keycloak = KeycloakServer.start(root, root.resolve("system-tests/target/keycloak-" + RUN + ".log"));
        int issuerPort = Processes.freePort();
        String issuerUrl = "http://127.0.0.1:" + issuerPort;
        String mandateSecret = "kc-secret-" + UUID.randomUUID();
        String es256Secret = "kc-secret-" + UUID.randomUUID();
        configureRealm(issuerUrl, mandateSecret, es256Secret);

        Map<String, String> settings = new LinkedHashMap<>();
        provider(settings, 0, "keycloak", "Keycloak", keycloak.issuer(REALM), "mandate", mandateSecret, "kc:", null);
        // The same realm, but only ES256 is allowed for its ID tokens: Keycloak signs them with RS256.
        provider(settings, 1, "keycloak-es256", "Keycloak ES256 only", keycloak.issuer(REALM), "mandate-es256",
                es256Secret, "kc-es256:", "ES256");
        // Nobody listens there: the provider is down.
        provider(settings, 2, "offline", "Offline IdP", "http://127.0.0.1:" + Processes.freePort() + "/realms/none",
                "mandate", "unused-secret", "off:", null);
        issuer = mandate.startExtraIssuer("idp-issuer-" + RUN, issuerPort, settings);
        assertThat(issuer.url()).isEqualTo(issuerUrl);
        oauth = new OAuthClient(issuer.url());

        MandateAdmin admin = new MandateAdmin(mandate, new OAuthClient(mandate.issuerUrl()));
        calendarApi = admin.registerWithSecret("calendar-idp-" + RUN, "RESOURCE_SERVER",
                List.of("calendar.read", "calendar.write"), List.of(CALENDAR_API));
        agent = AuthorizationCodeFlowIT.registerByDynamicRegistration(mandate.issuerUrl(), "IdP agent " + RUN,
                List.of("calendar.read", "calendar.write"), REDIRECT);
        for (ClientCredential client : List.of(calendarApi, agent)) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> oauth.introspect(client, "not-a-token").ok());
        }
    }

    @AfterAll
    static void stop() {
        if (issuer != null) {
            issuer.process().stop();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void userWhenSigningInWithKeycloakThenConsentsAndTheAgentGetsATokenForTheMappedUser() throws Exception {
        AuthorizationCodeFlowIT.Pkce pkce = AuthorizationCodeFlowIT.Pkce.create();
        Browser browser = new Browser(issuer.url(), keycloak.url());
        Browser.Page signIn = browser.get(authorizeUrl(pkce.challenge(), "st-kc"));
        assertThat(signIn.uri().getPath()).isEqualTo("/login");
        assertThat(signIn.body()).contains("Sign in with Keycloak", "Sign in with Keycloak ES256 only");

        Browser.Page keycloakLogin = browser.get(signIn.link("Sign in with Keycloak"));
        assertThat(keycloakLogin.uri().toString()).startsWith(keycloak.issuer(REALM) + "/protocol/openid-connect/auth?");
        assertThat(query(keycloakLogin.uri())).containsKeys("state", "nonce", "code_challenge")
                .containsEntry("code_challenge_method", "S256").containsEntry("client_id", "mandate")
                .containsEntry("redirect_uri", issuer.url() + "/login/oauth2/code/keycloak");
        Browser.Page consent = browser.submit(keycloakLogin.formWithId("kc-form-login")
                .set("username", USER).set("password", USER_PASSWORD));

        assertThat(consent.status()).as(consent.body()).isEqualTo(200);
        assertThat(consent.uri().getPath()).isEqualTo("/oauth2/authorize");
        assertThat(consent.body()).contains("Ada Lovelace", MAPPED_USER, "via Keycloak", agent.clientId());
        Browser.Page back = browser.submit(consent.form("/oauth2/authorize/consent").set("decision", "approve"));
        assertThat(back.leftWith("state")).isEqualTo("st-kc");
        assertThat(back.leftWith("iss")).isEqualTo(issuer.url());
        String code = back.leftWith("code");
        assertThat(code).as(back.body()).isNotBlank();

        OAuthClient.Response redeemed = oauth.post("/oauth2/token", agent, Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", REDIRECT, "code_verifier", pkce.verifier()));
        assertThat(redeemed.status()).as("%s", redeemed).isEqualTo(200);
        IssuedToken token = IssuedToken.parse(redeemed.accessToken());
        assertThat(token.subject()).isEqualTo(MAPPED_USER);
        assertThat(token.claims().getIssuer()).isEqualTo(issuer.url());
        assertThat(token.audience()).containsExactly(CALENDAR_API);
        String grantId = token.claims().getStringClaim("grant_id");

        JsonNode created = awaitEvent(grantId, "GrantCreated");
        assertThat(created.path("payload").path("userId").asText()).isEqualTo(MAPPED_USER);
        assertThat(created.path("payload").path("createdBy").asText()).isEqualTo("user:" + MAPPED_USER);
        assertThat(created.path("payload").path("origin").asText()).isEqualTo("CONSENT");
        assertThat(created.path("payload").path("authenticatedBy").asText()).isEqualTo(keycloak.issuer(REALM));
        assertThat(created.toString()).doesNotContain(code, USER_PASSWORD);

        Browser.Page grants = browser.get(issuer.url() + "/account/grants");
        assertThat(grants.status()).isEqualTo(200);
        assertThat(grants.body()).contains(MAPPED_USER, agent.clientId(), CALENDAR_API, "active");
    }

    @Test
    void userWhenCancellingAtKeycloakThenTheClientGetsAccessDeniedWithItsState() {
        Browser browser = new Browser(issuer.url(), keycloak.url());
        Browser.Page signIn = browser.get(authorizeUrl(AuthorizationCodeFlowIT.Pkce.create().challenge(), "st-cancel"));
        Browser.Page keycloakLogin = browser.get(signIn.link("Sign in with Keycloak"));

        // What Keycloak's cancel buttons send: the login form with "cancel" (OIDC Core §3.1.2.6 access_denied).
        Browser.Page back = browser.submit(keycloakLogin.formWithId("kc-form-login").set("cancel", "on"));

        assertThat(back.leftTo()).as(back.uri() + " " + back.status() + " " + back.body()).isNotNull();
        assertThat(back.leftTo().toString()).startsWith(REDIRECT + "?");
        assertThat(back.leftWith("error")).isEqualTo("access_denied");
        assertThat(back.leftWith("state")).isEqualTo("st-cancel");
        assertThat(back.leftWith("iss")).isEqualTo(issuer.url());
        assertThat(back.leftWith("code")).isNull();
        assertThat(browser.get(issuer.url() + "/account/grants").uri().getPath()).isEqualTo("/login");
    }

    @Test
    void idTokenWhenSignedWithAnAlgorithmTheProviderIsNotAllowedThenRefusedAndNobodySignedIn() {
        Browser browser = new Browser(issuer.url(), keycloak.url());
        Browser.Page signIn = browser.get(authorizeUrl(AuthorizationCodeFlowIT.Pkce.create().challenge(), "st-alg"));
        Browser.Page keycloakLogin = browser.get(signIn.link("Sign in with Keycloak ES256 only"));

        Browser.Page refused = browser.submit(keycloakLogin.formWithId("kc-form-login")
                .set("username", USER).set("password", USER_PASSWORD));

        assertThat(refused.uri().getPath()).isEqualTo("/login/oauth2/code/keycloak-es256");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("could not be verified", "nobody was signed in")
                .doesNotContain("Exception", "at org.");
        assertThat(browser.get(issuer.url() + "/account/grants").uri().getPath()).isEqualTo("/login");
    }

    @Test
    void callbackWhenStateForgedOrReplayedInAnotherBrowserThenRefusedAndTheRealOneStillWorks() {
        Browser browser = new Browser(issuer.url(), keycloak.url());
        Browser.Page signIn = browser.get(authorizeUrl(AuthorizationCodeFlowIT.Pkce.create().challenge(), "st-forge"));
        Browser.Page keycloakLogin = browser.get(signIn.link("Sign in with Keycloak"));
        browser.stopAt(issuer.url());
        Browser.Page atKeycloak = browser.submit(keycloakLogin.formWithId("kc-form-login")
                .set("username", USER).set("password", USER_PASSWORD));
        URI callback = atKeycloak.leftTo();
        assertThat(callback).as(atKeycloak.body()).isNotNull();
        assertThat(callback.getPath()).isEqualTo("/login/oauth2/code/keycloak");
        browser.resumeAt(issuer.url());

        Browser.Page forgedState = browser.get(issuer.url() + callback.getPath() + "?" + Browser.query(
                Browser.parameters("code", query(callback).get("code"), "state", "forged-" + RUN)));
        assertThat(forgedState.status()).isEqualTo(400);
        assertThat(forgedState.body()).contains("does not belong to a sign-in started in this browser");

        Browser.Page elsewhere = new Browser(issuer.url()).get(callback.toString());
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(elsewhere.body()).contains("does not belong to a sign-in started in this browser");
        assertThat(elsewhere.uri().getPath()).isEqualTo("/login/oauth2/code/keycloak");

        Browser.Page consent = browser.get(callback.toString());
        assertThat(consent.status()).as(consent.body()).isEqualTo(200);
        assertThat(consent.uri().getPath()).isEqualTo("/oauth2/authorize");
        assertThat(consent.body()).contains(MAPPED_USER, "via Keycloak");
    }

    @Test
    void callbackWhenTheCodeIsForgedThenKeycloakRefusesItAndNobodyIsSignedIn() {
        Browser browser = new Browser(issuer.url());
        Browser.Page signIn = browser.get(authorizeUrl(AuthorizationCodeFlowIT.Pkce.create().challenge(), "st-code"));
        URI toKeycloak = browser.get(signIn.link("Sign in with Keycloak")).leftTo();
        assertThat(toKeycloak.toString()).startsWith(keycloak.url() + "/");

        Browser.Page refused = browser.get(issuer.url() + "/login/oauth2/code/keycloak?" + Browser.query(
                Browser.parameters("code", "forged-code-" + RUN, "state", query(toKeycloak).get("state"))));

        assertThat(refused.status()).isEqualTo(502);
        assertThat(refused.body()).contains("Keycloak did not complete the sign-in").doesNotContain("Exception");
        assertThat(browser.get(issuer.url() + "/account/grants").uri().getPath()).isEqualTo("/login");
    }

    @Test
    void signInWhenTheProviderIsDownThenAClearPageAndTheOtherWaysStayOffered() {
        Browser browser = new Browser(issuer.url(), keycloak.url());
        Browser.Page signIn = browser.get(authorizeUrl(AuthorizationCodeFlowIT.Pkce.create().challenge(), "st-down"));

        Browser.Page down = browser.get(signIn.link("Sign in with Offline IdP"));

        assertThat(down.status()).isEqualTo(503);
        assertThat(down.body()).contains("Offline IdP cannot be reached right now").doesNotContain("Exception");
        assertThat(browser.get(down.link("Back to sign-in")).body()).contains("Sign in with Keycloak");
    }

    @Test
    void localUserAdminWhenTheIdInAProviderNamespaceThenRefused() {
        HttpResponse<String> response = http.putJson(issuer.url() + "/internal/local-users/kc:" + USER, "admin",
                "mandate-admin", "{\"password\":\"a-long-enough-password\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("userId", "namespace");
    }

    /** The realm: long enough sessions for the run, Mandate's two clients, and the user. */
    private static void configureRealm(String issuerUrl, String mandateSecret, String es256Secret) {
        String admin = keycloak.adminToken();
        keycloak.admin("POST", "/admin/realms", admin, Map.of("realm", REALM, "enabled", true), 201);
        String realm = "/admin/realms/" + REALM;
        keycloak.admin("POST", realm + "/clients", admin, mandateClient("mandate", mandateSecret,
                issuerUrl + "/login/oauth2/code/keycloak"), 201);
        keycloak.admin("POST", realm + "/clients", admin, mandateClient("mandate-es256", es256Secret,
                issuerUrl + "/login/oauth2/code/keycloak-es256"), 201);
        keycloak.admin("POST", realm + "/users", admin, Map.of("username", USER, "enabled", true,
                "emailVerified", true, "email", USER + "@idp.example", "firstName", "Ada", "lastName", "Lovelace",
                "credentials", List.of(Map.of("type", "password", "value", USER_PASSWORD, "temporary", false))), 201);
    }

    private static Map<String, Object> mandateClient(String clientId, String secret, String redirectUri) {
        return Map.of("clientId", clientId, "publicClient", false, "secret", secret, "standardFlowEnabled", true,
                "directAccessGrantsEnabled", false, "redirectUris", List.of(redirectUri),
                "attributes", Map.of("pkce.code.challenge.method", "S256"));
    }

    private static void provider(Map<String, String> settings, int index, String id, String name, String issuerUrl,
                                 String clientId, String secret, String prefix, String algorithms) {
        String key = "MANDATE_ISSUER_LOGIN_IDENTITYPROVIDERS_" + index + "_";
        settings.put(key + "ID", id);
        settings.put(key + "NAME", name);
        settings.put(key + "ISSUER", issuerUrl);
        settings.put(key + "CLIENTID", clientId);
        settings.put(key + "CLIENTSECRET", secret);
        settings.put(key + "USERCLAIM", "preferred_username");
        settings.put(key + "DISPLAYNAMECLAIM", "name");
        settings.put(key + "USERPREFIX", prefix);
        if (algorithms != null) {
            settings.put(key + "ALGORITHMS", algorithms);
        }
    }

    private static String authorizeUrl(String challenge, String state) {
        return issuer.url() + "/oauth2/authorize?" + Browser.query(Browser.parameters("response_type", "code",
                "client_id", agent.clientId(), "redirect_uri", REDIRECT, "state", state, "code_challenge", challenge,
                "code_challenge_method", "S256", "resource", CALENDAR_API, "scope", "calendar.read"));
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(pair.substring(0, equals),
                    java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static JsonNode awaitEvent(String aggregateId, String type) {
        return IndexedEvents.awaitIndexed(mandate, http, aggregateId, type, Duration.ofSeconds(60));
    }
}
