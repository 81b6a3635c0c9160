package io.mandate.issuer.exchange;

import io.mandate.issuer.IssuerProperties;
import io.mandate.issuer.client.AssertionVerifiers;
import io.mandate.issuer.client.ClientAuthentication;
import io.mandate.issuer.crypto.CryptoProvider;
import io.mandate.issuer.keys.SigningKeys;
import io.mandate.issuer.ledger.TokenLedger;
import io.mandate.issuer.projection.IssuerProjection;
import io.mandate.issuer.revocation.RevocationState;
import io.mandate.issuer.token.TokenProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** Wires client authentication, subject verification, the rules, minting and the token service. */
@Configuration(proxyBeanMethods = false)
class ExchangeConfiguration {

    @Bean
    AssertionVerifiers assertionVerifiers(CryptoProvider provider) {
        return new AssertionVerifiers(provider);
    }

    @Bean
    ClientAuthentication clientAuthentication(IssuerProjection projection, IssuerProperties issuer,
                                              TokenProperties properties, AssertionVerifiers verifiers, Clock clock) {
        return new ClientAuthentication(projection, issuer, properties, verifiers, clock);
    }

    @Bean
    ExternalIssuers externalIssuers(TrustedIssuersProperties trusted, TokenProperties properties,
                                    CryptoProvider provider, Clock clock) {
        return new ExternalIssuers(trusted, properties, provider, clock);
    }

    @Bean
    SubjectTokens subjectTokens(IssuerProperties issuer, SigningKeys keys, ExternalIssuers external,
                                TokenProperties properties, VerifiedTokenCacheProperties cache, Clock clock) {
        return new SubjectTokens(issuer, keys, external, properties, clock, cache.newCache());
    }

    @Bean
    ExchangeRules exchangeRules(IssuerProjection projection, RevocationState revocations, TokenProperties properties,
                                IssuerProperties issuer) {
        return new ExchangeRules(projection, revocations, properties, issuer.url().toString());
    }

    @Bean
    TokenStatus tokenStatus(RevocationState revocations, IssuerProjection projection, TokenLedger ledger,
                            IssuerProperties issuer, Clock clock) {
        return new TokenStatus(revocations, projection, ledger, issuer.url().toString(), clock);
    }

    @Bean
    TokenService tokenService(ExchangeRules rules, SubjectTokens subjects, SigningKeys keys, TokenLedger ledger,
                              IssuerProjection projection, TokenProperties properties, IssuerProperties issuer,
                              Clock clock) {
        String issuerId = issuer.url().toString();
        return new TokenService(rules, subjects, new TokenMinter(issuerId, properties.headerType()), keys, ledger, projection, properties,
                issuerId, clock);
    }
}
