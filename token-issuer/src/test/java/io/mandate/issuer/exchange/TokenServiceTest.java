package io.mandate.issuer.exchange;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.mandate.issuer.client.AuthenticatedClient;
import io.mandate.issuer.ledger.Grain;
import io.mandate.issuer.ledger.LedgerOutcome;
import io.mandate.issuer.token.OAuth2ErrorException;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.revocation.ClientRevoked;
import io.mandate.messages.revocation.TokenRevoked;
import io.mandate.messages.client.ClientSuspended;
import io.mandate.messages.token.ClientTokenIssued;
import io.mandate.messages.token.TokenExchanged;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The exchange rules and the token format, on the whole issuer without Spring (see {@link ExchangeFixture}). */
class TokenServiceTest {

    private final ExchangeFixture world = new ExchangeFixture();

    @Test
    void firstHopWhenAgentPresentsItsUsersTokenThenTokenForTheGrantedResource() throws Exception {
        TokenResponse response = exchange("travel-agent", "travel-secret", world.userToken("alice"),
                Optional.of("calendar.read"), Optional.of(ExchangeFixture.CALENDAR_API));

        JWTClaimsSet claims = SignedJWT.parse(response.accessToken()).getJWTClaimsSet();
        assertThat(SignedJWT.parse(response.accessToken()).getHeader().getType().getType()).isEqualTo("at+jwt");
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getIssuer()).isEqualTo(ExchangeFixture.ISSUER);
        assertThat(claims.getAudience()).containsExactly(ExchangeFixture.CALENDAR_API);
        assertThat(claims.getStringClaim("client_id")).isEqualTo("travel-agent");
        assertThat(claims.getStringClaim("azp")).isEqualTo("travel-agent");
        assertThat(claims.getStringClaim("scope")).isEqualTo("calendar.read");
        assertThat(claims.getJSONObjectClaim("act")).isEqualTo(Map.of("sub", "travel-agent"));
        assertThat(claims.getClaim("may_act")).isNull();
        assertThat(claims.getStringClaim("grant_id")).isEqualTo(world.aliceTravelGrant.value());
        assertThat(response.issuedTokenType()).isEqualTo(TokenTypes.ACCESS_TOKEN);
        assertThat(response.expiresIn()).isEqualTo(300);
        TokenExchanged recorded = world.ledger.events(TokenExchanged.class).get(0);
        assertThat(recorded.jti().value()).isEqualTo(claims.getJWTID());
        assertThat(recorded.actorChain()).containsExactly(ClientId.of("travel-agent"));
        assertThat(recorded.subjectIssuer()).isEqualTo(ExchangeFixture.IDP);
    }

    @Test
    void twoHopsWhenAgentHandsToMcpServerThenOneChainWithNarrowingScope() throws Exception {
        TokenResponse toMcp = exchange("travel-agent", "travel-secret", world.userToken("alice"),
                Optional.of("calendar.read calendar.write"), Optional.of("calendar-mcp"));
        JWTClaimsSet first = SignedJWT.parse(toMcp.accessToken()).getJWTClaimsSet();
        assertThat(first.getAudience()).containsExactly(ExchangeFixture.CALENDAR_MCP);
        assertThat(first.getJSONObjectClaim("may_act")).isEqualTo(Map.of("sub", "calendar-mcp"));

        TokenResponse upstream = exchange("calendar-mcp", "mcp-secret", toMcp.accessToken(),
                Optional.of("calendar.read"), Optional.of(ExchangeFixture.CALENDAR_API));

        JWTClaimsSet second = SignedJWT.parse(upstream.accessToken()).getJWTClaimsSet();
        assertThat(second.getSubject()).isEqualTo("alice");
        assertThat(second.getStringClaim("client_id")).isEqualTo("calendar-mcp");
        assertThat(second.getJSONObjectClaim("act")).isEqualTo(Map.of("sub", "calendar-mcp",
                "act", Map.of("sub", "travel-agent")));
        assertThat(second.getStringListClaim("lineage")).containsExactly(first.getJWTID());
        assertThat(second.getStringClaim("scope")).isEqualTo("calendar.read");
        assertThat(second.getClaim("may_act")).isNull();
        assertThat(world.ledger.events(TokenExchanged.class)).extracting(TokenExchanged::parentJti)
                .containsExactly(null, Jti.of(first.getJWTID()));
    }

    @Test
    void agentToAgentWhenPolicyAllowsAgentsThenSecondAgentReachesTheResource() throws Exception {
        TokenResponse toResearch = exchange("travel-agent", "travel-secret", world.userToken("alice"),
                Optional.of("calendar.read"), Optional.of("research-agent"));
        AuthenticatedClient research = world.authentication.authenticate(new io.mandate.issuer.client
                .ClientAuthentication.Credentials(null, null, null,
                io.mandate.issuer.client.ClientAuthentication.JWT_BEARER_ASSERTION, world.researchAssertion("a-1")));

        TokenResponse upstream = world.service.exchange(request(toResearch.accessToken(), Optional.empty(),
                Optional.of(ExchangeFixture.CALENDAR_API)), research, context());

        JWTClaimsSet claims = SignedJWT.parse(upstream.accessToken()).getJWTClaimsSet();
        assertThat(claims.getJSONObjectClaim("act")).isEqualTo(Map.of("sub", "research-agent",
                "act", Map.of("sub", "travel-agent")));
        assertThat(claims.getStringClaim("scope")).isEqualTo("calendar.read");
    }

    @Test
    void scopeWhenMoreThanTheParentThenInvalidScopeNeverWidened() throws Exception {
        TokenResponse toMcp = exchange("travel-agent", "travel-secret", world.userToken("alice"),
                Optional.of("calendar.read"), Optional.of("calendar-mcp"));

        assertRefused(() -> exchange("calendar-mcp", "mcp-secret", toMcp.accessToken(),
                Optional.of("calendar.read calendar.write"), Optional.of(ExchangeFixture.CALENDAR_API)),
                "invalid_scope", "scope_exceeds_parent");
        assertRefused(() -> exchange("travel-agent", "travel-secret", world.userToken("alice"),
                Optional.of("mail.read"), Optional.of(ExchangeFixture.CALENDAR_API)), "invalid_scope",
                "scope_exceeds_grant");
    }

    @Test
    void actorWhenNotTheOneMayActNamesThenInvalidGrant() throws Exception {
        TokenResponse toMcp = exchange("travel-agent", "travel-secret", world.userToken("alice"),
                Optional.of("calendar.read"), Optional.of("calendar-mcp"));
        TokenResponse toApi = exchange("travel-agent", "travel-secret", world.userToken("alice"),
                Optional.of("calendar.read"), Optional.of(ExchangeFixture.CALENDAR_API));

        // Another client holding a stolen token cannot act on it...
        assertRefused(() -> exchange("calendar-api", "calendar-secret", toMcp.accessToken(), Optional.empty(),
                Optional.of(ExchangeFixture.CALENDAR_API)), "invalid_grant", "actor_not_authorized");
        // ...and a token for the final resource cannot be passed on at all.
        assertRefused(() -> exchange("calendar-api", "calendar-secret", toApi.accessToken(), Optional.empty(),
                Optional.of(ExchangeFixture.CALENDAR_API)), "invalid_grant", "not_delegable");
        // The holder itself cannot re-exchange its token (it would appear twice in the chain).
        assertRefused(() -> exchange("travel-agent", "travel-secret", toMcp.accessToken(), Optional.empty(),
                Optional.of(ExchangeFixture.CALENDAR_API)), "invalid_grant", "actor_not_authorized");
    }

    @Test
    void depthWhenPolicyAllowsNoHandOffThenOtherAudiencesAreInvalidTarget() {
        AuthenticatedClient research = world.authentication.authenticate(new io.mandate.issuer.client
                .ClientAuthentication.Credentials(null, null, null,
                io.mandate.issuer.client.ClientAuthentication.JWT_BEARER_ASSERTION, world.researchAssertion("a-2")));

        assertRefused(() -> world.service.exchange(request(world.userToken("bob"), Optional.empty(),
                Optional.of("calendar-mcp")), research, context()), "invalid_target", "target_not_granted");
    }

    @Test
    void revocationWhenClientWatermarkCoversTheParentThenInvalidGrant() throws Exception {
        TokenResponse toMcp = exchange("travel-agent", "travel-secret", world.userToken("alice"),
                Optional.of("calendar.read"), Optional.of("calendar-mcp"));
        world.clock.advance(Duration.ofSeconds(2));
        world.apply(new ClientRevoked(ClientId.of("travel-agent"), "prompt injection", "responder",
                world.clock.instant()));

        assertRefused(() -> exchange("calendar-mcp", "mcp-secret", toMcp.accessToken(), Optional.empty(),
                Optional.of(ExchangeFixture.CALENDAR_API)), "invalid_grant", "revoked_client");
        assertRefused(() -> exchange("travel-agent", "travel-secret", world.userToken("alice"), Optional.empty(),
                Optional.of(ExchangeFixture.CALENDAR_API)), "invalid_grant", "no_active_grant");
    }

    @Test
    void revocationWhenAncestorTokenRevokedThenDescendantRefusedAndInactive() throws Exception {
        TokenResponse toMcp = exchange("travel-agent", "travel-secret", world.userToken("alice"),
                Optional.of("calendar.read"), Optional.of("calendar-mcp"));
        TokenResponse upstream = exchange("calendar-mcp", "mcp-secret", toMcp.accessToken(), Optional.empty(),
                Optional.of(ExchangeFixture.CALENDAR_API));
        MandateToken child = world.subjects.verifyMandate(upstream.accessToken(), "token");
        assertThat(world.status.isActive(child)).isTrue();

        world.apply(new TokenRevoked(Jti.of(SignedJWT.parse(toMcp.accessToken()).getJWTClaimsSet().getJWTID()), "leaked",
                "responder", world.clock.instant()));

        assertThat(world.status.isActive(child)).isFalse();
        assertRefused(() -> exchange("calendar-mcp", "mcp-secret", toMcp.accessToken(), Optional.empty(),
                Optional.of(ExchangeFixture.CALENDAR_API)), "invalid_grant", "revoked_token");
    }

    @Test
    void recordWhenLedgerFindsARevocationTheProjectionMissedThenInvalidGrantAndNothingRecorded() {
        world.ledger.authority(check -> Optional.of(new LedgerOutcome.Refused(Grain.GRANT, "revoked in the store")));

        assertRefused(() -> exchange("travel-agent", "travel-secret", world.userToken("alice"), Optional.empty(),
                Optional.of(ExchangeFixture.CALENDAR_API)), "invalid_grant", "revoked_grant");
        assertThat(world.ledger.events(TokenExchanged.class)).isEmpty();
    }

    @Test
    void suspendedClientWhenExchangingThenInvalidGrant() {
        world.apply(new ClientSuspended(ClientId.of("travel-agent"), "investigation", "responder",
                world.clock.instant()));

        assertRefused(() -> exchange("travel-agent", "travel-secret", world.userToken("alice"), Optional.empty(),
                Optional.of(ExchangeFixture.CALENDAR_API)), "invalid_grant", "client_suspended");
    }

    @Test
    void assertionWhenReplayedThenInvalidClient() {
        String assertion = world.researchAssertion("once");
        AuthenticatedClient research = world.authentication.authenticate(new io.mandate.issuer.client
                .ClientAuthentication.Credentials(null, null, null,
                io.mandate.issuer.client.ClientAuthentication.JWT_BEARER_ASSERTION, assertion));
        world.service.exchange(request(world.userToken("bob"), Optional.empty(), Optional.empty()), research, context());

        assertRefused(() -> world.service.exchange(request(world.userToken("bob"), Optional.empty(), Optional.empty()),
                research, context()), "invalid_client", "client_assertion_replayed");
    }

    @Test
    void clientCredentialsWhenScopeWithinAllowedThenOwnIdentityToken() throws Exception {
        AuthenticatedClient agent = world.authentication.authenticate(world.basicCredentials("travel-agent",
                "travel-secret"));

        TokenResponse response = world.service.clientCredentials(Optional.of(Scopes.parse("mail.read")),
                Optional.empty(), agent, context());

        JWTClaimsSet claims = SignedJWT.parse(response.accessToken()).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("travel-agent");
        assertThat(claims.getAudience()).containsExactly(ExchangeFixture.ISSUER);
        assertThat(claims.getClaim("act")).isNull();
        assertThat(world.ledger.events(ClientTokenIssued.class)).hasSize(1);
        assertRefused(() -> world.service.clientCredentials(Optional.of(Scopes.parse("docs.read")), Optional.empty(),
                agent, context()), "invalid_scope", "scope_exceeds_client");
    }

    @Test
    void authenticationWhenSecretWrongThenInvalidClient() {
        assertRefused(() -> world.authentication.authenticate(world.basicCredentials("travel-agent", "wrong")),
                "invalid_client", "client_authentication_failed");
        assertRefused(() -> world.authentication.authenticate(world.basicCredentials("nobody", "travel-secret")),
                "invalid_client", "client_authentication_failed");
    }

    private TokenResponse exchange(String client, String secret, String subject, Optional<String> scope,
                                   Optional<String> target) {
        AuthenticatedClient authenticated = world.authentication.authenticate(world.basicCredentials(client, secret));
        return world.service.exchange(request(subject, scope, target), authenticated, context());
    }

    private static TokenService.ExchangeRequest request(String subject, Optional<String> scope, Optional<String> target) {
        return new TokenService.ExchangeRequest(subject, TokenTypes.ACCESS_TOKEN, null, null, scope.map(Scopes::parse),
                target);
    }

    private static RefusalContext context() {
        return new RefusalContext("urn:ietf:params:oauth:grant-type:token-exchange", null, null);
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String error,
                                      String reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(OAuth2ErrorException.class, e -> {
            assertThat(e.error().code()).isEqualTo(error);
            assertThat(e.reason()).isEqualTo(reason);
        });
    }
}
