package io.mandate.issuer.hostile;

import io.mandate.issuer.client.AuthenticatedClient;
import io.mandate.issuer.client.ClientAuthentication;
import io.mandate.issuer.exchange.ExchangeFixture;
import io.mandate.issuer.exchange.RefusalContext;
import io.mandate.issuer.exchange.TokenService;
import io.mandate.issuer.exchange.TokenTypes;
import io.mandate.messages.grant.Scopes;

import java.util.Optional;
import java.util.UUID;

/**
 * Genuine tokens of the {@link ExchangeFixture} world, obtained from the token service the way
 * their holders would get them: the raw material that attacks replay, alter or re-sign.
 */
final class RealTokens {

    static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

    private final ExchangeFixture world;

    RealTokens(ExchangeFixture world) {
        this.world = world;
    }

    /** travel-agent for alice, to be passed to calendar-mcp ({@code may_act} calendar-mcp). */
    String aliceToMcp(String scope) {
        return exchange(basic("travel-agent", "travel-secret"), world.userToken("alice"), scope, "calendar-mcp");
    }

    /** travel-agent for alice, for the calendar API itself: the end of its chain. */
    String aliceToApi(String scope) {
        return exchange(basic("travel-agent", "travel-secret"), world.userToken("alice"), scope,
                ExchangeFixture.CALENDAR_API);
    }

    /** travel-agent for alice, to be passed to research-agent ({@code may_act} research-agent). */
    String aliceToResearch(String scope) {
        return exchange(basic("travel-agent", "travel-secret"), world.userToken("alice"), scope, "research-agent");
    }

    /** research-agent passes {@link #aliceToResearch} on to calendar-mcp: chain research-agent, travel-agent. */
    String researchToMcp(String aliceToResearch, String scope) {
        return exchange(research(), aliceToResearch, scope, "calendar-mcp");
    }

    /** research-agent for bob, for the calendar API (bob's grant allows no hand-off). */
    String bobToApi() {
        return exchange(research(), world.userToken("bob"), null, null);
    }

    /** A client's own token (client_credentials): no user, no chain. */
    String clientToken(String client, String secret, String scope) {
        return world.service.clientCredentials(Optional.ofNullable(scope).map(Scopes::parse), Optional.empty(),
                basic(client, secret), context("client_credentials")).accessToken();
    }

    /** A research-agent client assertion nobody has used yet. */
    String freshAssertion() {
        return world.researchAssertion("assertion-" + UUID.randomUUID());
    }

    AuthenticatedClient basic(String client, String secret) {
        return world.authentication.authenticate(world.basicCredentials(client, secret));
    }

    AuthenticatedClient research() {
        return authenticate(freshAssertion());
    }

    AuthenticatedClient authenticate(String assertion) {
        return world.authentication.authenticate(new ClientAuthentication.Credentials(null, null, null,
                ClientAuthentication.JWT_BEARER_ASSERTION, assertion));
    }

    String exchange(AuthenticatedClient client, String subjectToken, String scope, String audience) {
        return world.service.exchange(new TokenService.ExchangeRequest(subjectToken, TokenTypes.ACCESS_TOKEN, null,
                        null, Optional.ofNullable(scope).map(Scopes::parse), Optional.ofNullable(audience)), client,
                context(TOKEN_EXCHANGE)).accessToken();
    }

    private static RefusalContext context(String grantType) {
        return new RefusalContext(grantType, null, null);
    }
}
