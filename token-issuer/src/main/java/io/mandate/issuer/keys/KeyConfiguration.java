package io.mandate.issuer.keys;

import io.mandate.issuer.crypto.CryptoProvider;
import io.mandate.issuer.ledger.TokenLedger;
import io.mandate.issuer.projection.IssuerProjection;
import io.mandate.issuer.token.TokenProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The signing keys and their rotation; the health component is named {@code signingKey}. */
@Configuration(proxyBeanMethods = false)
class KeyConfiguration {

    @Bean
    SigningKeys signingKeys(CryptoProvider provider, IssuerProjection projection) {
        return new SigningKeys(provider, projection);
    }

    @Bean("signingKey")
    KeyRotation keyRotation(SigningKeys keys, TokenLedger ledger, TokenProperties properties, Clock clock) {
        return new KeyRotation(keys, ledger, properties, clock);
    }
}
