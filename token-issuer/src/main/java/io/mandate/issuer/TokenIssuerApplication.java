package io.mandate.issuer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The authorization server agents talk to (RFC 6749, RFC 8693 token exchange, RFC 8414 metadata). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TokenIssuerApplication {

    public static void main(String[] args) {
        SpringApplication.run(TokenIssuerApplication.class, args);
    }
}
