package io.mandate.issuer.authorize;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.mandate.infra.testkit.TestStack;
import io.mandate.issuer.client.AuthenticatedClient;
import io.mandate.issuer.exchange.ExchangeFixture;
import io.mandate.issuer.exchange.RefusalContext;
import io.mandate.issuer.exchange.TokenResponse;
import io.mandate.issuer.exchange.TokenService;
import io.mandate.issuer.exchange.TokenTypes;
import io.mandate.issuer.token.OAuth2ErrorException;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.UserId;
import io.mandate.messages.revocation.TokenRevoked;
import io.mandate.messages.token.AuthorizationCodeRedeemed;
import io.mandate.messages.token.TokenExchanged;
import io.mandate.messages.wire.EventCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The authorization code grant at the token endpoint's service level, with the code store on the
 * real PostgreSQL (single use is a conditional UPDATE there) and the rest of the issuer in memory
 * ({@link ExchangeFixture}): PKCE, redirect URI, client, expiry, resource, and reuse (RFC 6749
 * §4.1.2: refused, and the first use's token revoked).
 */
class CodeRedemptionIT {

    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    static final String REDIRECT = "https://agent.example/callback";

    private final ExchangeFixture world = new ExchangeFixture();
    private final String schema = "codes_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final HikariDataSource pool = pool();
    private final AuthorizationCodes codes = new AuthorizationCodes(new JdbcTemplate(pool), world.clock);
    private final CodeRedemption redemption = new CodeRedemption(codes, world.service, world.ledger, world.clock);
    private final AuthenticatedClient travelAgent = world.authentication.authenticate(
            world.basicCredentials("travel-agent", "travel-secret"));

    CodeRedemptionIT() {
        codes.createTable();
    }

    @AfterEach
    void dropSchema() {
        new JdbcTemplate(pool).execute("DROP SCHEMA " + schema + " CASCADE");
        pool.close();
    }

    @Test
    void redeemWhenVerifierRedirectAndClientMatchThenTheUsersTokenForTheResourceRecordedWithoutTheCode()
            throws Exception {
        String code = aCode("calendar.read");

        TokenResponse response = redeem(travelAgent, form(code, VERIFIER, REDIRECT));

        JWTClaimsSet claims = SignedJWT.parse(response.accessToken()).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getStringClaim("client_id")).isEqualTo("travel-agent");
        assertThat(claims.getStringClaim("azp")).isEqualTo("travel-agent");
        assertThat(claims.getAudience()).containsExactly(ExchangeFixture.CALENDAR_API);
        assertThat(claims.getStringClaim("scope")).isEqualTo("calendar.read");
        assertThat(claims.getStringClaim("grant_id")).isEqualTo(world.aliceTravelGrant.value());
        assertThat(claims.getStringClaim("gty")).isEqualTo("authorization_code");
        assertThat(claims.getJSONObjectClaim("act")).isEqualTo(Map.of("sub", "travel-agent"));
        assertThat(response.issuedTokenType()).isNull();
        AuthorizationCodeRedeemed event = world.ledger.events(AuthorizationCodeRedeemed.class).get(0);
        assertThat(event.jti().value()).isEqualTo(claims.getJWTID());
        assertThat(event.userId()).isEqualTo(UserId.of("alice"));
        assertThat(event.clientId()).isEqualTo(ClientId.of("travel-agent"));
        assertThat(event.scopes()).isEqualTo(Scopes.of("calendar.read"));
        assertThat(new String(EventCodec.newObjectMapper().writeValueAsBytes(event))).doesNotContain(code)
                .doesNotContain(AuthorizationCodes.hash(code));
    }

    @Test
    void redeemWhenTheCodeIsReusedThenInvalidGrantAndTheFirstTokenRevoked() throws Exception {
        String code = aCode("calendar.read");
        String first = redeem(travelAgent, form(code, VERIFIER, REDIRECT)).accessToken();

        OAuth2ErrorException reuse = refusal(travelAgent, form(code, VERIFIER, REDIRECT));

        assertThat(reuse.error().code()).isEqualTo("invalid_grant");
        assertThat(reuse.reason()).isEqualTo("code_reused");
        assertThat(world.ledger.events(TokenRevoked.class)).extracting(revoked -> revoked.jti().value())
                .containsExactly(SignedJWT.parse(first).getJWTClaimsSet().getJWTID());
        assertThat(world.ledger.events(AuthorizationCodeRedeemed.class)).hasSize(1);
    }

    @Test
    void redeemWhenVerifierWrongThenInvalidGrantAndTheCodeIsSpent() {
        String code = aCode("calendar.read");

        OAuth2ErrorException wrong = refusal(travelAgent, form(code, VERIFIER.replace('d', 'e'), REDIRECT));
        OAuth2ErrorException retry = refusal(travelAgent, form(code, VERIFIER, REDIRECT));

        assertThat(wrong.error().code()).isEqualTo("invalid_grant");
        assertThat(wrong.reason()).isEqualTo("code_verifier_mismatch");
        assertThat(retry.reason()).isEqualTo("code_reused");
        assertThat(world.ledger.events(AuthorizationCodeRedeemed.class)).isEmpty();
    }

    @Test
    void redeemWhenVerifierMissingOrMalformedThenInvalidRequestAndTheCodeStaysUnspent() {
        String code = aCode("calendar.read");
        MockHttpServletRequest missing = form(code, null, REDIRECT);

        assertThat(refusal(travelAgent, missing).error().code()).isEqualTo("invalid_request");
        assertThat(refusal(travelAgent, form(code, "short", REDIRECT)).reason()).isEqualTo("malformed_code_verifier");
        assertThat(redeem(travelAgent, form(code, VERIFIER, REDIRECT)).accessToken()).isNotBlank();
    }

    @Test
    void redeemWhenRedirectUriDiffersThenInvalidGrant() {
        for (String other : List.of(REDIRECT + "/", "https://agent.example/callback?x", "https://evil.example/callback")) {
            OAuth2ErrorException refused = refusal(travelAgent, form(aCode("calendar.read"), VERIFIER, other));

            assertThat(refused.error().code()).as(other).isEqualTo("invalid_grant");
            assertThat(refused.reason()).isEqualTo("redirect_uri_mismatch");
        }
    }

    @Test
    void redeemWhenAnotherClientPresentsTheCodeThenInvalidGrant() {
        AuthenticatedClient mcp = world.authentication.authenticate(world.basicCredentials("calendar-mcp", "mcp-secret"));

        OAuth2ErrorException refused = refusal(mcp, form(aCode("calendar.read"), VERIFIER, REDIRECT));

        assertThat(refused.error().code()).isEqualTo("invalid_grant");
        assertThat(refused.reason()).isEqualTo("code_client_mismatch");
    }

    @Test
    void redeemWhenSixtySecondsPassedThenExpiredInvalidGrant() {
        String code = aCode("calendar.read");
        world.clock.advance(AuthorizationCodes.LIFETIME);

        OAuth2ErrorException refused = refusal(travelAgent, form(code, VERIFIER, REDIRECT));

        assertThat(refused.error().code()).isEqualTo("invalid_grant");
        assertThat(refused.reason()).isEqualTo("code_expired");
    }

    @Test
    void redeemWhenResourceDiffersFromTheAuthorizedOneThenInvalidTarget() {
        MockHttpServletRequest request = form(aCode("calendar.read"), VERIFIER, REDIRECT);
        request.addParameter("resource", ExchangeFixture.CALENDAR_MCP);

        assertThat(refusal(travelAgent, request).error().code()).isEqualTo("invalid_target");
    }

    @Test
    void redeemWhenTheCodeIsUnknownOrOversizedThenInvalidGrant() {
        assertThat(refusal(travelAgent, form("not-a-code", VERIFIER, REDIRECT)).reason()).isEqualTo("code_unknown");
        assertThat(refusal(travelAgent, form("x".repeat(5000), VERIFIER, REDIRECT)).reason()).isEqualTo("code_unknown");
    }

    @Test
    void redeemWhenEightRequestsRaceForOneCodeThenExactlyOneToken() throws Exception {
        String code = aCode("calendar.read");
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<Optional<TokenResponse>>> outcomes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Callable<Optional<TokenResponse>> attempt = () -> {
                try {
                    return Optional.of(redeem(travelAgent, form(code, VERIFIER, REDIRECT)));
                } catch (OAuth2ErrorException e) {
                    return Optional.empty();
                }
            };
            outcomes.add(threads.submit(attempt));
        }
        int issued = 0;
        for (Future<Optional<TokenResponse>> outcome : outcomes) {
            issued += outcome.get().isPresent() ? 1 : 0;
        }
        threads.shutdown();

        assertThat(issued).isEqualTo(1);
        assertThat(world.ledger.events(AuthorizationCodeRedeemed.class)).hasSize(1);
    }

    @Test
    void exchangeWhenTheAgentPresentsItsCodeTokenThenAFirstHopWithTheCodeTokenAsAncestor() throws Exception {
        String codeToken = redeem(travelAgent, form(aCode("calendar.read"), VERIFIER, REDIRECT)).accessToken();
        String codeJti = SignedJWT.parse(codeToken).getJWTClaimsSet().getJWTID();

        TokenResponse forMcp = world.service.exchange(new TokenService.ExchangeRequest(codeToken,
                TokenTypes.ACCESS_TOKEN, null, null, Optional.empty(), Optional.of("calendar-mcp")), travelAgent,
                new RefusalContext(null, null, null));

        JWTClaimsSet claims = SignedJWT.parse(forMcp.accessToken()).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getStringClaim("scope")).isEqualTo("calendar.read");
        assertThat(claims.getAudience()).containsExactly(ExchangeFixture.CALENDAR_MCP);
        assertThat(claims.getJSONObjectClaim("act")).isEqualTo(Map.of("sub", "travel-agent"));
        assertThat(claims.getJSONObjectClaim("may_act")).isEqualTo(Map.of("sub", "calendar-mcp"));
        assertThat(claims.getStringListClaim("lineage")).containsExactly(codeJti);
        assertThat(claims.getClaim("gty")).isNull();
        TokenExchanged recorded = world.ledger.events(TokenExchanged.class).get(0);
        assertThat(recorded.parentJti().value()).isEqualTo(codeJti);

        // and the MCP server's next hop works on it as on any first-hop token
        AuthenticatedClient mcp = world.authentication.authenticate(world.basicCredentials("calendar-mcp", "mcp-secret"));
        TokenResponse forApi = world.service.exchange(new TokenService.ExchangeRequest(forMcp.accessToken(),
                TokenTypes.ACCESS_TOKEN, null, null, Optional.empty(), Optional.empty()), mcp,
                new RefusalContext(null, null, null));
        assertThat(SignedJWT.parse(forApi.accessToken()).getJWTClaimsSet().getStringListClaim("lineage"))
                .containsExactly(codeJti, claims.getJWTID());
    }

    @Test
    void exchangeWhenTheCodeTokenAsksForMoreScopeThanConsentedThenInvalidScope() {
        String codeToken = redeem(travelAgent, form(aCode("calendar.read"), VERIFIER, REDIRECT)).accessToken();

        OAuth2ErrorException refused = catchThrowableOfType(() -> world.service.exchange(
                new TokenService.ExchangeRequest(codeToken, TokenTypes.ACCESS_TOKEN, null, null,
                        Optional.of(Scopes.parse("calendar.read calendar.write")), Optional.empty()), travelAgent,
                new RefusalContext(null, null, null)), OAuth2ErrorException.class);

        assertThat(refused.error().code()).isEqualTo("invalid_scope");
    }

    @Test
    void exchangeWhenAnotherClientPresentsTheCodeTokenThenRefused() {
        String codeToken = redeem(travelAgent, form(aCode("calendar.read"), VERIFIER, REDIRECT)).accessToken();
        AuthenticatedClient mcp = world.authentication.authenticate(world.basicCredentials("calendar-mcp", "mcp-secret"));

        OAuth2ErrorException refused = catchThrowableOfType(() -> world.service.exchange(
                new TokenService.ExchangeRequest(codeToken, TokenTypes.ACCESS_TOKEN, null, null, Optional.empty(),
                        Optional.empty()), mcp, new RefusalContext(null, null, null)), OAuth2ErrorException.class);

        assertThat(refused.error().code()).isEqualTo("invalid_grant");
    }

    private String aCode(String scopes) {
        return codes.issue(ClientId.of("travel-agent"), UserId.of("alice"), world.aliceTravelGrant, REDIRECT,
                Pkce.challengeOf(VERIFIER), ExchangeFixture.CALENDAR_API, Scopes.parse(scopes));
    }

    private TokenResponse redeem(AuthenticatedClient client, MockHttpServletRequest request) {
        return redemption.redeem(request, client, new RefusalContext("authorization_code", null, null));
    }

    private OAuth2ErrorException refusal(AuthenticatedClient client, MockHttpServletRequest request) {
        OAuth2ErrorException refused = catchThrowableOfType(() -> redeem(client, request), OAuth2ErrorException.class);
        assertThat(refused).as("refused").isNotNull();
        return refused;
    }

    private static MockHttpServletRequest form(String code, String verifier, String redirectUri) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");
        request.setContentType("application/x-www-form-urlencoded");
        request.addParameter("grant_type", "authorization_code");
        request.addParameter("code", code);
        request.addParameter("redirect_uri", redirectUri);
        if (verifier != null) {
            request.addParameter("code_verifier", verifier);
        }
        return request;
    }

    private HikariDataSource pool() {
        try (HikariDataSource admin = dataSource(TestStack.get().jdbcUrl())) {
            new JdbcTemplate(admin).execute("CREATE SCHEMA " + schema);
        }
        String url = TestStack.get().jdbcUrl();
        return dataSource(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    }

    private static HikariDataSource dataSource(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(TestStack.get().jdbcUsername());
        config.setPassword(TestStack.get().jdbcPassword());
        config.setMaximumPoolSize(8);
        return new HikariDataSource(config);
    }

}
