package io.mandate.system;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * A resource server as any team would write it from the Spring Security reference: Spring Boot,
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} and nothing else. It learns
 * Mandate's keys by metadata discovery from the issuer URI alone.
 */
@SpringBootApplication
class StockResourceServer {

    /** Starts it in this JVM on a random port. */
    static ConfigurableApplicationContext start(String issuerUri) {
        return new SpringApplicationBuilder(StockResourceServer.class)
                .web(WebApplicationType.SERVLET)
                .properties(Map.of(
                        "server.port", "0",
                        "server.address", "127.0.0.1",
                        "spring.main.banner-mode", "off",
                        "spring.security.oauth2.resourceserver.jwt.issuer-uri", issuerUri))
                .run();
    }

    static String url(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults()))
                .build();
    }

    @RestController
    static class WhoAmI {

        @GetMapping("/whoami")
        Map<String, Object> whoAmI(@AuthenticationPrincipal Jwt jwt) {
            return Map.of("sub", jwt.getSubject(), "client_id", jwt.getClaimAsString("client_id"));
        }
    }
}
