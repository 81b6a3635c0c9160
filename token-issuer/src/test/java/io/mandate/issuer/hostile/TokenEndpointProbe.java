package io.mandate.issuer.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import io.mandate.issuer.exchange.ExchangeFixture;
import io.mandate.issuer.token.TokenEndpointHarness;
import io.mandate.messages.MandateEvent;
import io.mandate.messages.token.TokenExchangeRefused;
import io.mandate.messages.token.TokenExchanged;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The token endpoint of a fresh {@link ExchangeFixture} (one per test), with the requests the
 * example tests send and the two expectations they end with: refused with exactly one refusal
 * event, or (controls) issued with exactly one token event.
 */
final class TokenEndpointProbe {

    static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";

    final ExchangeFixture world = new ExchangeFixture();
    final MockMvc mvc = TokenEndpointHarness.mockMvc(world);
    final RealTokens real = new RealTokens(world);

    static MockHttpServletRequestBuilder exchange(String subjectToken) {
        return exchange(subjectToken, ACCESS_TOKEN);
    }

    static MockHttpServletRequestBuilder exchange(String subjectToken, String subjectTokenType) {
        return post("/oauth2/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("grant_type", RealTokens.TOKEN_EXCHANGE)
                .param("subject_token", subjectToken)
                .param("subject_token_type", subjectTokenType);
    }

    static MockHttpServletRequestBuilder travelExchange(String subjectToken) {
        return exchange(subjectToken).header(HttpHeaders.AUTHORIZATION,
                ExchangeFixture.basic("travel-agent", "travel-secret"));
    }

    static MockHttpServletRequestBuilder mcpExchange(String subjectToken) {
        return exchange(subjectToken).header(HttpHeaders.AUTHORIZATION,
                ExchangeFixture.basic("calendar-mcp", "mcp-secret"));
    }

    static MockHttpServletRequestBuilder assertionExchange(String subjectToken, String assertion) {
        return exchange(subjectToken)
                .param("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .param("client_assertion", assertion);
    }

    static JWSHeader mandateHeader(JWSAlgorithm algorithm, JOSEObjectType type, String keyId) {
        return new JWSHeader.Builder(algorithm).type(type).keyID(keyId).build();
    }

    // --- expectations ---------------------------------------------------------------------------

    /** The refusal: exact status and code, RFC error shape, and one refusal event as the only trace. */
    TokenExchangeRefused expectRefused(MockHttpServletRequestBuilder request, int status, String error, String reason)
            throws Exception {
        int before = world.ledger.events().size();

        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();

        OAuthResponses.assertError(response, status, error);
        List<MandateEvent> appended = OAuthResponses.appendedSince(world, before);
        assertThat(appended).as("events appended by a refused request").hasSize(1)
                .first().isInstanceOf(TokenExchangeRefused.class);
        TokenExchangeRefused refusal = (TokenExchangeRefused) appended.get(0);
        assertThat(refusal.error()).isEqualTo(error);
        if (reason.endsWith("*")) {
            assertThat(refusal.reason()).startsWith(reason.substring(0, reason.length() - 1));
        } else {
            assertThat(refusal.reason()).isEqualTo(reason);
        }
        return refusal;
    }

    /** A control: the request succeeds, with one token event, so the refusals above are not vacuous. */
    JWTClaimsSet expectIssued(MockHttpServletRequestBuilder request) throws Exception {
        int before = world.ledger.events().size();

        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();

        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        JsonNode body = OAuthResponses.body(response);
        JWTClaimsSet claims = Forge.claims(body.get("access_token").asText());
        assertThat(OAuthResponses.appendedSince(world, before)).singleElement()
                .isInstanceOfSatisfying(TokenExchanged.class, event -> assertThat(event.jti().value())
                        .isEqualTo(claims.getJWTID()));
        return claims;
    }
}
