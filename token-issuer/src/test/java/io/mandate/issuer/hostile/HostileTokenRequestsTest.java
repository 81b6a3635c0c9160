package io.mandate.issuer.hostile;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.mandate.issuer.exchange.ExchangeFixture;
import io.mandate.messages.MandateEvent;
import io.mandate.messages.token.TokenExchangeRefused;
import io.mandate.messages.token.TokenExchanged;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.mandate.issuer.exchange.ExchangeFixture.CALENDAR_API;
import static io.mandate.issuer.hostile.TokenEndpointProbe.ACCESS_TOKEN;
import static io.mandate.issuer.hostile.TokenEndpointProbe.assertionExchange;
import static io.mandate.issuer.hostile.TokenEndpointProbe.exchange;
import static io.mandate.issuer.hostile.TokenEndpointProbe.travelExchange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Malformed requests, unknown grant types, client authentication attacks and odd scope strings
 * against {@code POST /oauth2/token}: each gets the exact RFC 6749 / 8707 error, no stack trace,
 * {@code no-store}, and leaves exactly one trace: the {@code TokenExchangeRefused} event, with no
 * token event. The subject token attacks are in {@link HostileSubjectTokensTest}, the delegation
 * ones in {@link HostileDelegationTest}.
 */
class HostileTokenRequestsTest {

    final TokenEndpointProbe endpoint = new TokenEndpointProbe();
    final ExchangeFixture world = endpoint.world;
    final RealTokens real = endpoint.real;

    @Nested
    class ClientAuthenticationAttacks {

        @Test
        void secretWhenWrongThen401() throws Exception {
            endpoint.expectRefused(exchange(world.userToken("alice")).header(HttpHeaders.AUTHORIZATION,
                    ExchangeFixture.basic("travel-agent", "travel-secret!")), 401, "invalid_client",
                    "client_authentication_failed");
        }

        @Test
        void clientWhenUnknownThen401() throws Exception {
            endpoint.expectRefused(exchange(world.userToken("alice")).header(HttpHeaders.AUTHORIZATION,
                    ExchangeFixture.basic("nobody", "travel-secret")), 401, "invalid_client",
                    "client_authentication_failed");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "Basic !!!not-base64!!!                 | malformed_client_credentials",
                "Basic dHJhdmVsLWFnZW50                  | malformed_client_credentials",
                "Basic OnRyYXZlbC1zZWNyZXQ=              | malformed_client_credentials",
                "Bearer eyJhbGciOiJub25lIn0.e30.         | unsupported_client_authentication",
                "Digest username=\"travel-agent\"        | unsupported_client_authentication"})
        void authorizationWhenMalformedOrAnotherSchemeThen401(String header, String reason) throws Exception {
            endpoint.expectRefused(exchange(world.userToken("alice")).header(HttpHeaders.AUTHORIZATION, header), 401,
                    "invalid_client", reason);
        }

        @Test
        void secretWhenSentInTheFormThen401() throws Exception {
            endpoint.expectRefused(exchange(world.userToken("alice")).param("client_id", "travel-agent")
                    .param("client_secret", "travel-secret"), 401, "invalid_client",
                    "unsupported_client_authentication");
        }

        @Test
        void authenticationWhenBasicAndAssertionTogetherThen401() throws Exception {
            endpoint.expectRefused(exchange(world.userToken("alice"))
                    .header(HttpHeaders.AUTHORIZATION, ExchangeFixture.basic("travel-agent", "travel-secret"))
                    .param("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                    .param("client_assertion", real.freshAssertion()), 401, "invalid_client",
                    "multiple_client_authentication");
        }

        @Test
        void assertionWhenReplayedThen401AndTheSecondTokenIsNeverHandedOut() throws Exception {
            String assertion = real.freshAssertion();
            endpoint.expectIssued(assertionExchange(world.userToken("bob"), assertion));

            endpoint.expectRefused(assertionExchange(world.userToken("bob"), assertion), 401, "invalid_client",
                    "client_assertion_replayed");
        }

        @Test
        void assertionWhenAlgNoneThen401() throws Exception {
            String unsecured = Forge.unsecured(Map.of("alg", "none"), Forge.claims(real.freshAssertion()));

            endpoint.expectRefused(assertionExchange(world.userToken("bob"), unsecured), 401, "invalid_client",
                    "malformed_client_assertion");
        }

        @Test
        void assertionWhenHs256KeyedWithTheClientsPublicJwkThen401() throws Exception {
            byte[] publicJwk = Forge.utf8(world.researchAgentKey.toPublicJWK().toJSONString());
            String confused = Forge.hmac(Forge.claims(real.freshAssertion()), publicJwk,
                    world.researchAgentKey.getKeyID());

            endpoint.expectRefused(assertionExchange(world.userToken("bob"), confused), 401, "invalid_client",
                    "client_assertion_algorithm");
        }

        @Test
        void assertionWhenSignedByAnotherKeyWithTheClientsKidThen401() throws Exception {
            ECKey attacker = Forge.ecKey(Curve.P_256, world.researchAgentKey.getKeyID());
            String forged = Forge.signed(new JWSHeader.Builder(JWSAlgorithm.ES256)
                    .keyID(world.researchAgentKey.getKeyID()).build(), Forge.claims(real.freshAssertion()),
                    new ECDSASigner(attacker));

            endpoint.expectRefused(assertionExchange(world.userToken("bob"), forged), 401, "invalid_client",
                    "client_authentication_failed");
        }

        @Test
        void assertionWhenExpiredThen401() throws Exception {
            String assertion = real.freshAssertion();
            world.clock.advance(Duration.ofSeconds(91));  // 60 s lifetime + 30 s skew
            String user = world.userToken("bob");

            endpoint.expectRefused(assertionExchange(user, assertion), 401, "invalid_client",
                    "client_assertion_expired");
        }
    }

    @Nested
    class MalformedRequests {

        @ParameterizedTest
        @ValueSource(strings = {"password", "authorization_code", "refresh_token", "CLIENT_CREDENTIALS",
                "urn:ietf:params:oauth:grant-type:jwt-bearer", "urn:ietf:params:oauth:grant-type:token-exchange ",
                "urn:ietf:params:oauth:grant-type:Token-Exchange", "implicit\u0000"})
        void grantTypeWhenUnknownThenUnsupportedGrantType(String grantType) throws Exception {
            endpoint.expectRefused(post("/oauth2/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .header(HttpHeaders.AUTHORIZATION, ExchangeFixture.basic("travel-agent", "travel-secret"))
                    .param("grant_type", grantType), 400, "unsupported_grant_type", "unsupported_grant_type");
        }

        @ParameterizedTest
        @ValueSource(strings = {"grant_type", "subject_token", "subject_token_type", "scope", "client_id"})
        void parameterWhenRepeatedThenInvalidRequest(String name) throws Exception {
            MockHttpServletRequestBuilder request = travelExchange(world.userToken("alice"))
                    .param("scope", "calendar.read").param("client_id", "travel-agent");
            String value = switch (name) {
                case "grant_type" -> RealTokens.TOKEN_EXCHANGE;
                case "subject_token" -> world.userToken("alice");
                case "subject_token_type" -> ACCESS_TOKEN;
                case "scope" -> "calendar.read";
                default -> "travel-agent";
            };

            endpoint.expectRefused(request.param(name, value), 400, "invalid_request", "repeated_parameter");
        }

        @ParameterizedTest
        @ValueSource(strings = {"grant_type", "subject_token", "subject_token_type", "scope", "client_id",
                "actor_token", "requested_token_type"})
        void parameterWhenEmptyThenInvalidRequest(String name) throws Exception {
            MockHttpServletRequestBuilder request = post("/oauth2/token")
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .header(HttpHeaders.AUTHORIZATION, ExchangeFixture.basic("travel-agent", "travel-secret"));
            for (String[] param : new String[][]{{"grant_type", RealTokens.TOKEN_EXCHANGE},
                    {"subject_token", world.userToken("alice")}, {"subject_token_type", ACCESS_TOKEN}}) {
                request.param(param[0], param[0].equals(name) ? "" : param[1]);
            }
            if (!List.of("grant_type", "subject_token", "subject_token_type").contains(name)) {
                request.param(name, " ");
            }

            endpoint.expectRefused(request, 400, "invalid_request", "empty_parameter");
        }

        @Test
        void subjectTokenWhenMissingThenInvalidRequest() throws Exception {
            endpoint.expectRefused(post("/oauth2/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .header(HttpHeaders.AUTHORIZATION, ExchangeFixture.basic("travel-agent", "travel-secret"))
                    .param("grant_type", RealTokens.TOKEN_EXCHANGE).param("subject_token_type", ACCESS_TOKEN), 400,
                    "invalid_request", "missing_parameter");
        }

        @ParameterizedTest
        @ValueSource(strings = {"not.a.jwt", "a.b", "a.b.c.d.e", "....", "eyJhbGciOiJFUzI1NiJ9..",
                "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d", "\u202eeyJ.eyJ.sig"})
        void subjectTokenWhenNotACompactJwsThenInvalidRequest(String garbage) throws Exception {
            endpoint.expectRefused(travelExchange(garbage), 400, "invalid_request", "subject_token_malformed");
        }

        @Test
        void subjectTokenWhenOver8KibOfGarbageThenInvalidRequest() throws Exception {
            endpoint.expectRefused(travelExchange("a".repeat(100_000)), 400, "invalid_request",
                    "subject_token_too_large");
        }

        @ParameterizedTest
        @ValueSource(strings = {"urn:ietf:params:oauth:token-type:refresh_token",
                "urn:ietf:params:oauth:token-type:saml2", "access_token"})
        void subjectTokenTypeWhenUnsupportedThenInvalidRequest(String type) throws Exception {
            endpoint.expectRefused(exchange(world.userToken("alice"), type).header(HttpHeaders.AUTHORIZATION,
                    ExchangeFixture.basic("travel-agent", "travel-secret")), 400, "invalid_request",
                    "unsupported_token_type");
        }

        @Test
        void subjectTokenTypeWhenIdTokenForAMandateTokenThenInvalidRequest() throws Exception {
            String token = real.aliceToMcp("calendar.read");

            endpoint.expectRefused(exchange(token, "urn:ietf:params:oauth:token-type:id_token").header(
                    HttpHeaders.AUTHORIZATION, ExchangeFixture.basic("calendar-mcp", "mcp-secret")), 400,
                    "invalid_request", "unsupported_token_type");
        }

        @Test
        void actorTokenWhenWithoutItsTypeThenInvalidRequest() throws Exception {
            endpoint.expectRefused(travelExchange(world.userToken("alice")).param("actor_token", "x.y.z"), 400,
                    "invalid_request", "actor_token_type");
        }

        @Test
        void actorTokenWhenAnotherClientsOwnTokenThenInvalidRequest() throws Exception {
            String mcpOwn = real.clientToken("calendar-mcp", "mcp-secret", "calendar.read");

            endpoint.expectRefused(travelExchange(world.userToken("alice")).param("actor_token", mcpOwn)
                    .param("actor_token_type", ACCESS_TOKEN), 400, "invalid_request", "actor_token_mismatch");
        }

        @Test
        void requestedTokenTypeWhenRefreshTokenThenInvalidRequest() throws Exception {
            endpoint.expectRefused(travelExchange(world.userToken("alice"))
                    .param("requested_token_type", "urn:ietf:params:oauth:token-type:refresh_token"), 400,
                    "invalid_request", "unsupported_requested_token_type");
        }

        @Test
        void parametersWhenInTheQueryStringThenInvalidRequest() throws Exception {
            endpoint.expectRefused(post("/oauth2/token?subject_token=x")
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .header(HttpHeaders.AUTHORIZATION, ExchangeFixture.basic("travel-agent", "travel-secret"))
                    .param("grant_type", RealTokens.TOKEN_EXCHANGE), 400, "invalid_request", "query_parameters");
        }

        @ParameterizedTest
        @ValueSource(strings = {"application/json", "text/plain", "multipart/form-data; boundary=x",
                "application/x-www-form-urlencoded-evil"})
        void contentTypeWhenNotAFormThenInvalidRequest(String contentType) throws Exception {
            endpoint.expectRefused(travelExchange(world.userToken("alice")).contentType(contentType), 400,
                    "invalid_request", "content_type");
        }

        @Test
        void contentTypeWhenMissingThenInvalidRequest() throws Exception {
            endpoint.expectRefused(travelExchange(world.userToken("alice")).with(request -> {
                request.setContentType(null);
                request.removeHeader(HttpHeaders.CONTENT_TYPE);
                return request;
            }), 400, "invalid_request", "content_type");
        }

        @ParameterizedTest
        @ValueSource(strings = {"garbage", "/", "form", "application/x-www-form-urlencoded; charset=nonsense"})
        void contentTypeWhenUnparsableThenInvalidRequest(String contentType) throws Exception {
            endpoint.expectRefused(travelExchange(world.userToken("alice")).with(request -> {
                request.setContentType(contentType);
                return request;
            }), 400, "invalid_request", "content_type");
        }

        /**
         * A charset name with characters no charset may have: Spring's {@code UrlPathHelper} would
         * fail on it while writing any response ({@code IllegalCharsetNameException}, a 500);
         * {@code CharsetGuardFilter} hides it, so the request is refused like any bad Content-Type.
         */
        @ParameterizedTest
        @ValueSource(strings = {"application/x-www-form-urlencoded; charset=\"",
                "application/x-www-form-urlencoded; charset=a@b"})
        void contentTypeWhenItsCharsetIsAnIllegalNameThenInvalidRequest(String contentType) throws Exception {
            endpoint.expectRefused(travelExchange(world.userToken("alice")).with(request -> {
                request.setContentType(contentType);
                return request;
            }), 400, "invalid_request", "content_type");
        }

        /**
         * RFC 6749 §5.1 answers JSON whatever the client accepts, and the ledger holds the event of
         * what was answered: the token's Content-Type is set, not negotiated, so a token already
         * recorded can never be lost to a failed negotiation (which would be a 500 with a
         * {@code TokenExchanged} and no token delivered).
         */
        @ParameterizedTest
        @ValueSource(strings = {"text/html", "application/xml", "image/png"})
        void acceptWhenNotJsonThenNeverA500AndTheLedgerMatchesTheAnswer(String accept) throws Exception {
            int before = world.ledger.events().size();

            MockHttpServletResponse response = endpoint.mvc.perform(travelExchange(world.userToken("alice"))
                    .accept(accept)).andReturn().getResponse();

            List<MandateEvent> appended = OAuthResponses.appendedSince(world, before);
            SoftAssertions.assertSoftly(softly -> {
                softly.assertThat(response.getStatus()).as("status").isNotEqualTo(500);
                softly.assertThat(appended).as("events of a %s", response.getStatus()).singleElement()
                        .isInstanceOf(response.getStatus() == 200 ? TokenExchanged.class : TokenExchangeRefused.class);
            });
        }

        @Test
        void scopeWhenOneMebibyteThenInvalidScopeAndTheRefusalKeepsAShortCopy() throws Exception {
            TokenExchangeRefused refusal = endpoint.expectRefused(travelExchange(world.userToken("alice"))
                    .param("scope", "calendar.read".repeat(80_000)), 400, "invalid_scope", "scope_exceeds_grant");

            assertThat(refusal.requestedScope()).hasSizeLessThanOrEqualTo(256);
        }
    }

    @Nested
    class OddScopes {

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
                "'calendar.read\tcalendar.write' | malformed_scope",
                "'calendar.read,calendar.write'  | scope_exceeds_grant",
                "' calendar.read'                | malformed_scope",
                "'calendar.read '                | malformed_scope",
                "'calendar.read  calendar.write' | malformed_scope",
                "'Calendar.Read'                 | scope_exceeds_grant",
                "'CALENDAR.READ calendar.write'  | scope_exceeds_grant",
                "'calendar.réad'                 | malformed_scope",
                "'calendar.read\u00a0calendar.write' | malformed_scope",
                "'calendar.read\u3000calendar.write' | malformed_scope",
                "'ｃalendar.read'                | malformed_scope",
                "'calendar.read\ncalendar.write' | malformed_scope",
                "'calendar.read\"'               | malformed_scope",
                "'calendar.read\\'               | malformed_scope",
                "'calendar.read;calendar.write'  | scope_exceeds_grant",
                "'calendar.read+calendar.write'  | scope_exceeds_grant",
                "'calendar.*'                    | scope_exceeds_grant",
                "'mail.read'                     | scope_exceeds_grant",
                "'calendar.read mail.read'       | scope_exceeds_grant"})
        void scopeWhenOddSeparatorsCaseOrCharactersThenInvalidScope(String scope, String reason) throws Exception {
            TokenExchangeRefused refusal = endpoint.expectRefused(travelExchange(world.userToken("alice"))
                    .param("scope", scope).param("resource", CALENDAR_API), 400, "invalid_scope", reason);

            assertThat(refusal.requestedScope()).doesNotContainPattern("\\p{Cntrl}");
        }

        @Test
        void controlWhenTheSameScopesWellFormedThenIssuedExactlyAsAsked() throws Exception {
            JWTClaimsSet issued = endpoint.expectIssued(travelExchange(world.userToken("alice"))
                    .param("scope", "calendar.write calendar.read").param("resource", CALENDAR_API));

            assertThat(issued.getStringClaim("scope")).isEqualTo("calendar.read calendar.write");
        }
    }
}
