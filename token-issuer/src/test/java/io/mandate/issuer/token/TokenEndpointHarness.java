package io.mandate.issuer.token;

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

    public static MockMvc mockMvc(ExchangeFixture world) {
        return MockMvcBuilders.standaloneSetup(
                        new TokenEndpoint(world.authentication, world.service),
                        new IntrospectionEndpoint(world.authentication, world.subjects, world.status),
                        new RevocationEndpoint(world.authentication, world.subjects, world.ledger))
                .setControllerAdvice(new TokenEndpointErrors())
                .addFilters(new CharsetGuardFilter())
                .setMessageConverters(new MappingJackson2HttpMessageConverter())
                .build();
    }
}
