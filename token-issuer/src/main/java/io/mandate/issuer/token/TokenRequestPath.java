package io.mandate.issuer.token;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Wires the lean path of {@code POST /oauth2/token} ({@link TokenRequestFilter}) into the running
 * service: a configuration rather than a scanned filter, so MVC test slices without the token
 * endpoint do not get a filter that needs it.
 */
@Configuration(proxyBeanMethods = false)
class TokenRequestPath {

    /** After the charset guard (highest precedence), well ahead of the security filter chain (-100). */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    @Bean
    FilterRegistrationBean<TokenRequestFilter> tokenRequestFilter(TokenEndpoint endpoint, TokenEndpointErrors errors,
                                                                  ObjectMapper json, MeterRegistry registry) {
        FilterRegistrationBean<TokenRequestFilter> registration = new FilterRegistrationBean<>(
                new TokenRequestFilter(endpoint, errors, json, new TokenRequestMetrics(registry)));
        registration.setOrder(ORDER);
        // The container's (decoded, normalised) match; the filter itself takes only the exact raw path.
        registration.addUrlPatterns(TokenEndpoint.PATH);
        return registration;
    }

    /** The route is timed by mandate.token.requests instead (TokenRequestMetrics). */
    @Bean
    static ObservationPredicate tokenRequestsTimedApart() {
        return TokenRequestMetrics.tokenRequestsTimedApart();
    }
}
