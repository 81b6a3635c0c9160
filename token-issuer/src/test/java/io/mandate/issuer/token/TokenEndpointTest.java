package io.mandate.issuer.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mandate.issuer.exchange.ExchangeFixture;
import io.mandate.messages.token.TokenExchangeRefused;
import io.mandate.messages.token.TokenExchanged;
import io.mandate.messages.revocation.TokenRevoked;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The HTTP contract of the OAuth endpoints: RFC 6749 §5, RFC 8693 §2, RFC 7662, RFC 7009. */
class TokenEndpointTest {

    static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";

    private final ExchangeFixture world = new ExchangeFixture();
    private final MockMvc mvc = TokenEndpointHarness.mockMvc(world);
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void exchangeWhenValidThenTokenResponseAndEventRecorded() throws Exception {
        mvc.perform(exchange("travel-agent", "travel-secret", world.userToken("alice"))
                        .param("scope", "calendar.read").param("resource", ExchangeFixture.CALENDAR_API))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"))
                .andExpect(jsonPath("$.access_token").isString())
                .andExpect(jsonPath("$.issued_token_type").value(ACCESS_TOKEN))
                .andExpect(jsonPath("$.token_type").value("Bearer"))
                .andExpect(jsonPath("$.expires_in").value(300))
                .andExpect(jsonPath("$.scope").value("calendar.read"));

        assertThat(world.ledger.events(TokenExchanged.class)).hasSize(1);
        assertThat(world.ledger.events(TokenExchangeRefused.class)).isEmpty();
    }

    @Test
    void tokenWhenGrantTypeMissingThenInvalidRequestAndRefusalRecorded() throws Exception {
        expectOAuthError(mvc.perform(post("/oauth2/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("scope", "calendar.read")), 400, "invalid_request");

        TokenExchangeRefused refusal = world.ledger.events(TokenExchangeRefused.class).get(0);
        assertThat(refusal.reason()).isEqualTo("missing_parameter");
        assertThat(refusal.requestedScope()).isEqualTo("calendar.read");
    }

    @Test
    void tokenWhenGrantTypeRepeatedThenInvalidRequest() throws Exception {
        expectOAuthError(mvc.perform(post("/oauth2/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("grant_type", "client_credentials", "client_credentials")), 400, "invalid_request");
    }

    @Test
    void tokenWhenUnknownGrantTypeThenUnsupportedGrantType() throws Exception {
        expectOAuthError(mvc.perform(post("/oauth2/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header(HttpHeaders.AUTHORIZATION, ExchangeFixture.basic("travel-agent", "travel-secret"))
                .param("grant_type", "password")), 400, "unsupported_grant_type");
    }

    @Test
    void tokenWhenParametersInQueryStringThenInvalidRequest() throws Exception {
        expectOAuthError(mvc.perform(post("/oauth2/token?grant_type=client_credentials")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)), 400, "invalid_request");
    }

    @Test
    void tokenWhenWrongSecretThen401InvalidClientWithChallengeAndRefusalNamingTheClaimedClient() throws Exception {
        expectOAuthError(mvc.perform(exchange("travel-agent", "not-the-secret", world.userToken("alice"))), 401,
                "invalid_client")
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Basic")));

        TokenExchangeRefused refusal = world.ledger.events(TokenExchangeRefused.class).get(0);
        assertThat(refusal.clientId().value()).isEqualTo("travel-agent");
        assertThat(refusal.authenticated()).isFalse();
        assertThat(refusal.error()).isEqualTo("invalid_client");
    }

    @Test
    void exchangeWhenSubjectTokenGarbageThenInvalidRequestPerRfc8693() throws Exception {
        expectOAuthError(mvc.perform(exchange("travel-agent", "travel-secret", "not.a.jwt")), 400, "invalid_request");
        assertThat(world.ledger.events(TokenExchangeRefused.class).get(0).reason())
                .isEqualTo("subject_token_malformed");
    }

    @Test
    void exchangeWhenTwoResourcesThenInvalidTarget() throws Exception {
        expectOAuthError(mvc.perform(exchange("travel-agent", "travel-secret", world.userToken("alice"))
                .param("resource", ExchangeFixture.CALENDAR_API, "https://other.example")), 400, "invalid_target");
    }

    @Test
    void introspectWhenHolderAsksThenActiveWithChainAndAfterRevocationInactive() throws Exception {
        String token = accessToken(mvc.perform(exchange("travel-agent", "travel-secret", world.userToken("alice"))
                .param("resource", ExchangeFixture.CALENDAR_API)));

        JsonNode active = body(mvc.perform(post("/oauth2/introspect").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header(HttpHeaders.AUTHORIZATION, ExchangeFixture.basic("calendar-api", "calendar-secret"))
                .param("token", token)));
        assertThat(active.get("active").asBoolean()).isTrue();
        assertThat(active.get("sub").asText()).isEqualTo("alice");
        assertThat(active.get("act").get("sub").asText()).isEqualTo("travel-agent");
        assertThat(active.get("grant_id").asText()).isEqualTo(world.aliceTravelGrant.value());

        // A client that neither holds the token nor serves its audience learns nothing.
        JsonNode stranger = body(mvc.perform(post("/oauth2/introspect").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header(HttpHeaders.AUTHORIZATION, ExchangeFixture.basic("calendar-mcp", "mcp-secret"))
                .param("token", token)));
        assertThat(stranger.get("active").asBoolean()).isFalse();
        assertThat(stranger.size()).isEqualTo(1);

        mvc.perform(post("/oauth2/revoke").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .header(HttpHeaders.AUTHORIZATION, ExchangeFixture.basic("travel-agent", "travel-secret"))
                        .param("token", token))
                .andExpect(status().isOk());
        TokenRevoked revoked = world.ledger.events(TokenRevoked.class).get(0);
        world.apply(revoked);  // as Kafka delivers it back to the projection

        JsonNode after = body(mvc.perform(post("/oauth2/introspect").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header(HttpHeaders.AUTHORIZATION, ExchangeFixture.basic("calendar-api", "calendar-secret"))
                .param("token", token)));
        assertThat(after.get("active").asBoolean()).isFalse();
    }

    @Test
    void revokeWhenAnotherClientsTokenThenUnauthorizedClientAndNothingRevoked() throws Exception {
        String token = accessToken(mvc.perform(exchange("travel-agent", "travel-secret", world.userToken("alice"))
                .param("resource", ExchangeFixture.CALENDAR_API)));

        expectOAuthError(mvc.perform(post("/oauth2/revoke").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header(HttpHeaders.AUTHORIZATION, ExchangeFixture.basic("calendar-mcp", "mcp-secret"))
                .param("token", token)), 400, "unauthorized_client");
        assertThat(world.ledger.events(TokenRevoked.class)).isEmpty();
    }

    @Test
    void revokeWhenTokenIsNotOursThen200AsRfc7009Requires() throws Exception {
        mvc.perform(post("/oauth2/revoke").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .header(HttpHeaders.AUTHORIZATION, ExchangeFixture.basic("travel-agent", "travel-secret"))
                        .param("token", "garbage"))
                .andExpect(status().isOk());
        assertThat(world.ledger.events(TokenRevoked.class)).isEmpty();
    }

    private MockHttpServletRequestBuilder exchange(String client, String secret, String subjectToken) {
        return post("/oauth2/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header(HttpHeaders.AUTHORIZATION, ExchangeFixture.basic(client, secret))
                .param("grant_type", TOKEN_EXCHANGE)
                .param("subject_token", subjectToken)
                .param("subject_token_type", ACCESS_TOKEN);
    }

    private String accessToken(ResultActions result) throws Exception {
        return body(result.andExpect(status().isOk())).get("access_token").asText();
    }

    private JsonNode body(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }

    private static ResultActions expectOAuthError(ResultActions result, int status, String error) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"))
                .andExpect(header().string(HttpHeaders.PRAGMA, "no-cache"))
                .andExpect(jsonPath("$.error").value(error))
                .andExpect(jsonPath("$.error_description").isString())
                .andExpect(jsonPath("$.status").doesNotExist())
                .andExpect(jsonPath("$.trace").doesNotExist());
    }
}
