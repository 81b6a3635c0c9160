package io.mandate.issuer.token;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mandate.issuer.exchange.ExchangeFixture;
import io.mandate.issuer.web.CharsetGuardFilter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The three OAuth endpoints (token, introspection, revocation) with their error advice, on an
 * {@link ExchangeFixture}, as a standalone MockMvc: the HTTP contract (parameters, status codes,
 * RFC error bodies, headers) without Spring Boot, Kafka or PostgreSQL.
 */
public final class TokenEndpointHarness {

    private TokenEndpointHarness() {
    }

    /**
     * POST /oauth2/token takes the lean path of the running service ({@link TokenRequestFilter}); other
     * methods and spellings of the path reach the controller through MVC, as they do there.
     */
    public static MockMvc mockMvc(ExchangeFixture world) {
        TokenEndpoint token = new TokenEndpoint(world.authentication, world.service);
        TokenEndpointErrors errors = new TokenEndpointErrors();
        return MockMvcBuilders.standaloneSetup(
                        token,
                        new IntrospectionEndpoint(world.authentication, world.subjects, world.status),
                        new RevocationEndpoint(world.authentication, world.subjects, world.ledger))
                .setControllerAdvice(errors)
                .addFilters(new CharsetGuardFilter(), new TokenRequestFilter(token, errors, new ObjectMapper(),
                new TokenRequestMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry())))
                .setMessageConverters(new MappingJackson2HttpMessageConverter())
                .build();
    }
}
