package io.mandate.issuer.registration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mandate.issuer.IssuerProperties;
import io.mandate.issuer.projection.IssuerProjection;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.InetAddress;
import java.time.Clock;

/** Wires dynamic registration; every part is stateless except the table behind {@link RegistrationStore}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RegistrationProperties.class)
class RegistrationConfiguration {

    @Bean
    CommandServiceClient registrarClient(RegistrationProperties properties, ObjectMapper mapper) {
        return new CommandServiceClient(properties, mapper);
    }

    @Bean
    RegistrationService registrationService(RegistrationProperties properties, JdbcTemplate jdbc,
                                            CommandServiceClient registrarClient, IssuerProjection projection,
                                            IssuerProperties issuer, Clock clock) {
        return new RegistrationService(properties, new RegistrationPolicy(properties),
                new SoftwareStatements(properties.softwareStatementIssuers(), clock),
                registrarClient, new RegistrationStore(jdbc), projection, issuer, clock);
    }

    /** For /oauth2/authorize (and any other place a client_id arrives): projection or metadata document. */
    @Bean
    ClientResolver clientResolver(RegistrationProperties properties, CommandServiceClient registrarClient,
                                  IssuerProjection projection, Clock clock) {
        SafeFetcher fetcher = new SafeFetcher(properties.metadataDocuments(), InetAddress::getAllByName, clock);
        return new MetadataDocumentResolver(properties, fetcher, new RegistrationPolicy(properties), registrarClient,
                projection, clock);
    }
}
