package io.mandate.issuer.crypto;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

/** Selects the crypto provider once and makes the choice visible to operators. */
@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

    @Bean
    CryptoProvider cryptoProvider() {
        return CryptoProviderSelector.select();
    }

    /** {@code /actuator/info} → {@code crypto.provider}, {@code crypto.accelerated}. */
    @Bean
    InfoContributor cryptoInfoContributor(CryptoProvider provider) {
        return builder -> builder.withDetail("crypto",
                Map.of("provider", provider.name(), "accelerated", provider.accelerated()));
    }

    /**
     * A gauge tagged with the provider, so a fleet dashboard shows which instances fell back to
     * the slower JDK signing (value 1 = accelerated).
     */
    @Bean
    MeterBinder cryptoProviderGauge(CryptoProvider provider) {
        return registry -> Gauge.builder("mandate.crypto.provider", () -> provider.accelerated() ? 1 : 0)
                .description("The JCA provider used for token signing (1 = native AWS-LC, 0 = JDK)")
                .tag("provider", provider.name())
                .register(registry);
    }
}
