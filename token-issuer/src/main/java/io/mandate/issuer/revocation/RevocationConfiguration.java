package io.mandate.issuer.revocation;

import io.mandate.issuer.projection.IssuerProjection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The revocation decision and the lineage store it walks, on the system clock (tests supply a {@code @Primary} fixed one). */
@Configuration(proxyBeanMethods = false)
class RevocationConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    TokenLineage tokenLineage(Clock clock) {
        return new TokenLineage(clock);
    }

    @Bean
    RevocationState revocationState(IssuerProjection projection, TokenLineage lineage) {
        return new RevocationState(projection, lineage);
    }
}
