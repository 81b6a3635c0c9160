package io.mandate.issuer.authorize;

import io.mandate.issuer.exchange.ExchangeFixture;
import io.mandate.messages.client.ClientRegistered;
import io.mandate.messages.client.ClientSuspended;
import io.mandate.messages.client.RegistrationPath;
import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** RFC 6749 §4.1.1 / §4.1.2.1 with PKCE (RFC 7636) and resource indicators (RFC 8707). */
class AuthorizationRequestsTest {

    static final String REDIRECT = "https://agent.example/callback";
    static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    private final ExchangeFixture world = new ExchangeFixture();
    private final AuthorizationRequests requests = new AuthorizationRequests(world.projection);

    AuthorizationRequestsTest() {
        world.apply(new ClientRegistered(ClientId.of("web-agent"), ClientKind.AGENT, "Web agent", "team-web",
                Scopes.parse("calendar.read calendar.write"), List.of(), RegistrationPath.ADMIN, "admin",
                ExchangeFixture.START, List.of(REDIRECT, "http://127.0.0.1:9999/cb"), null));
        world.apply(new ClientRegistered(ClientId.of("web-app"), ClientKind.APPLICATION, "Web app", "team-web",
                Scopes.parse("calendar.read"), List.of(), RegistrationPath.ADMIN, "admin", ExchangeFixture.START,
                List.of(REDIRECT), null));
    }

    static Map<String, String[]> valid() {
        Map<String, String[]> parameters = new HashMap<>();
        parameters.put("response_type", new String[]{"code"});
        parameters.put("client_id", new String[]{"web-agent"});
        parameters.put("redirect_uri", new String[]{REDIRECT});
        parameters.put("scope", new String[]{"calendar.read calendar.write"});
        parameters.put("state", new String[]{"s-1"});
        parameters.put("code_challenge", new String[]{CHALLENGE});
        parameters.put("code_challenge_method", new String[]{"S256"});
        parameters.put("resource", new String[]{ExchangeFixture.CALENDAR_API});
        return parameters;
    }

    @Test
    void validateWhenCompleteThenTheRequestWithItsAgentResourceAndScopes() {
        AuthorizationRequest request = requests.validate(valid());

        assertThat(request.agent().clientId().value()).isEqualTo("web-agent");
        assertThat(request.resourceServer().clientId().value()).isEqualTo("calendar-api");
        assertThat(request.scopes()).isEqualTo(Scopes.parse("calendar.read calendar.write"));
        assertThat(request.state()).isEqualTo("s-1");
        assertThat(request.codeChallenge()).isEqualTo(CHALLENGE);
    }

    @Test
    void validateWhenScopeOmittedThenWhatTheAgentMayHoldOfTheResourcesScopes() {
        Map<String, String[]> parameters = valid();
        parameters.remove("scope");

        assertThat(requests.validate(parameters).scopes()).isEqualTo(Scopes.parse("calendar.read calendar.write"));
    }

    @Test
    void validateWhenClientUnknownThenErrorPageNotRedirect() {
        Map<String, String[]> parameters = valid();
        parameters.put("client_id", new String[]{"nobody"});

        assertThat(failure(parameters).redirectUri()).isNull();
    }

    @Test
    void validateWhenClientSuspendedThenErrorPageNotRedirect() {
        world.apply(new ClientSuspended(ClientId.of("web-agent"), "investigation", "admin", ExchangeFixture.START));

        assertThat(failure(valid()).redirectUri()).isNull();
    }

    @Test
    void validateWhenRedirectUriNotRegisteredExactlyThenErrorPageNotRedirect() {
        for (String wrong : List.of(REDIRECT + "/", REDIRECT + "?x=1", "https://AGENT.example/callback",
                "https://agent.example/callback#f", "https://evil.example/callback", "http://127.0.0.1:9998/cb")) {
            Map<String, String[]> parameters = valid();
            parameters.put("redirect_uri", new String[]{wrong});

            assertThat(failure(parameters).redirectUri()).as(wrong).isNull();
        }
    }

    @Test
    void validateWhenRedirectUriMissingOrClientIdRepeatedThenErrorPage() {
        Map<String, String[]> missing = valid();
        missing.remove("redirect_uri");
        Map<String, String[]> repeated = valid();
        repeated.put("client_id", new String[]{"web-agent", "web-agent"});

        assertThat(failure(missing).redirectUri()).isNull();
        assertThat(failure(repeated).redirectUri()).isNull();
    }

    @Test
    void validateWhenChallengeMethodPlainOrMissingThenInvalidRequestRedirectedWithState() {
        Map<String, String[]> plain = valid();
        plain.put("code_challenge_method", new String[]{"plain"});
        Map<String, String[]> noMethod = valid();
        noMethod.remove("code_challenge_method");

        for (Map<String, String[]> parameters : List.of(plain, noMethod)) {
            AuthorizationFailure failure = failure(parameters);
            assertThat(failure.error()).isEqualTo("invalid_request");
            assertThat(failure.redirectUri()).isEqualTo(REDIRECT);
            assertThat(failure.state()).isEqualTo("s-1");
        }
    }

    @Test
    void validateWhenNoChallengeOrNotAnS256ChallengeThenInvalidRequest() {
        Map<String, String[]> none = valid();
        none.remove("code_challenge");
        Map<String, String[]> malformed = valid();
        malformed.put("code_challenge", new String[]{"too-short"});

        assertThat(failure(none).error()).isEqualTo("invalid_request");
        assertThat(failure(malformed).error()).isEqualTo("invalid_request");
    }

    @Test
    void validateWhenResponseTypeTokenThenUnsupportedResponseType() {
        Map<String, String[]> parameters = valid();
        parameters.put("response_type", new String[]{"token"});

        assertThat(failure(parameters).error()).isEqualTo("unsupported_response_type");
    }

    @Test
    void validateWhenResourceMissingUnknownOrWithFragmentThenInvalidTarget() {
        for (String[] resource : new String[][]{null, {"https://unknown.example/api"},
                {ExchangeFixture.CALENDAR_API + "#x"}, {"calendar-api"}}) {
            Map<String, String[]> parameters = valid();
            if (resource == null) {
                parameters.remove("resource");
            } else {
                parameters.put("resource", resource);
            }
            assertThat(failure(parameters).error()).isEqualTo("invalid_target");
        }
    }

    @Test
    void validateWhenScopeBeyondTheAgentsOrMalformedThenInvalidScope() {
        for (String scope : List.of("calendar.read mail.send", "calendar.read  calendar.write", " calendar.read",
                "calendar.read\tcalendar.write", "calendar\"read")) {
            Map<String, String[]> parameters = valid();
            parameters.put("scope", new String[]{scope});

            assertThat(failure(parameters).error()).as(scope).isEqualTo("invalid_scope");
        }
    }

    @Test
    void validateWhenClientIsAnApplicationThenUnauthorizedClient() {
        Map<String, String[]> parameters = valid();
        parameters.put("client_id", new String[]{"web-app"});

        assertThat(failure(parameters).error()).isEqualTo("unauthorized_client");
    }

    @Test
    void validateWhenStateRepeatedOrTooLongThenInvalidRequestRedirected() {
        Map<String, String[]> repeated = valid();
        repeated.put("state", new String[]{"a", "b"});
        Map<String, String[]> tooLong = valid();
        tooLong.put("state", new String[]{"s".repeat(AuthorizationRequests.MAX_STATE + 1)});

        assertThat(failure(repeated).error()).isEqualTo("invalid_request");
        assertThat(failure(repeated).redirectUri()).isEqualTo(REDIRECT);
        assertThat(failure(tooLong).error()).isEqualTo("invalid_request");
    }

    private AuthorizationFailure failure(Map<String, String[]> parameters) {
        AuthorizationFailure failure = catchThrowableOfType(() -> requests.validate(parameters),
                AuthorizationFailure.class);
        assertThat(failure).as("refused").isNotNull();
        return failure;
    }
}
