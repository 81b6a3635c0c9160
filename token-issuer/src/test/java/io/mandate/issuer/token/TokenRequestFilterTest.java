package io.mandate.issuer.token;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mandate.issuer.exchange.ExchangeFixture;
import io.mandate.messages.token.TokenExchangeRefused;
import io.mandate.messages.token.TokenExchanged;
import jakarta.servlet.FilterChain;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lean path of POST /oauth2/token: it answers the exact path itself, with the endpoint's body
 * and headers plus the headers the security chain would add, and lets everything else pass on to
 * the ordinary chain (security, MVC) untouched.
 */
class TokenRequestFilterTest {

    private final ExchangeFixture world = new ExchangeFixture();
    private final TokenEndpoint endpoint = new TokenEndpoint(world.authentication, world.service);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TokenRequestFilter filter = new TokenRequestFilter(endpoint, new TokenEndpointErrors(), new ObjectMapper(),
            new TokenRequestMetrics(registry));
    private final AtomicInteger passedOn = new AtomicInteger();
    private final FilterChain chain = (request, response) -> passedOn.incrementAndGet();

    @Test
    void exchangeOnTheExactPathIsAnsweredHereWithTheSecurityHeadersAndRecorded() throws Exception {
        MockHttpServletRequest request = exchange("/oauth2/token");
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, chain);

        assertThat(passedOn).hasValue(0);
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).isEqualTo(MediaType.APPLICATION_JSON_VALUE);
        assertThat(response.getHeader(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-store");
        assertThat(response.getHeader("Pragma")).isEqualTo("no-cache");
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.getContentLength()).isEqualTo(response.getContentAsByteArray().length);
        assertThat(new ObjectMapper().readTree(response.getContentAsString(StandardCharsets.UTF_8))
                .path("access_token").asText()).startsWith("ey");
        assertThat(world.ledger.events(TokenExchanged.class)).hasSize(1);
        assertThat(registry.get(TokenRequestMetrics.METER).tag("status", "200").tag("outcome", "SUCCESS").timer().count())
                .isEqualTo(1);
    }

    @Test
    void refusalOnTheExactPathIsTheRfcErrorWithItsChallengeAndOneRefusalEvent() throws Exception {
        MockHttpServletRequest request = exchange("/oauth2/token");
        request.removeHeader(HttpHeaders.AUTHORIZATION);
        request.addHeader(HttpHeaders.AUTHORIZATION, ExchangeFixture.basic("travel-agent", "wrong-secret"));
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
        assertThat(response.getHeader(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-store");
        assertThat(new ObjectMapper().readTree(response.getContentAsString()).path("error").asText())
                .isEqualTo("invalid_client");
        assertThat(world.ledger.events(TokenExchangeRefused.class)).hasSize(1);
        assertThat(world.ledger.events(TokenExchanged.class)).isEmpty();
        assertThat(registry.get(TokenRequestMetrics.METER).tag("status", "401").tag("outcome", "CLIENT_ERROR").timer()
                .count()).isEqualTo(1);
    }

    @Test
    void onlyTheTokenRouteLeavesTheHttpServerRequestsObservation() {
        ObservationPredicate predicate = TokenRequestMetrics.tokenRequestsTimedApart();
        MockHttpServletResponse response = new MockHttpServletResponse();

        assertThat(predicate.test("http.server.requests",
                new ServerRequestObservationContext(exchange("/oauth2/token"), response))).isFalse();
        assertThat(predicate.test("http.server.requests", new ServerRequestObservationContext(
                new MockHttpServletRequest("GET", "/oauth2/token"), response))).isTrue();
        assertThat(predicate.test("http.server.requests",
                new ServerRequestObservationContext(exchange("/oauth2/introspect"), response))).isTrue();
        assertThat(predicate.test("http.server.requests",
                new ServerRequestObservationContext(exchange("/oauth2/token/"), response))).isTrue();
    }

    @Test
    void otherMethodsAndOtherSpellingsOfThePathGoTheOrdinaryWay() throws Exception {
        for (MockHttpServletRequest request : new MockHttpServletRequest[] {
                new MockHttpServletRequest("GET", "/oauth2/token"),
                exchange("/oauth2/token/"),
                exchange("/oauth2//token"),
                exchange("/oauth2/token;x=1"),
                exchange("/oauth2/%74oken"),
                exchange("/oauth2/introspect")}) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            filter.doFilter(request, response, chain);
            assertThat(response.getContentAsByteArray()).as(request.getRequestURI()).isEmpty();
        }
        assertThat(passedOn).hasValue(6);
        assertThat(world.ledger.events()).isEmpty();
    }

    private MockHttpServletRequest exchange(String uri) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
        request.setContentType(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
        request.addHeader(HttpHeaders.AUTHORIZATION, ExchangeFixture.basic("travel-agent", "travel-secret"));
        request.addParameter("grant_type", TokenEndpoint.TOKEN_EXCHANGE);
        request.addParameter("subject_token", world.userToken("alice"));
        request.addParameter("subject_token_type", "urn:ietf:params:oauth:token-type:access_token");
        request.addParameter("scope", "calendar.read");
        request.addParameter("resource", ExchangeFixture.CALENDAR_API);
        return request;
    }
}
