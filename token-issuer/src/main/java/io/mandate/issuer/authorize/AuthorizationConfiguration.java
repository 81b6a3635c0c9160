package io.mandate.issuer.authorize;

import io.mandate.issuer.IssuerProperties;
import io.mandate.issuer.commandapi.CommandServiceGrants;
import io.mandate.issuer.commandapi.CommandServiceProperties;
import io.mandate.issuer.exchange.TokenService;
import io.mandate.issuer.ledger.TokenLedger;
import io.mandate.issuer.login.LocalUsers;
import io.mandate.issuer.projection.IssuerProjection;
import io.mandate.issuer.store.OwnTables;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Clock;
import java.util.List;

/** Wires the authorization code flow: request validation, the code store, redemption, the grant API client. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CommandServiceProperties.class)
@EnableScheduling
class AuthorizationConfiguration {

    @Bean
    AuthorizationRequests authorizationRequests(IssuerProjection projection) {
        return new AuthorizationRequests(projection);
    }

    @Bean
    AuthorizationErrorRedirects authorizationErrorRedirects(AuthorizationRequests requests, IssuerProperties issuer) {
        return new AuthorizationErrorRedirects(requests, issuer);
    }

    @Bean
    AuthorizationCodes authorizationCodes(JdbcTemplate jdbc, Clock clock) {
        return new AuthorizationCodes(jdbc, clock);
    }

    @Bean
    CodeRedemption codeRedemption(AuthorizationCodes codes, TokenService tokens, TokenLedger ledger, Clock clock) {
        return new CodeRedemption(codes, tokens, ledger, clock);
    }

    @Bean
    CommandServiceGrants commandServiceGrants(CommandServiceProperties properties) {
        return new CommandServiceGrants(properties);
    }

    @Bean
    OwnTables ownTables(JdbcTemplate jdbc) {
        return new OwnTables(jdbc, List.of(AuthorizationCodes.DDL, LocalUsers.DDL, io.mandate.issuer.login.LoginThrottle.DDL));
    }

    @Bean
    CodePurge codePurge(AuthorizationCodes codes, OwnTables tables) {
        return new CodePurge(codes, tables);
    }

    /** Deletes long-expired codes every few minutes (a reuse within the retention is still recognised). */
    static final class CodePurge {
        private final AuthorizationCodes codes;
        private final OwnTables tables;

        CodePurge(AuthorizationCodes codes, OwnTables tables) {
            this.codes = codes;
            this.tables = tables;
        }

        @Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT1M")
        void purge() {
            if (tables.ready()) {
                try {
                    codes.purge();
                } catch (RuntimeException e) {
                    // The next run retries; a code that lives longer in the table is still refused as expired.
                }
            }
        }
    }
}
