package io.mandate.issuer.hostile;

import io.mandate.issuer.exchange.ExchangeFixture;
import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.id.Jti;
import io.mandate.messages.revocation.TokenRevoked;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;

import java.util.List;

import static io.mandate.issuer.exchange.ExchangeFixture.CALENDAR_API;
import static io.mandate.issuer.hostile.TokenEndpointProbe.assertionExchange;
import static io.mandate.issuer.hostile.TokenEndpointProbe.exchange;
import static io.mandate.issuer.hostile.TokenEndpointProbe.mcpExchange;
import static io.mandate.issuer.hostile.TokenEndpointProbe.travelExchange;

/**
 * Audience swaps, stolen and re-exchanged tokens, chains at their depth, widened scopes at the next
 * hop, revoked subjects: each gets {@code invalid_target}, {@code invalid_grant} or
 * {@code invalid_scope} with the exact reason, and leaves only its refusal event.
 */
class HostileDelegationTest {

    final TokenEndpointProbe endpoint = new TokenEndpointProbe();
    final ExchangeFixture world = endpoint.world;
    final RealTokens real = endpoint.real;

    @Nested
    class DelegationAbuse {

        @Test
        void audienceWhenUnregisteredThenInvalidTarget() throws Exception {
            endpoint.expectRefused(mcpExchange(real.aliceToMcp("calendar.read"))
                    .param("resource", "https://evil.example/api"), 400, "invalid_target", "unknown_target");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "https://calendar.example/api/     | unknown_target",
                "https://CALENDAR.example/api      | unknown_target",
                "https://calendar.example/api?x=1  | unknown_target",
                "HTTPS://calendar.example/api      | unknown_target",
                "https://calendar.example/api#frag | malformed_resource",
                "calendar.example/api              | malformed_resource",
                "https://calendar.example/a pi     | malformed_resource"})
        void resourceWhenANearMissOfTheRegisteredUriThenInvalidTarget(String resource, String reason)
                throws Exception {
            endpoint.expectRefused(mcpExchange(real.aliceToMcp("calendar.read")).param("resource", resource), 400,
                    "invalid_target", reason);
        }

        @Test
        void audienceWhenTwoTargetsThenInvalidTarget() throws Exception {
            endpoint.expectRefused(mcpExchange(real.aliceToMcp("calendar.read")).param("audience", "calendar-api")
                    .param("resource", CALENDAR_API), 400, "invalid_target", "multiple_targets");
        }

        @Test
        void audienceWhenEmptyThenInvalidTarget() throws Exception {
            endpoint.expectRefused(mcpExchange(real.aliceToMcp("calendar.read")).param("audience", ""), 400,
                    "invalid_target", "malformed_audience");
        }

        @Test
        void audienceWhenTheGrantAllowsNoHandOffThenInvalidTarget() throws Exception {
            endpoint.expectRefused(assertionExchange(world.userToken("bob"), real.freshAssertion())
                    .param("audience", "calendar-mcp"), 400, "invalid_target", "target_not_granted");
        }

        @Test
        void audienceWhenBackToAnActorAlreadyInTheChainThenInvalidTarget() throws Exception {
            endpoint.expectRefused(mcpExchange(real.aliceToMcp("calendar.read")).param("audience", "travel-agent"), 400,
                    "invalid_target", "target_not_granted");
        }

        @Test
        void audienceWhenTheChainIsAtMaxDepthThenInvalidTarget() throws Exception {
            world.client("planner-agent", ClientKind.AGENT, "calendar.read", List.of());
            String thirdHop = real.researchToMcp(real.aliceToResearch("calendar.read"), "calendar.read");

            endpoint.expectRefused(mcpExchange(thirdHop).param("audience", "planner-agent"), 400, "invalid_target",
                    "target_not_granted");
        }

        @Test
        void subjectWhenStolenByAClientMayActDoesNotNameThenInvalidGrant() throws Exception {
            endpoint.expectRefused(exchange(real.aliceToMcp("calendar.read")).header(HttpHeaders.AUTHORIZATION,
                    ExchangeFixture.basic("calendar-api", "calendar-secret")), 400, "invalid_grant",
                    "actor_not_authorized");
        }

        @Test
        void subjectWhenTheEndOfItsChainThenInvalidGrant() throws Exception {
            endpoint.expectRefused(mcpExchange(real.aliceToApi("calendar.read")), 400, "invalid_grant",
                    "not_delegable");
        }

        @Test
        void subjectWhenItsHolderReExchangesItThenInvalidGrant() throws Exception {
            endpoint.expectRefused(travelExchange(real.aliceToMcp("calendar.read")), 400, "invalid_grant",
                    "actor_not_authorized");
        }

        @Test
        void subjectWhenRevokedThenInvalidGrant() throws Exception {
            String token = real.aliceToMcp("calendar.read");
            world.apply(new TokenRevoked(Jti.of(Forge.claims(token).getJWTID()), "leaked", "responder",
                    world.clock.instant()));

            endpoint.expectRefused(mcpExchange(token), 400, "invalid_grant", "revoked_token");
        }

        @Test
        void subjectWhenAClientsOwnTokenThenInvalidRequest() throws Exception {
            endpoint.expectRefused(mcpExchange(real.clientToken("calendar-mcp", "mcp-secret", "calendar.read")), 400,
                    "invalid_request", "subject_token_not_delegated");
        }

        @Test
        void subjectWhenAUserWithoutAGrantThenInvalidGrant() throws Exception {
            endpoint.expectRefused(travelExchange(world.userToken("mallory")), 400, "invalid_grant", "no_active_grant");
        }

        @Test
        void scopeWhenWiderThanTheParentAtTheNextHopThenInvalidScope() throws Exception {
            endpoint.expectRefused(mcpExchange(real.aliceToMcp("calendar.read"))
                    .param("scope", "calendar.read calendar.write"), 400, "invalid_scope", "scope_exceeds_parent");
        }

        @Test
        void scopeWhenTheClientMayHoldItButTheGrantDoesNotThenInvalidScope() throws Exception {
            endpoint.expectRefused(travelExchange(world.userToken("alice")).param("scope", "mail.read"), 400,
                    "invalid_scope", "scope_exceeds_grant");
        }
    }
}
